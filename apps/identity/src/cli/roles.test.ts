import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliActor } from '../kernel/actor.js';
import { GOOD_PASSWORD, uniqueHandle } from '../test/client.js';
import { startTestHub, type TestHub } from '../test/hub.js';
import { runCli } from './commands.js';
import type { Hub } from './context.js';

function collector() {
  const chunks: string[] = [];
  return { write: (text: string) => chunks.push(text), text: () => chunks.join('') };
}

describe('the roles commands', () => {
  let hub: TestHub;
  let target: Hub;

  beforeAll(async () => {
    hub = await startTestHub();
    target = { services: hub.services, config: { issuer: hub.config.issuer, servicesDir: '/nonexistent' } };
    // Another admin, so the accounts these tests promote may step down again.
    await hub.services.accounts.create({
      handle: uniqueHandle('keeper'),
      displayName: 'Keeper',
      password: GOOD_PASSWORD,
      roles: ['admin'],
    });
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

  const account = async (roles: string[] = []) => {
    const handle = uniqueHandle('ops');
    const row = await hub.services.accounts.create({
      handle,
      displayName: 'Ops',
      password: GOOD_PASSWORD,
      roles,
    });
    return { ...row, handle };
  };

  it('grants and revokes a role by handle or number, audited as the OS user and told to the account', async () => {
    const { id, handle, accountNumber } = await account();
    const granted = await cli(['roles:grant', handle, 'admin']);
    expect(granted.code, granted.err).toBe(0);
    expect(granted.out).toBe(`@${handle} now has the role admin (roles: admin).\n`);
    expect(await hub.services.roles.of(id)).toEqual(['admin']);
    expect((await cli(['roles:grant', String(accountNumber), 'admin'])).out).toContain('nothing changed');

    const { entries } = await hub.services.audit.search({ targetId: id, action: 'role.granted' });
    expect(entries).toEqual([
      expect.objectContaining({
        actor: { accountId: null, label: 'root', via: 'cli' },
        details: { role: 'admin' },
      }),
    ]);
    const log = await hub.services.securityLog.list(id, { limit: 5 });
    expect(log.events[0]).toMatchObject({ type: 'role.granted', details: { role: 'admin', by: 'root' } });

    const revoked = await cli(['roles:revoke', handle, 'admin']);
    expect(revoked.code, revoked.err).toBe(0);
    expect(revoked.out).toBe(`@${handle} no longer has the role admin (roles: none).\n`);
  });

  it('refuses the last admin, unknown roles and unknown accounts (exit 1), and missing arguments (exit 2)', async () => {
    const only = await startTestHub();
    try {
      const admin = await only.services.accounts.create({
        handle: uniqueHandle('only'),
        displayName: 'Only',
        password: GOOD_PASSWORD,
        roles: ['admin'],
      });
      const out = collector();
      const err = collector();
      const code = await runCli(['roles:revoke', admin.id, 'admin'], {
        hub: { services: only.services, config: { issuer: only.config.issuer, servicesDir: '/nonexistent' } },
        out,
        err,
        actor: cliActor('root'),
      });
      expect(code).toBe(1);
      expect(err.text()).toContain('role.last_admin');
      expect(await only.services.roles.of(admin.id)).toEqual(['admin']);
    } finally {
      await only.close();
    }

    const { handle } = await account();
    const unknown = await cli(['roles:grant', handle, 'root']);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('role.unknown');
    expect((await cli(['roles:grant', 'nobody-here', 'support'])).code).toBe(1);
    expect((await cli(['roles:revoke', handle, 'support'])).err).toContain('role.not_held');
    expect((await cli(['roles:grant', handle])).code).toBe(2);
  });
});
