import {
  adminAccountsApi,
  adminAuditApi,
  adminClientsApi,
  adminRolesApi,
  adminServicesApi,
  consentApi,
  launcherApi,
  outboxApi,
  securityLogApi,
} from '@orbit/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testManifest } from '../services/testkit.js';
import { newStaff, type Staff } from '../test/admin.js';
import { TestBrowser, uniqueHandle } from '../test/client.js';
import { contractClient } from '../test/contracts.js';
import { startTestHub, type TestHub } from '../test/hub.js';

/**
 * The staff console's, the launcher's and the logs' endpoints of a real hub through the typed client, each answer
 * parsed by its declaration in `@orbit/contracts`: an answer that drifts from what the portal reads fails here.
 */
describe('the console endpoints answer as @orbit/contracts declares them', () => {
  let hub: TestHub;
  let staff: Staff;
  let member: { browser: TestBrowser; id: string };

  beforeAll(async () => {
    hub = await startTestHub();
    await hub.services.serviceRegistry.register(testManifest());
    staff = await newStaff(hub);
    const browser = new TestBrowser(hub);
    const signedUp = await browser.signUp({ handle: uniqueHandle('member'), email: 'member@example.com' });
    member = { browser, id: signedUp.body.account.id };
  });
  afterAll(async () => {
    await hub?.close();
  });

  it('accounts: the list, one page, and the writes on it; roles; the audit log; logs; connected apps', async () => {
    // The member's own connected apps, while it is still signed in (locking it below ends its session).
    expect((await contractClient(member.browser).call(consentApi.list)).consents).toEqual([]);
    const api = adminAccountsApi;
    const as = contractClient(staff.browser);
    const page = await as.call(api.list, { query: { q: '', limit: 5 } });
    expect(page.total).toBeGreaterThanOrEqual(2);
    const account = { params: { id: member.id } };
    expect((await as.call(api.get, account)).account).toMatchObject({ id: member.id, status: 'active' });

    const edited = await as.call(api.updateProfile, {
      ...account,
      body: { displayName: 'Renamed', timeZone: 'UTC' },
    });
    expect(edited.account).toMatchObject({ displayName: 'Renamed', timeZone: 'UTC' });
    const locked = await as.call(api.lock, { ...account, body: { reason: 'Contract test' } });
    expect(locked.account.status).toBe('locked');
    expect(locked.sessionsEnded).toBe(1);
    const unlocked = await as.call(api.unlock, { ...account, body: { reason: 'Contract test' } });
    expect(unlocked).toMatchObject({ wasLocked: true, account: { status: 'active' } });
    expect((await as.call(api.revokeAllSessions, account)).sessionsEnded).toBe(0);
    expect((await as.call(api.resendVerification, account)).address).toBe('member@example.com');

    expect((await as.call(adminRolesApi.grant, { ...account, body: { role: 'support' } })).roles).toEqual([
      'support',
    ]);
    expect(
      (await as.call(adminRolesApi.revoke, { params: { id: member.id, role: 'support' } })).roles,
    ).toEqual([]);
    const catalog = (await as.call(adminServicesApi.roles)).roles;
    expect(catalog.map((r) => r.role)).toEqual(expect.arrayContaining(['admin', 'support']));

    const audit = await as.call(adminAuditApi.search, { query: { target: member.id } });
    expect(audit.entries.map((e) => e.action)).toEqual(
      expect.arrayContaining(['account.locked', 'account.unlocked', 'role.granted', 'role.revoked']),
    );
    const log = await as.call(securityLogApi.account, { ...account, query: { limit: 50 } });
    expect(log.events.map((e) => e.type)).toEqual(expect.arrayContaining(['role.granted']));
    expect((await contractClient(staff.browser).call(securityLogApi.mine)).events.length).toBeGreaterThan(0);
  });

  it('OIDC clients: register, read, edit, disable, enable, rotate, delete', async () => {
    const api = adminClientsApi;
    const as = contractClient(staff.browser);
    const created = await as.call(api.create, {
      body: {
        id: 'contract-reports',
        name: 'Reports',
        type: 'confidential',
        redirectUris: ['https://reports.example.com/callback'],
      },
    });
    expect(created.clientSecret).toMatch(/^[\w-]{40,}$/);
    const client = { params: { id: 'contract-reports' } };
    expect((await as.call(api.get, client)).client).toMatchObject({
      clientId: 'contract-reports',
      usesSecret: true,
    });
    expect(
      (await as.call(api.list, { query: { kind: 'standalone' } })).clients.map((c) => c.clientId),
    ).toContain('contract-reports');
    const edited = await as.call(api.update, { ...client, body: { name: 'Reports 2', scopes: ['openid'] } });
    expect(edited.client).toMatchObject({ name: 'Reports 2', scopes: ['openid'] });
    expect((await as.call(api.disable, client)).client.disabled).toBe(true);
    expect((await as.call(api.enable, client)).client.disabled).toBe(false);
    const rotated = await as.call(api.rotateSecret, { ...client, body: { graceHours: 1 } });
    expect(rotated.previousSecretExpiresAt).not.toBeNull();
    expect(rotated.client.secrets).toHaveLength(2);
    await expect(as.call(api.remove, client)).resolves.toBeUndefined();
  });

  it('services: the launcher, the admin list, disable and enable, a new secret; the outbox', async () => {
    const as = contractClient(staff.browser);
    const { services } = await as.call(launcherApi.list);
    const id = testManifest().id;
    expect(services.map((s) => s.id)).toContain(id);
    const admin = (await as.call(adminServicesApi.list)).services.find((s) => s.id === id);
    expect(admin?.client.clientId).toBe(id);
    expect((await as.call(adminServicesApi.disable, { params: { id } })).service.disabled).toBe(true);
    expect((await as.call(adminServicesApi.enable, { params: { id } })).service.disabled).toBe(false);
    const rotated = await as.call(adminServicesApi.rotateSecret, { params: { id }, body: { graceHours: 0 } });
    expect(rotated).toMatchObject({ previousSecretExpiresAt: null, credentialsFile: null });

    const outbox = await as.call(outboxApi.list, { query: { limit: 10 } });
    expect(outbox.mode).toBe('outbox');
    const first = outbox.messages[0];
    expect(first).toBeDefined();
    const message = await as.call(outboxApi.get, { params: { id: String(first?.id) } });
    expect(message.message).toMatchObject({ id: first?.id, bodyWithheld: false });
  });
});
