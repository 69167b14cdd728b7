import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliActor } from '../kernel/actor.js';
import { GOOD_PASSWORD, TestBrowser, uniqueHandle } from '../test/client.js';
import { startTestHub, type TestHub } from '../test/hub.js';
import { runCli } from './commands.js';
import type { Hub } from './context.js';

function collector() {
  const chunks: string[] = [];
  return { write: (text: string) => chunks.push(text), text: () => chunks.join('') };
}

describe('the accounts commands', () => {
  let hub: TestHub;
  let target: Hub;

  beforeAll(async () => {
    hub = await startTestHub();
    target = { services: hub.services, config: { issuer: hub.config.issuer, servicesDir: '/nonexistent' } };
  });
  afterAll(async () => {
    await hub.close();
  });

  async function cli(argv: string[]) {
    const out = collector();
    const err = collector();
    const code = await runCli(argv, { hub: target, out, err, actor: cliActor('root') });
    return { code, out: out.text(), err: err.text() };
  }

  it('lets an operator back in the only admin, locked and locked out, from the terminal', async () => {
    const handle = uniqueHandle('admin');
    const admin = await hub.services.accounts.create({
      handle,
      displayName: 'Only Admin',
      password: GOOD_PASSWORD,
      roles: ['admin'],
    });
    // The only admin can't be locked (nobody could unlock them in the console)…
    const refused = await cli(['accounts:lock', handle, '--reason', 'Test']);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/role\.last_admin/);
    // …but the sign-in throttle can still lock them out.
    const { accountLimit } = hub.config.throttle;
    for (let n = 0; n < accountLimit; n++) {
      await new TestBrowser(hub, `198.51.100.${n + 1}`).signIn(handle, 'a wrong password');
    }
    expect((await new TestBrowser(hub, '198.51.100.200').signIn(handle)).status).toBe(429);

    const unlocked = await cli([
      'accounts:unlock',
      String(admin.accountNumber),
      '--reason',
      'Locked out, ticket 12',
    ]);
    expect(unlocked).toMatchObject({ code: 0, err: expect.stringContaining('lifted the sign-in lockout') });
    expect((await new TestBrowser(hub, '198.51.100.200').signIn(handle)).status).toBe(200);
    const [entry] = (await hub.services.audit.search({ targetId: admin.id })).entries;
    expect(entry).toMatchObject({
      action: 'account.unlocked',
      actor: { accountId: null, label: 'root', via: 'cli' },
      details: { reason: 'Locked out, ticket 12', throttleCleared: true },
    });
  });

  it('locks and unlocks any other account by id, number, handle or email, and shows it', async () => {
    const browser = new TestBrowser(hub);
    const handle = uniqueHandle('user');
    const { account } = (await browser.signUp({ handle })).body;
    const locked = await cli(['accounts:lock', account.id, '--reason', 'Spam']);
    expect(locked).toMatchObject({
      code: 0,
      err: expect.stringContaining(`Locked @${handle}: 1 sessions ended`),
    });
    expect((await browser.request('GET', '/api/me')).status).toBe(401);
    const shown = await cli(['accounts:show', handle]);
    expect(shown.code).toBe(0);
    expect(shown.out).toMatch(/status\s+locked/);
    expect(shown.out).toMatch(/reason\s+Spam/);
    const asJson = JSON.parse((await cli(['accounts:show', account.accountNumber, '--json'])).out);
    expect(asJson).toMatchObject({
      id: account.id,
      status: 'locked',
      lockedBy: { accountId: null, label: null },
    });

    const twice = await cli(['accounts:lock', handle, '--reason', 'Again']);
    expect(twice.code).toBe(1);
    expect(twice.err).toMatch(/already locked/);
    expect((await cli(['accounts:unlock', handle, '--reason', 'Cleared'])).code).toBe(0);
    expect((await new TestBrowser(hub).signIn(handle)).status).toBe(200);
  });

  it('refuses an unknown account (exit 1) and a missing or empty reason (exit 2)', async () => {
    const missing = await cli(['accounts:unlock', 'nobody-here', '--reason', 'x']);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/no account nobody-here/);
    expect((await cli(['accounts:unlock', 'nobody-here'])).code).toBe(2);
    expect((await cli(['accounts:unlock', 'nobody-here', '--reason', '   '])).code).toBe(2);
    expect((await cli(['accounts:lock', 'nobody-here', '--reason', 'x'.repeat(501)])).code).toBe(2);
    expect((await cli(['accounts:show'])).code).toBe(2);
  });
});
