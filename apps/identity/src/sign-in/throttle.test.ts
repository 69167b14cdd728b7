import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GOOD_PASSWORD, TestBrowser } from '../test/client.js';
import { startTestHub, type TestHub } from '../test/hub.js';

describe('sign-in throttling', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(async () => {
    await hub.close();
  });

  it('gives 429 with Retry-After by the tenth wrong password for one account, even with the right one after', async () => {
    const { account } = (await new TestBrowser(hub, '10.0.0.1').signUp()).body;
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) {
      // Spread over many addresses: the per-account limit must hold on its own.
      statuses.push(
        (await new TestBrowser(hub, `10.0.1.${i}`).signIn(account.accountNumber, `wrong-${i}-guess`)).status,
      );
    }
    expect(statuses.slice(0, 9)).toEqual(Array(9).fill(401));
    expect(statuses[9]).toBe(429);
    const locked = await new TestBrowser(hub, '10.0.2.1').signIn(account.handle, GOOD_PASSWORD);
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe('auth.too_many_attempts');
    const retryAfter = Number(locked.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect(locked.body.error.details.retryAfterSeconds).toBe(retryAfter);

    hub.clock.advance(retryAfter * 1000 + 1000);
    expect((await new TestBrowser(hub, '10.0.2.1').signIn(account.handle, GOOD_PASSWORD)).status).toBe(200);
  });

  it('locks an unknown identifier the same way, so lockouts reveal nothing', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      statuses.push(
        (await new TestBrowser(hub, `10.1.0.${i}`).signIn('ghost-account', 'wrong-guess-here')).status,
      );
    }
    expect(statuses.slice(0, 9)).toEqual(Array(9).fill(401));
    expect(statuses.slice(9)).toEqual([429, 429]);
  });

  it('limits one address trying many accounts', async () => {
    const ip = '10.2.0.1';
    let last = 0;
    for (let i = 0; i < hub.config.throttle.ipLimit; i++) {
      last = (await new TestBrowser(hub, ip).signIn(`nobody${i}`, 'wrong-guess-here')).status;
    }
    expect(last).toBe(429);
    const otherIp = await new TestBrowser(hub, '10.2.0.2').signIn('nobody-else', 'wrong-guess-here');
    expect(otherIp.status).toBe(401);
  });

  it('starts counting afresh after a successful sign-in', async () => {
    const { account } = (await new TestBrowser(hub, '10.3.0.1').signUp()).body;
    for (let i = 0; i < 8; i++)
      await new TestBrowser(hub, '10.3.0.2').signIn(account.handle, 'wrong-guess-here');
    expect((await new TestBrowser(hub, '10.3.0.2').signIn(account.handle)).status).toBe(200);
    for (let i = 0; i < 8; i++) {
      expect((await new TestBrowser(hub, '10.3.0.2').signIn(account.handle, 'wrong-guess-here')).status).toBe(
        401,
      );
    }
  });
});
