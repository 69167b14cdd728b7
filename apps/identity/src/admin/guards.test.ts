import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STEP_UP_MAX_AGE_SECONDS } from '../passkeys/index.js';
import { testManifest } from '../services/testkit.js';
import { newStaff, type Staff } from '../test/admin.js';
import { TestBrowser } from '../test/client.js';
import { startTestHub, type TestHub } from '../test/hub.js';

describe('staff guards', () => {
  let hub: TestHub;
  let admin: Staff;
  let support: Staff;
  let user: TestBrowser;

  beforeAll(async () => {
    hub = await startTestHub();
    await hub.services.serviceRegistry.register(testManifest());
    admin = await newStaff(hub, ['admin']);
    support = await newStaff(hub, ['support']);
    user = new TestBrowser(hub);
    await user.signUp();
  });
  afterAll(async () => {
    await hub.close();
  });

  it('refuses an admin read or write to an ordinary user (403 auth.forbidden) and to no session (401)', async () => {
    for (const [method, path] of [
      ['GET', '/api/admin/audit'],
      ['GET', '/api/admin/services'],
      ['POST', `/api/admin/accounts/${admin.account.id}/roles`],
      ['POST', '/api/admin/services/mail/disable'],
    ] as const) {
      const reply = await user.request(method, path, method === 'POST' ? { role: 'admin' } : undefined);
      expect(reply.status, `${method} ${path}`).toBe(403);
      expect(reply.body.error.code).toBe('auth.forbidden');
      const anonymous = await new TestBrowser(hub).request(method, path);
      expect(anonymous.status, `${method} ${path}`).toBe(401);
    }
  });

  it('lets support read what its permissions allow, and nothing else', async () => {
    expect((await support.browser.request('GET', '/api/admin/audit')).status).toBe(200);
    expect(
      (await support.browser.request('GET', `/api/admin/accounts/${admin.account.id}/security-log`)).status,
    ).toBe(200);
    const services = await support.browser.request('GET', '/api/admin/services');
    expect(services.status).toBe(403);
    const grant = await support.browser.request('POST', `/api/admin/accounts/${support.account.id}/roles`, {
      role: 'admin',
    });
    expect(grant.status).toBe(403);
    expect(grant.body.error.code).toBe('auth.forbidden');
  });

  it('asks a staff member without a passkey to add one before any admin write (403 admin.passkey_required)', async () => {
    const bare = await newStaff(hub, ['admin'], { passkey: false });
    const reply = await bare.browser.request('POST', '/api/admin/services/mail/disable');
    expect(reply.status).toBe(403);
    expect(reply.body.error).toMatchObject({
      code: 'admin.passkey_required',
      message: 'Add a passkey to your account before making admin changes.',
    });
    // Reads don't need one.
    expect((await bare.browser.request('GET', '/api/admin/services')).status).toBe(200);
  });

  it('needs a passkey assertion in the last five minutes for a write (401 step_up_required)', async () => {
    const staff = await newStaff(hub, ['admin']);
    hub.clock.advance(STEP_UP_MAX_AGE_SECONDS * 1000 + 1);
    const stale = await staff.browser.request('POST', '/api/admin/services/mail/disable');
    expect(stale.status).toBe(401);
    expect(stale.body.error).toMatchObject({
      code: 'step_up_required',
      details: { maxAgeSeconds: STEP_UP_MAX_AGE_SECONDS },
    });
    await staff.stepUp();
    expect((await staff.browser.request('POST', '/api/admin/services/mail/disable')).status).toBe(200);
    expect((await staff.browser.request('POST', '/api/admin/services/mail/enable')).status).toBe(200);
  });

  it('refuses an admin write without the CSRF token, before anything else', async () => {
    const reply = await admin.browser.request('POST', '/api/admin/services/mail/disable', undefined, {
      headers: { 'x-csrf-token': 'forged' },
    });
    expect(reply.status).toBe(403);
    expect(reply.body.error.code).toBe('csrf.token_invalid');
    expect((await hub.services.serviceRegistry.get('mail'))?.disabled).toBe(false);
  });

  it('takes a revoked role away from the live session at its next request', async () => {
    const staff = await newStaff(hub, ['support']);
    expect((await staff.browser.request('GET', '/api/admin/audit')).status).toBe(200);
    await admin.stepUp();
    const revoked = await admin.browser.request(
      'DELETE',
      `/api/admin/accounts/${staff.account.id}/roles/support`,
    );
    expect(revoked.status).toBe(200);
    expect((await staff.browser.request('GET', '/api/admin/audit')).status).toBe(403);
  });
});
