import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newStaff, type Staff } from '../test/admin.js';
import {
  client,
  discover,
  FlowBrowser,
  location,
  type OidcTestServer,
  startOidcTestServer,
} from '../test/oidc.js';
import { testManifest } from './test-manifest.js';

const MAIL_ORIGIN = 'http://localhost:9995';
const MAIL_CALLBACK = `${MAIL_ORIGIN}/auth/callback`;
const POSTMASTER = { name: 'postmaster', label: { en: 'Postmaster', 'zh-CN': '邮件管理员' } };
const ARCHIVIST = { name: 'archivist', label: { en: 'Archivist', 'zh-CN': '归档员' } };

/** From the console to the service: an admin grants and revokes a service role; the service's tokens follow. */
describe('service roles, granted by an admin, seen by the service', () => {
  let server: OidcTestServer;
  let mail: client.Configuration;
  let admin: Staff;
  let member: FlowBrowser;
  let memberId: string;

  beforeAll(async () => {
    server = await startOidcTestServer();
    const registered = await server.hub.services.serviceRegistry.register(
      testManifest({ roles: [POSTMASTER, ARCHIVIST] }),
      MAIL_ORIGIN,
    );
    mail = await discover(server, 'mail', registered.clientSecret!);
    admin = await newStaff(server.hub, ['admin']);
    member = new FlowBrowser(server.url);
    memberId = (await member.signUpAndIn()).id;
  });
  afterAll(async () => {
    await server.close();
  });

  const rolesPath = (role?: string) =>
    `/api/admin/accounts/${memberId}/roles${role === undefined ? '' : `/${encodeURIComponent(role)}`}`;
  const grant = (role: string) => admin.browser.request('POST', rolesPath(), { role });
  const revoke = (role: string) => admin.browser.request('DELETE', rolesPath(role));
  const catalogEntry = async (role: string) =>
    (await admin.browser.request('GET', '/api/admin/roles')).body.roles.find(
      (entry: { role: string }) => entry.role === role,
    );

  /** Signs the member in to Mail through the code flow, as the SDK would. */
  async function signInToMail() {
    const verifier = client.randomPKCECodeVerifier();
    const nonce = client.randomNonce();
    const url = client.buildAuthorizationUrl(mail, {
      redirect_uri: MAIL_CALLBACK,
      scope: 'openid profile',
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      nonce,
    });
    const res = await member.get(url.href);
    expect(res.status).toBe(302);
    return client.authorizationCodeGrant(mail, location(res), {
      pkceCodeVerifier: verifier,
      expectedNonce: nonce,
      idTokenExpected: true,
    });
  }

  it('grants a role Mail declares; Mail’s next sign-in carries it, and the console counts its holder', async () => {
    const granted = await grant('mail.postmaster');
    expect(granted.status).toBe(201);
    expect(granted.body.roles).toEqual(['mail.postmaster']);

    const tokens = await signInToMail();
    expect(tokens.claims()?.roles).toEqual(['mail.postmaster']);
    expect(decodeJwt(tokens.access_token).roles).toEqual(['mail.postmaster']);
    expect(await catalogEntry('mail.postmaster')).toMatchObject({
      kind: 'service',
      holders: 1,
      retired: false,
    });

    const audited = await server.hub.services.audit.search({ action: 'role.granted', targetId: memberId });
    expect(audited.entries[0]?.details).toEqual({ role: 'mail.postmaster' });
  });

  it('refuses a role no manifest declares, for a known service or an unknown one', async () => {
    for (const role of ['mail.editor', 'news.editor', 'mail.postmaster.x']) {
      const refused = await grant(role);
      expect(refused.status, role).toBe(400);
      expect(refused.body.error.code, role).toMatch(/^(role\.unknown|request\.invalid)$/);
    }
    expect((await grant('mail.editor')).body.error.code).toBe('role.unknown');
    expect((await grant('news.editor')).body.error.code).toBe('role.unknown');
  });

  it('shows a revocation at the next refresh', async () => {
    const tokens = await signInToMail();
    expect(tokens.claims()?.roles).toEqual(['mail.postmaster']);
    expect((await revoke('mail.postmaster')).status).toBe(200);
    const refreshed = await client.refreshTokenGrant(mail, tokens.refresh_token!);
    expect(refreshed.claims()?.roles).toEqual([]);
    expect(decodeJwt(refreshed.access_token).roles).toEqual([]);
  });

  it('retires a role the manifest drops: kept on the account, listed as retired, revocable, not grantable', async () => {
    expect((await grant('mail.archivist')).status).toBe(201);
    const registration = await server.hub.services.serviceRegistry.register(
      testManifest({ roles: [POSTMASTER] }),
      MAIL_ORIGIN,
    );
    expect(registration.retiredRoles).toEqual([{ role: 'mail.archivist', holders: 1 }]);

    expect(await catalogEntry('mail.archivist')).toMatchObject({ retired: true, holders: 1 });
    expect((await signInToMail()).claims()?.roles).toEqual([]);
    expect(await server.hub.services.roles.of(memberId)).toEqual(['mail.archivist']);

    const regrant = await grant('mail.archivist');
    expect(regrant.status).toBe(400);
    expect(regrant.body.error.code).toBe('role.unknown');

    const revoked = await revoke('mail.archivist');
    expect(revoked.status).toBe(200);
    expect(revoked.body.roles).toEqual([]);
    expect(await catalogEntry('mail.archivist')).toBeUndefined();
  });
});
