import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestBrowser } from '../test/client.js';
import { startTestHub, type TestHub } from '../test/hub.js';
import { authenticatorFor, enroll } from '../test/passkeys.js';

describe('second-factor throttling', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(async () => {
    await hub.close();
  });

  it('does not forgive wrong recovery codes when the password is typed again', async () => {
    const owner = new TestBrowser(hub);
    const { account } = (await owner.signUp()).body;
    await enroll(owner, authenticatorFor(hub));
    const limit = hub.config.throttle.accountLimit;

    // Someone who knows the password guesses recovery codes, signing in with the password again in between.
    const attacker = new TestBrowser(hub, '198.51.100.66');
    for (let i = 0; i < limit - 1; i++) {
      if (i % 3 === 0) expect((await attacker.signIn(account.accountNumber)).status).toBe(200);
      const guess = await attacker.request('POST', '/api/sign-in/second-factor/recovery-code', {
        code: 'aaaaa-aaaaa',
      });
      expect(guess.body.error.code).toBe('recovery_code.invalid');
    }
    expect((await attacker.signIn(account.accountNumber)).status).toBe(200);
    const last = await attacker.request('POST', '/api/sign-in/second-factor/recovery-code', {
      code: 'aaaaa-aaaaa',
    });
    expect(last.status).toBe(429);
    expect(last.body.error.code).toBe('auth.too_many_attempts');
  });
});
