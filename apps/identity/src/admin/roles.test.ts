import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messagesTo, verifiedAccount } from '../email/testkit.js';
import type { AuditActor } from '../kernel/actor.js';
import { newStaff, type Staff } from '../test/admin.js';
import { GOOD_PASSWORD, TestBrowser, uniqueHandle } from '../test/client.js';
import { startTestHub, type TestHub } from '../test/hub.js';

describe('granting and revoking roles', () => {
  let hub: TestHub;
  let admin: Staff;
  let member: TestBrowser;
  let memberId: string;

  beforeAll(async () => {
    hub = await startTestHub();
    admin = await newStaff(hub, ['admin']);
    member = new TestBrowser(hub);
    memberId = (await member.signUp()).body.account.id;
  });
  afterAll(async () => {
    await hub.close();
  });

  const rolesPath = (id: string, role?: string) =>
    `/api/admin/accounts/${id}/roles${role === undefined ? '' : `/${encodeURIComponent(role)}`}`;

  it('grants support: the account sees its roles and permissions, the audit log and its security log say so', async () => {
    const granted = await admin.browser.request('POST', rolesPath(memberId), { role: 'support' });
    expect(granted.status).toBe(201);
    expect(granted.body).toEqual({ roles: ['support'] });

    const session = (await member.request('GET', '/api/session')).body;
    expect(session.account.roles).toEqual(['support']);
    expect(session.permissions).toEqual([
      'accounts:read',
      'accounts:unlock',
      'accounts:resend-verification',
      'audit:read',
      'outbox:read',
    ]);
    expect((await member.request('GET', '/api/me')).body.account.roles).toEqual(['support']);

    const { entries } = await hub.services.audit.search({ action: 'role.granted', targetId: memberId });
    expect(entries).toEqual([
      expect.objectContaining({
        actor: { accountId: admin.account.id, label: `@${admin.handle}`, via: 'console' },
        target: { type: 'account', id: memberId, label: expect.stringMatching(/^@user/) },
        details: { role: 'support' },
        ip: '203.0.113.10',
        userAgent: expect.stringContaining('Mozilla'),
      }),
    ]);
    const log = (await member.request('GET', '/api/me/security-log')).body.events;
    expect(log[0]).toMatchObject({
      type: 'role.granted',
      details: { role: 'support', by: `@${admin.handle}` },
    });
  });

  it('grants the same role again as a no-op: 200, no second audit entry', async () => {
    const again = await admin.browser.request('POST', rolesPath(memberId), { role: 'support' });
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ roles: ['support'] });
    const { entries } = await hub.services.audit.search({ action: 'role.granted', targetId: memberId });
    expect(entries).toHaveLength(1);
  });

  it('refuses unknown roles and bad input with a 400, and unknown accounts with a 404', async () => {
    for (const role of ['root', 'news.editor', 'Admin', '', 'a'.repeat(200)]) {
      const reply = await admin.browser.request('POST', rolesPath(memberId), { role });
      expect(reply.status, role).toBe(400);
      expect(['role.unknown', 'request.invalid']).toContain(reply.body.error.code);
    }
    expect(
      (await admin.browser.request('POST', rolesPath(memberId), { role: 'admin', extra: 1 })).status,
    ).toBe(400);
    expect((await admin.browser.request('POST', rolesPath(memberId), {})).status).toBe(400);
    const unknown = await admin.browser.request('POST', rolesPath('00000000-0000-4000-8000-000000000000'), {
      role: 'support',
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('account.not_found');
    expect((await admin.browser.request('POST', rolesPath('not-a-uuid'), { role: 'support' })).status).toBe(
      404,
    );
  });

  it('revokes a role (404 role.not_held when it is not held), audited and logged for the account', async () => {
    const revoked = await admin.browser.request('DELETE', rolesPath(memberId, 'support'));
    expect(revoked.status).toBe(200);
    expect(revoked.body).toEqual({ roles: [] });
    expect((await member.request('GET', '/api/session')).body.permissions).toEqual([]);
    const missing = await admin.browser.request('DELETE', rolesPath(memberId, 'support'));
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('role.not_held');
    const { entries } = await hub.services.audit.search({ action: 'role.revoked', targetId: memberId });
    expect(entries).toHaveLength(1);
    const log = (await member.request('GET', '/api/me/security-log')).body.events;
    expect(log[0]).toMatchObject({ type: 'role.revoked', details: { role: 'support' } });
  });

  it('keeps the last admin: demoting or deleting them is refused with 409 role.last_admin, and nothing is audited', async () => {
    // A hub of its own: here the test decides who the admins are.
    const lone = await startTestHub();
    try {
      const only = await newStaff(lone, ['admin']);
      const demote = await only.browser.request('DELETE', rolesPath(only.account.id, 'admin'));
      expect(demote.status).toBe(409);
      expect(demote.body.error.code).toBe('role.last_admin');
      expect((await lone.services.audit.search({ action: 'role.revoked' })).entries).toEqual([]);

      const deletion = await only.browser.request('DELETE', '/api/me', {
        confirm: only.account.accountNumber,
        password: GOOD_PASSWORD,
      });
      expect(deletion.status).toBe(409);
      expect(deletion.body.error.code).toBe('role.last_admin');

      // With a second admin, either may go.
      const second = await newStaff(lone, ['admin']);
      expect((await second.browser.request('DELETE', rolesPath(only.account.id, 'admin'))).status).toBe(200);
      const last = await second.browser.request('DELETE', rolesPath(second.account.id, 'admin'));
      expect(last.status).toBe(409);
    } finally {
      await lone.close();
    }
  });

  it('leaves one admin when two admins demote each other at the same moment', async () => {
    const race = await startTestHub();
    try {
      const actor = (label: string): AuditActor => ({
        accountId: null,
        label,
        via: 'cli',
        ip: null,
        userAgent: '',
      });
      for (let round = 0; round < 3; round++) {
        const ids: string[] = [];
        for (const name of ['a', 'b']) {
          const handle = uniqueHandle(`race${name}`);
          ids.push(
            (
              await race.services.accounts.create({
                handle,
                displayName: name,
                password: GOOD_PASSWORD,
                roles: ['admin'],
              })
            ).id,
          );
        }
        // Every earlier admin steps down first, so exactly these two are left.
        for (const other of await race.db.query.accountRoles.findMany({
          where: (r, { eq }) => eq(r.role, 'admin'),
        })) {
          if (!ids.includes(other.accountId))
            await race.services.roles.revoke(actor('setup'), other.accountId, 'admin');
        }
        const [a, b] = ids as [string, string];
        const outcomes = await Promise.allSettled([
          race.services.roles.revoke(actor('a'), b, 'admin'),
          race.services.roles.revoke(actor('b'), a, 'admin'),
        ]);
        expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
        const refused = outcomes.find((o) => o.status === 'rejected');
        expect((refused as PromiseRejectedResult).reason).toMatchObject({
          status: 409,
          code: 'role.last_admin',
        });
        const admins = await race.db.query.accountRoles.findMany({
          where: (r, { eq }) => eq(r.role, 'admin'),
        });
        expect(admins).toHaveLength(1);
      }
    } finally {
      await race.close();
    }
  });

  it('mails the owner when a hub role is granted or revoked, not for a service role', async () => {
    const ada = await verifiedAccount(hub, { locale: 'zh-CN' });
    await admin.browser.request('POST', rolesPath(ada.id), { role: 'admin' });
    await admin.browser.request('DELETE', rolesPath(ada.id, 'admin'));
    const mails = await messagesTo(hub, ada.email);
    expect(mails.map((m) => [m.template, m.locale])).toEqual([
      ['staff_role_changed', 'zh-CN'],
      ['staff_role_changed', 'zh-CN'],
    ]);
    expect(mails[0]?.subject).toContain('管理员');
    expect(mails[1]?.subject).toContain('不再');
  });

  it('makes accounts with roles through accounts.create, and none by default', async () => {
    const handle = uniqueHandle('made');
    const made = await hub.services.accounts.create({
      handle,
      displayName: 'Made',
      password: GOOD_PASSWORD,
      roles: ['support', 'admin'],
    });
    expect(await hub.services.roles.of(made.id)).toEqual(['admin', 'support']);
    const plain = await hub.services.accounts.create({
      handle: uniqueHandle(),
      displayName: 'Plain',
      password: GOOD_PASSWORD,
    });
    expect(await hub.services.roles.of(plain.id)).toEqual([]);
  });
});
