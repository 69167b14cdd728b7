import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/commands.js';
import { cliActor } from '../kernel/actor.js';
import { newStaff } from '../test/admin.js';
import {
  client,
  discover,
  FlowBrowser,
  location,
  type OidcTestServer,
  startOidcTestServer,
} from '../test/oidc.js';
import { TEST_ICON, testManifest } from './test-manifest.js';

const MAIL_ORIGIN = 'http://localhost:9981';
const NOTES_ORIGIN = 'http://localhost:9982';
const EXCHANGE = 'urn:ietf:params:oauth:grant-type:token-exchange';
const ACCESS_TOKEN = 'urn:ietf:params:oauth:token-type:access_token';
const both = (en: string) => ({ en, 'zh-CN': en });

/** Notes offers two scopes; Mail calls one of them, and asks for one Notes does not offer. */
const notesManifest = (offers = ['notes:read', 'notes:write']) =>
  testManifest({
    id: 'notes',
    name: 'Notes',
    defaultPort: 4102,
    badge: false,
    api: { offers: offers.map((scope) => ({ scope, description: both(`May ${scope}`) })) },
  });
const mailManifest = (scopes = ['notes:read', 'notes:admin']) =>
  testManifest({ api: { calls: [{ service: 'notes', scopes }] } });

describe('calls between services: grants, client_credentials with resource, token exchange', () => {
  let server: OidcTestServer;
  let mailSecret: string;
  let notesSecret: string;

  /** A token request as a service, with HTTP Basic client authentication. */
  async function token(id: string, secret: string, params: Record<string, string>) {
    const res = await fetch(`${server.url}/oidc/token`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams(params),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }
  const asMail = (params: Record<string, string>) => token('mail', mailSecret, params);
  const grants = () => server.hub.services.serviceCalls.list();

  /** Signs a new user in to Mail through the code flow, as the SDK does: Mail's tokens for that user. */
  async function userTokensOfMail() {
    const mail = await discover(server, 'mail', mailSecret);
    const browser = new FlowBrowser(server.url);
    const account = await browser.signUpAndIn();
    const verifier = client.randomPKCECodeVerifier();
    const url = client.buildAuthorizationUrl(mail, {
      redirect_uri: `${MAIL_ORIGIN}/auth/callback`,
      scope: 'openid profile',
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state: 'xyz',
    });
    const res = await browser.get(url.href);
    const tokens = await client.authorizationCodeGrant(mail, location(res), {
      pkceCodeVerifier: verifier,
      expectedState: 'xyz',
    });
    return { account, accessToken: tokens.access_token };
  }

  beforeAll(async () => {
    server = await startOidcTestServer();
    // Mail registers first: its grant waits for Notes, which registers after.
    mailSecret = (await server.hub.services.serviceRegistry.register(mailManifest(), MAIL_ORIGIN))
      .clientSecret!;
    notesSecret = (await server.hub.services.serviceRegistry.register(notesManifest(), NOTES_ORIGIN))
      .clientSecret!;
  });
  afterAll(async () => {
    await server.close();
  });

  it('records the calls a manifest makes, approved for the operator’s registration; drops what Notes doesn’t offer', async () => {
    expect(await grants()).toEqual([
      expect.objectContaining({
        caller: 'mail',
        target: 'notes',
        scope: 'notes:read',
        status: 'approved',
        offered: true,
        description: both('May notes:read'),
        decidedBy: null,
      }),
    ]);
  });

  it('advertises token exchange in discovery', async () => {
    const discovery = (await (await fetch(`${server.url}/.well-known/openid-configuration`)).json()) as {
      grant_types_supported: string[];
    };
    expect(discovery.grant_types_supported).toContain(EXCHANGE);
  });

  it('issues a client_credentials token addressed to the service the resource names, with its scopes only', async () => {
    for (const resource of [NOTES_ORIGIN, `${NOTES_ORIGIN}/`, 'urn:orbit:service:notes']) {
      const issued = await asMail({ grant_type: 'client_credentials', resource });
      expect(issued.status, resource).toBe(200);
      expect(issued.body.scope).toBe('notes:read');
      const claims = decodeJwt(String(issued.body.access_token));
      expect(claims).toMatchObject({ aud: 'notes', sub: 'mail', client_id: 'mail', scope: 'notes:read' });
      expect(claims.act).toBeUndefined();
    }
    // Asked for more than it may: requested ∩ offered ∩ approved.
    const narrowed = await asMail({
      grant_type: 'client_credentials',
      resource: NOTES_ORIGIN,
      scope: 'notes:read notes:write accounts:read',
    });
    expect(narrowed.body.scope).toBe('notes:read');
    // Without a resource: the hub's API, as before.
    const hub = await asMail({ grant_type: 'client_credentials' });
    expect(decodeJwt(String(hub.body.access_token))).toMatchObject({
      aud: server.url,
      scope: 'accounts:read entitlements:read',
    });
  });

  it('refuses an unknown resource (invalid_target) and a scope nothing grants (invalid_scope)', async () => {
    for (const resource of [
      'http://localhost:1',
      'urn:orbit:service:news',
      'not a uri',
      `${NOTES_ORIGIN}/api`,
    ]) {
      const refused = await asMail({ grant_type: 'client_credentials', resource });
      expect(refused.status, resource).toBe(400);
      expect(refused.body.error, resource).toBe('invalid_target');
    }
    const own = await asMail({ grant_type: 'client_credentials', resource: MAIL_ORIGIN });
    expect(own.body.error).toBe('invalid_target');
    const write = await asMail({
      grant_type: 'client_credentials',
      resource: NOTES_ORIGIN,
      scope: 'notes:write',
    });
    expect(write).toMatchObject({ status: 400, body: { error: 'invalid_scope' } });
    // Notes calls nothing of Mail's.
    const reverse = await token('notes', notesSecret, {
      grant_type: 'client_credentials',
      resource: MAIL_ORIGIN,
    });
    expect(reverse).toMatchObject({ status: 400, body: { error: 'invalid_scope' } });
  });

  it('exchanges a user’s access token for one addressed to Notes, acting for the user', async () => {
    const { account, accessToken } = await userTokensOfMail();
    const subject = decodeJwt(accessToken);
    const exchanged = await asMail({
      grant_type: EXCHANGE,
      subject_token: accessToken,
      subject_token_type: ACCESS_TOKEN,
      resource: NOTES_ORIGIN,
      scope: 'notes:read',
    });
    expect(exchanged.status).toBe(200);
    expect(exchanged.body).toMatchObject({
      issued_token_type: ACCESS_TOKEN,
      token_type: 'Bearer',
      scope: 'notes:read',
    });
    const claims = decodeJwt(String(exchanged.body.access_token));
    expect(claims).toMatchObject({
      sub: account.id,
      aud: 'notes',
      client_id: 'mail',
      scope: 'notes:read',
      act: { sub: 'mail' },
      sid: subject.sid,
    });
    expect(claims.exp).toBeLessThanOrEqual(subject.exp!);

    // The exchanged token is Notes', not Mail's: Notes may not trade it on, and Mail may not trade it again.
    const again = await asMail({
      grant_type: EXCHANGE,
      subject_token: String(exchanged.body.access_token),
      subject_token_type: ACCESS_TOKEN,
      resource: NOTES_ORIGIN,
    });
    expect(again).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
  });

  it('refuses a subject token issued to another client, a service token, a revoked grant and a locked account', async () => {
    const { account, accessToken } = await userTokensOfMail();
    const exchange = (id: string, secret: string, subject: string, extra: Record<string, string> = {}) =>
      token(id, secret, {
        grant_type: EXCHANGE,
        subject_token: subject,
        subject_token_type: ACCESS_TOKEN,
        resource: id === 'mail' ? NOTES_ORIGIN : MAIL_ORIGIN,
        ...extra,
      });
    // Notes holds Mail's user token: not its own.
    expect(await exchange('notes', notesSecret, accessToken)).toMatchObject({
      body: { error: 'invalid_grant' },
    });
    const serviceToken = String((await asMail({ grant_type: 'client_credentials' })).body.access_token);
    expect(await exchange('mail', mailSecret, serviceToken)).toMatchObject({
      body: { error: 'invalid_grant' },
    });
    expect(await exchange('mail', mailSecret, 'not.a.token')).toMatchObject({
      body: { error: 'invalid_grant' },
    });
    // Malformed requests.
    const malformed: Record<string, string>[] = [
      { subject_token_type: 'urn:ietf:params:oauth:token-type:id_token' },
      { requested_token_type: 'urn:ietf:params:oauth:token-type:refresh_token' },
      { actor_token: 'x', actor_token_type: ACCESS_TOKEN },
    ];
    for (const extra of malformed) {
      expect(await exchange('mail', mailSecret, accessToken, extra)).toMatchObject({
        status: 400,
        body: { error: 'invalid_request' },
      });
    }
    const noResource = await asMail({
      grant_type: EXCHANGE,
      subject_token: accessToken,
      subject_token_type: ACCESS_TOKEN,
    });
    expect(noResource.body.error).toBe('invalid_request');
    // Still good, then the account is locked: its grants go, and so does the exchange.
    expect((await exchange('mail', mailSecret, accessToken)).status).toBe(200);
    await server.hub.services.accountAdministration.lock.lock(cliActor('ops'), account.id, 'Test');
    expect(await exchange('mail', mailSecret, accessToken)).toMatchObject({
      body: { error: 'invalid_grant' },
    });

    const other = await userTokensOfMail();
    await server.hub.services.grants.revoke(String(decodeJwt(other.accessToken).gid), 'test');
    expect(await exchange('mail', mailSecret, other.accessToken)).toMatchObject({
      body: { error: 'invalid_grant' },
    });
  });

  it('keeps a revoked grant revoked through re-registration; an approval brings it back', async () => {
    await server.hub.services.serviceCalls.revoke(server.hub.db, null, {
      caller: 'mail',
      target: 'notes',
      scope: 'notes:read',
    });
    expect((await grants())[0]?.status).toBe('revoked');
    await server.hub.services.serviceRegistry.register(mailManifest(), MAIL_ORIGIN);
    expect((await grants())[0]?.status).toBe('revoked');
    const refused = await asMail({ grant_type: 'client_credentials', resource: NOTES_ORIGIN });
    expect(refused.body.error).toBe('invalid_scope');
    await server.hub.services.serviceCalls.approve(server.hub.db, null, {
      caller: 'mail',
      target: 'notes',
      scope: 'notes:read',
    });
    expect((await asMail({ grant_type: 'client_credentials', resource: NOTES_ORIGIN })).body.scope).toBe(
      'notes:read',
    );
  });

  it('waits for an admin when registered otherwise than by the operator', async () => {
    await server.hub.services.serviceRegistry.register(
      testManifest({
        id: 'news',
        name: 'News',
        defaultPort: 4103,
        perks: [],
        api: { calls: [{ service: 'notes', scopes: ['notes:write'] }] },
      }),
      'http://localhost:9983',
      { firstParty: false },
    );
    expect((await grants()).find((g) => g.caller === 'news')).toMatchObject({
      scope: 'notes:write',
      status: 'pending',
    });
  });

  it('lets an admin list, approve and revoke grants, with step-up, audited; support may not', async () => {
    const admin = await newStaff(server.hub, ['admin']);
    const listed = await admin.browser.request('GET', '/api/admin/service-calls');
    expect(listed.status).toBe(200);
    expect(listed.body.grants).toEqual([
      expect.objectContaining({ caller: 'mail', scope: 'notes:read', status: 'approved' }),
      expect.objectContaining({ caller: 'news', scope: 'notes:write', status: 'pending', offered: true }),
    ]);
    const news = { caller: 'news', target: 'notes', scope: 'notes:write' };
    const approved = await admin.browser.request('POST', '/api/admin/service-calls/approve', news);
    expect(approved.status).toBe(200);
    expect(approved.body.grant).toMatchObject({ ...news, status: 'approved', decidedBy: admin.account.id });
    // Again: nothing changes, nothing more is audited.
    expect((await admin.browser.request('POST', '/api/admin/service-calls/approve', news)).status).toBe(200);
    const audited = await server.hub.services.audit.search({ action: 'service_call.approved' });
    expect(audited.entries).toHaveLength(1);
    expect(audited.entries[0]).toMatchObject({
      target: { type: 'service', id: 'news' },
      details: { target: 'notes', scope: 'notes:write' },
    });
    const newsSecret = (await server.hub.services.serviceRegistry.rotateSecret('news', 0)).clientSecret;
    const issued = await token('news', newsSecret, {
      grant_type: 'client_credentials',
      resource: NOTES_ORIGIN,
    });
    expect(issued.body.scope).toBe('notes:write');

    const revoked = await admin.browser.request('POST', '/api/admin/service-calls/revoke', news);
    expect(revoked.body.grant.status).toBe('revoked');
    const refused = await token('news', newsSecret, {
      grant_type: 'client_credentials',
      resource: NOTES_ORIGIN,
    });
    expect(refused.body.error).toBe('invalid_scope');

    const unknown = await admin.browser.request('POST', '/api/admin/service-calls/approve', {
      ...news,
      scope: 'notes:admin',
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('service_call.not_found');
    const malformed = await admin.browser.request('POST', '/api/admin/service-calls/approve', {
      caller: 'news',
    });
    expect(malformed.status).toBe(400);

    const support = await newStaff(server.hub, ['support']);
    expect((await support.browser.request('GET', '/api/admin/service-calls')).status).toBe(403);
    expect((await support.browser.request('POST', '/api/admin/service-calls/approve', news)).status).toBe(
      403,
    );
  });

  it('services:register --third-party records the calls as pending and says so', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'orbit-calls-cli-'));
    try {
      const manifest = {
        id: 'games',
        name: 'Games',
        description: 'Games.',
        icon: TEST_ICON,
        defaultPort: 4104,
        scopes: ['openid'],
        api: { calls: [{ service: 'notes', scopes: ['notes:read'] }] },
      };
      const file = join(dir, 'manifest.mjs');
      await writeFile(file, `export const manifest = ${JSON.stringify(manifest)};\n`);
      const err: string[] = [];
      const code = await runCli(['services:register', file, '--third-party'], {
        hub: {
          services: server.hub.services,
          config: { issuer: server.hub.config.issuer, servicesDir: join(dir, 'services') },
        },
        out: { write: () => {} },
        err: { write: (text: string) => err.push(text) },
      });
      expect(code).toBe(0);
      expect(err.join('')).toContain('games: its calls to other services wait for an admin');
      expect((await grants()).find((g) => g.caller === 'games')).toMatchObject({
        scope: 'notes:read',
        status: 'pending',
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('shrinks grants when Notes stops offering a scope, and drops those Mail stops asking for', async () => {
    await server.hub.services.serviceRegistry.register(notesManifest(['notes:read']), NOTES_ORIGIN);
    expect((await grants()).map((g) => `${g.caller} ${g.scope}`)).toEqual([
      'games notes:read',
      'mail notes:read',
    ]);
    await server.hub.services.serviceRegistry.register(mailManifest(['notes:write']), MAIL_ORIGIN);
    expect((await grants()).filter((g) => g.caller === 'mail')).toEqual([]);
    const refused = await asMail({ grant_type: 'client_credentials', resource: NOTES_ORIGIN });
    expect(refused.body.error).toBe('invalid_scope');
  });
});
