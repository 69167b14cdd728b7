import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInThrottles } from '../db/schema.js';
import { emailTokens } from '../recovery/index.js';
import { TestBrowser } from '../test/client.js';
import { startTestHub, type TestHub } from '../test/hub.js';
import { createHousekeeping } from './housekeeping.js';

describe('housekeeping', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(async () => {
    await hub.close();
  });

  it('forgets finished throttle windows but keeps live locks', async () => {
    await new TestBrowser(hub, '10.50.0.1').signIn('ghost-one', 'wrong-guess-here');
    hub.clock.advance(5 * 60_000);
    for (let i = 0; i < 10; i++)
      await new TestBrowser(hub, `10.50.1.${i}`).signIn('ghost-two', 'wrong-guess-here');
    const housekeeping = createHousekeeping({ db: hub.db, clock: hub.clock, config: hub.config });
    hub.clock.advance(hub.config.throttle.windowMs - 4 * 60_000); // ghost-one's window is over; ghost-two is locked
    await housekeeping();
    const keys = (await hub.db.select({ key: signInThrottles.key }).from(signInThrottles)).map((r) => r.key);
    expect(keys).not.toContain('identifier:ghost-one');
    expect(keys).toContain('identifier:ghost-two'); // locked until window + lock
    hub.clock.advance(hub.config.throttle.lockMs);
    await housekeeping();
    expect(await hub.db.select().from(signInThrottles)).toEqual([]);
  });

  it('keeps a count of sign-ups per address for its whole hour', async () => {
    await hub.db.transaction((tx) =>
      hub.services.throttle.record([{ key: 'sign_up:ip:10.60.0.1', limit: 10, windowMs: 3_600_000 }], tx),
    );
    const housekeeping = createHousekeeping({ db: hub.db, clock: hub.clock, config: hub.config });
    const keys = async () =>
      (await hub.db.select({ key: signInThrottles.key }).from(signInThrottles)).map((r) => r.key);
    hub.clock.advance(hub.config.throttle.windowMs + 60_000);
    await housekeeping();
    expect(await keys()).toContain('sign_up:ip:10.60.0.1');
    hub.clock.advance(hub.config.throttle.signUpWindowMs);
    await housekeeping();
    expect(await keys()).not.toContain('sign_up:ip:10.60.0.1');
  });

  it('forgets emailed links a day after they expire', async () => {
    const email = 'housekeeping@example.org';
    await new TestBrowser(hub, '10.70.0.1').signUp({ email });
    const links = async () => (await hub.db.select().from(emailTokens)).filter((t) => t.address === email);
    expect(await links()).toHaveLength(1);
    const housekeeping = createHousekeeping({ db: hub.db, clock: hub.clock, config: hub.config });
    hub.clock.advance(24 * 60 * 60_000 + 1_000); // expired, but kept a day
    await housekeeping();
    expect(await links()).toHaveLength(1);
    hub.clock.advance(24 * 60 * 60_000);
    await housekeeping();
    expect(await links()).toEqual([]);
  });
});
