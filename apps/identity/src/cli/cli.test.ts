import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJWK, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices } from '../app.js';
import type { ClientView } from '../oidc/index.js';
import { startTestHub, type TestHub } from '../test/hub.js';
import { runCli } from './commands.js';
import type { CliEnv } from './context.js';

function collector() {
  const chunks: string[] = [];
  return { write: (text: string) => chunks.push(text), text: () => chunks.join('') };
}

describe('the hub command line', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(async () => {
    await hub.close();
  });

  async function cli(argv: string[], target: CliEnv['hub'] = hub) {
    const out = collector();
    const err = collector();
    const code = await runCli(argv, { hub: target, out, err });
    return { code, out: out.text(), err: err.text() };
  }

  /** Runs a command that must succeed and print JSON. */
  async function cliJson<T = ClientView & { clientSecret?: string }>(...argv: string[]): Promise<T> {
    const result = await cli(argv);
    expect(result, result.err).toMatchObject({ code: 0 });
    return JSON.parse(result.out) as T;
  }

  /** A client_credentials token request with `client_secret_basic`, as a service would make it. */
  const clientCredentials = (clientId: string, secret: string) =>
    hub.app.request('/oidc/token', {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(secret)}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'accounts:read' }).toString(),
    });

  /** Expects a usage error: exit 2 and one line on stderr containing `message`, nothing on stdout. */
  async function expectUsageError(argv: string[], message: string | RegExp, code = 2) {
    const result = await cli(argv);
    expect(result.code, result.err).toBe(code);
    expect(result.out).toBe('');
    expect(result.err.trimEnd().split('\n')).toHaveLength(1);
    expect(result.err).not.toMatch(/\n\s+at /);
    expect(result.err).toMatch(message);
  }

  const opensNothing: CliEnv['hub'] = () => {
    throw new Error('the database should not be opened');
  };

  it('lists the commands with one-line summaries, and each command’s flags, without opening the database', async () => {
    const help = await cli(['help'], opensNothing);
    expect(help.code).toBe(0);
    for (const name of [
      'migrate',
      'setup:link',
      'clients:create',
      'clients:list',
      'clients:show',
      'clients:update',
      'clients:rotate-secret',
      'clients:disable',
      'clients:enable',
      'keys:list',
      'keys:rotate',
      'keys:prune',
    ]) {
      expect(help.out).toMatch(new RegExp(`^  ${name} +\\S`, 'm'));
    }
    expect((await cli([], opensNothing)).out).toBe(help.out);

    const create = await cli(['clients:create', '--help'], opensNothing);
    expect(create.code).toBe(0);
    expect(create.out).toContain('Usage: npm run orbit -- clients:create --name NAME [flags]');
    expect(create.out).toMatch(/--redirect-uri URL +.*repeatable, or comma-separated/);
    expect(create.out).toMatch(/--type TYPE +.*one of: confidential, public/);
    expect((await cli(['help', 'clients:show'], opensNothing)).out).toContain('clients:show <id>');
    // Help wins over otherwise bad arguments.
    expect((await cli(['clients:update', '--bogus', '-h'], opensNothing)).code).toBe(0);
  });

  it('creates a confidential client whose secret, shown once, authenticates at the token endpoint', async () => {
    const result = await cli([
      'clients:create',
      '--name',
      'Mail',
      '--id',
      'mail',
      '--grant',
      'client_credentials',
      '--scope',
      'accounts:read',
    ]);
    expect(result.code, result.err).toBe(0);
    expect(result.err).toMatch(/shown only this once/);
    const created = JSON.parse(result.out) as ClientView & { clientSecret: string };
    expect(created).toMatchObject({
      clientId: 'mail',
      name: 'Mail',
      type: 'confidential',
      tokenEndpointAuthMethod: 'client_secret_basic',
      grantTypes: ['client_credentials'],
      scopes: ['accounts:read'],
      firstParty: false,
      disabled: false,
      idTokenSignedResponseAlg: 'RS256',
      clientSecret: expect.any(String),
    });

    const res = await clientCredentials('mail', created.clientSecret);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ token_type: 'Bearer', scope: 'accounts:read' });
    expect((await clientCredentials('mail', `${created.clientSecret}x`)).status).toBe(401);
  });

  it('creates a public client with redirect URIs from repeated and comma-separated flags, and no secret', async () => {
    const result = await cli([
      'clients:create',
      '--name',
      'Orbit Desktop',
      '--id',
      'desktop',
      '--type',
      'public',
      '--redirect-uri',
      'http://localhost:5000/cb,http://127.0.0.1:5000/cb',
      '--redirect-uri',
      'https://desktop.example/cb',
      '--post-logout-redirect-uri=https://desktop.example/bye',
      '--first-party',
      '--id-token-alg',
      'ES256',
    ]);
    expect(result.code, result.err).toBe(0);
    expect(result.err).toBe('');
    const created = JSON.parse(result.out) as ClientView & { clientSecret?: string };
    expect(created).toMatchObject({
      clientId: 'desktop',
      type: 'public',
      tokenEndpointAuthMethod: 'none',
      redirectUris: ['http://localhost:5000/cb', 'http://127.0.0.1:5000/cb', 'https://desktop.example/cb'],
      postLogoutRedirectUris: ['https://desktop.example/bye'],
      grantTypes: ['authorization_code', 'refresh_token'],
      firstParty: true,
      idTokenSignedResponseAlg: 'ES256',
    });
    expect(created.clientSecret).toBeUndefined();
  });

  it('lists the clients as a table and as JSON, and shows one', async () => {
    const list = await cli(['clients:list']);
    expect(list.code).toBe(0);
    const [header, ...rows] = list.out.trimEnd().split('\n');
    expect(header).toMatch(/^ID +NAME +TYPE +SERVICE +FIRST-PARTY +DISABLED +REDIRECT URIS$/);
    expect(rows.find((r) => r.startsWith('mail '))).toMatch(/^mail +Mail +confidential +- +no +no +-$/);
    expect(rows.find((r) => r.startsWith('desktop '))).toMatch(
      /^desktop +Orbit Desktop +public +- +yes +no +http:\/\/localhost:5000\/cb http:\/\/127\.0\.0\.1:5000\/cb https:\/\/desktop\.example\/cb$/,
    );

    const json = await cliJson<ClientView[]>('clients:list', '--json');
    expect(json.map((c) => c.clientId)).toEqual(expect.arrayContaining(['mail', 'desktop']));

    expect(await cliJson('clients:show', 'desktop')).toEqual(json.find((c) => c.clientId === 'desktop'));
    await expectUsageError(['clients:show', 'nope'], 'clients:show: no client nope', 1);
  });

  it('rotates a secret: the old one fails at once, the new one works', async () => {
    const { clientSecret: first } = await cliJson(
      'clients:create',
      '--name',
      'Rotating',
      '--id',
      'rotating',
      '--grant=client_credentials',
      '--scope=accounts:read',
      '--auth=client_secret_basic',
    );
    expect((await clientCredentials('rotating', first!)).status).toBe(200);

    const result = await cli(['clients:rotate-secret', 'rotating']);
    expect(result.code, result.err).toBe(0);
    expect(result.err).toMatch(/shown only this once/);
    const rotated = JSON.parse(result.out) as { clientId: string; clientSecret: string };
    const ends = new Date(hub.clock.now().getTime() + 24 * 3_600_000).toISOString();
    expect(rotated).toEqual({
      clientId: 'rotating',
      clientSecret: expect.any(String),
      previousSecretExpiresAt: ends,
    });
    expect(result.err).toContain(`The old secret keeps working until ${ends}`);
    expect(rotated.clientSecret).not.toBe(first);
    // Both work through the grace; then only the new one.
    expect((await clientCredentials('rotating', first!)).status).toBe(200);
    expect((await clientCredentials('rotating', rotated.clientSecret)).status).toBe(200);
    hub.clock.advance(24 * 3_600_000);

    const old = await clientCredentials('rotating', first!);
    expect(old.status).toBe(401);
    expect(await old.json()).toMatchObject({ error: 'invalid_client' });
    expect((await clientCredentials('rotating', rotated.clientSecret)).status).toBe(200);

    const atOnce = JSON.parse((await cli(['clients:rotate-secret', 'rotating', '--grace-hours=0'])).out);
    expect(atOnce.previousSecretExpiresAt).toBeNull();
    expect((await clientCredentials('rotating', rotated.clientSecret)).status).toBe(401);
    expect((await clientCredentials('rotating', atOnce.clientSecret)).status).toBe(200);
    await expectUsageError(['clients:rotate-secret', 'rotating', '--grace-hours=1.5'], /--grace-hours/);

    await expectUsageError(['clients:rotate-secret', 'desktop'], /does not authenticate with a secret/, 1);
    await expectUsageError(['clients:rotate-secret', 'nope'], /No client nope/, 1);
  });

  it('disables a client so it cannot authenticate, and enables it again', async () => {
    const { clientSecret } = await cliJson(
      'clients:create',
      '--name',
      'Switch',
      '--id',
      'switch',
      '--grant',
      'client_credentials',
      '--scope',
      'accounts:read',
    );
    const disabled = await cli(['clients:disable', 'switch']);
    expect(disabled).toMatchObject({ code: 0, out: expect.stringContaining('Disabled client switch') });
    expect((await cliJson('clients:show', 'switch')).disabled).toBe(true);
    const refused = await clientCredentials('switch', clientSecret!);
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ error: 'invalid_client' });
    expect((await cli(['clients:disable', 'switch'])).out).toMatch(/already disabled/);

    expect((await cli(['clients:enable', 'switch'])).code).toBe(0);
    expect((await cliJson('clients:show', 'switch')).disabled).toBe(false);
    expect((await clientCredentials('switch', clientSecret!)).status).toBe(200);
    await expectUsageError(['clients:enable', 'nope'], 'clients:enable: no client nope', 1);
  });

  it('prints the client as JSON with --json, deletes standalone clients, and audits each change', async () => {
    await cliJson(
      'clients:create',
      '--name',
      'Doomed',
      '--id',
      'doomed',
      '--redirect-uri',
      'https://d.example/cb',
    );
    const disabled = await cliJson('clients:disable', 'doomed', '--json');
    expect(disabled).toMatchObject({ clientId: 'doomed', disabled: true, service: null });
    expect(await cliJson('clients:disable', 'doomed', '--json')).toEqual(disabled);
    expect(await cliJson('clients:enable', 'doomed', '--json')).toMatchObject({ disabled: false });

    await expectUsageError(['clients:delete', 'doomed'], /--yes is required/);
    const deleted = await cliJson('clients:delete', 'doomed', '--yes', '--json');
    expect(deleted).toMatchObject({ clientId: 'doomed', name: 'Doomed' });
    expect(await hub.services.clients.get('doomed')).toBeUndefined();
    await expectUsageError(['clients:delete', 'doomed', '--yes'], 'clients:delete: no client doomed', 1);

    const { entries } = await hub.services.audit.search({ targetId: 'doomed' });
    expect(entries.map((e) => e.action)).toEqual([
      'client.deleted',
      'client.enabled',
      'client.disabled',
      'client.created',
    ]);
    expect(entries[0]?.actor).toMatchObject({ accountId: null, via: 'cli' });
  });

  it('updates only the settings given, keeping the rest', async () => {
    const before = await cliJson(
      'clients:create',
      '--name',
      'Calendar',
      '--id',
      'calendar',
      '--redirect-uri',
      'https://calendar.example/cb',
      '--post-logout-redirect-uri',
      'https://calendar.example/bye',
      '--backchannel-logout-uri',
      'https://calendar.example/logout',
      '--scope',
      'openid,profile',
      '--first-party',
    );
    const after = await cliJson(
      'clients:update',
      'calendar',
      '--redirect-uri',
      'https://calendar.example/callback',
      '--redirect-uri',
      'http://localhost:3000/callback',
    );
    const { redirectUris, ...unchanged } = after;
    expect(redirectUris).toEqual(['https://calendar.example/callback', 'http://localhost:3000/callback']);
    const { redirectUris: _old, clientSecret: _secret, ...rest } = before;
    expect(unchanged).toEqual(rest);

    // Turning a boolean off, clearing a URL and a list, changing the name.
    const changed = await cliJson(
      'clients:update',
      'calendar',
      '--no-first-party',
      '--backchannel-logout-uri',
      '',
      '--post-logout-redirect-uri',
      '',
      '--name',
      'Calendar 2',
    );
    expect(changed).toMatchObject({
      name: 'Calendar 2',
      firstParty: false,
      backchannelLogoutUri: null,
      postLogoutRedirectUris: [],
      redirectUris,
      scopes: ['openid', 'profile'],
    });

    await expectUsageError(
      ['clients:update', 'calendar', '--redirect-uri', 'https://ok.example/cb,http://evil.example/cb'],
      'clients:update: --redirect-uri "http://evil.example/cb": must be an absolute https URL (http only on localhost) without a fragment',
    );
    await expectUsageError(['clients:update', 'calendar'], /nothing to change/);
    await expectUsageError(['clients:update', 'calendar', '--type', 'public'], /unknown flag --type/);
    await expectUsageError(['clients:update', 'nope', '--name', 'X'], 'clients:update: no client nope', 1);
    await expectUsageError(
      ['clients:update', 'calendar', '--grant', 'authorization_code', '--redirect-uri', ''],
      '--redirect-uri: authorization_code needs a redirect URI',
    );
    expect((await cliJson('clients:show', 'calendar')).redirectUris).toEqual(redirectUris);
  });

  it('registers a private_key_jwt client from a JWKS file, refusing private keys', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'orbit-cli-'));
    const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
    const publicFile = join(dir, 'public.json');
    await writeFile(publicFile, JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid: 'k1' }] }));
    const privateFile = join(dir, 'private.json');
    await writeFile(privateFile, JSON.stringify(await exportJWK(privateKey)));

    const result = await cli([
      'clients:create',
      '--name',
      'Signer',
      '--auth',
      'private_key_jwt',
      '--jwks-file',
      publicFile,
      '--grant',
      'client_credentials',
      '--scope',
      'accounts:read',
    ]);
    expect(result.code, result.err).toBe(0);
    const created = JSON.parse(result.out) as ClientView & { clientSecret?: string };
    expect(created).toMatchObject({
      tokenEndpointAuthMethod: 'private_key_jwt',
      clientId: /^c_[0-9a-f]{16}$/,
    });
    expect(created.clientSecret).toBeUndefined();
    expect((await hub.services.clients.get(created.clientId))?.jwks?.keys[0]).toMatchObject({ kid: 'k1' });

    await expectUsageError(
      ['clients:create', '--name', 'Leaky', '--auth', 'private_key_jwt', '--jwks-file', privateFile],
      /holds a private or secret key/,
    );
    await expectUsageError(
      [
        'clients:create',
        '--name',
        'Lost',
        '--auth',
        'private_key_jwt',
        '--jwks-file',
        join(dir, 'none.json'),
      ],
      /--jwks-file .*none\.json: ENOENT/,
    );
    await expectUsageError(
      ['clients:create', '--name', 'Keyless', '--auth', 'private_key_jwt', '--grant', 'client_credentials'],
      '--jwks-file: private_key_jwt needs the client’s public keys',
    );
  });

  it('answers bad command lines with exit 2 and one line naming the problem', async () => {
    await expectUsageError(['clients:create', '--name', 'X', '--colour', 'red'], /unknown flag --colour/);
    await expectUsageError(
      ['clients:create', '--redirect-uri', 'https://x.example/cb'],
      'clients:create: --name is required (see "npm run orbit -- clients:create --help")',
    );
    await expectUsageError(['clients:create', '--name'], '--name needs a value');
    await expectUsageError(['clients:create', '--name', '--first-party'], '--name needs a value');
    await expectUsageError(
      ['clients:create', '--name', 'X', '--first-party=yes'],
      '--first-party takes no value',
    );
    await expectUsageError(
      ['clients:create', '--name', 'X', '--type', 'secret'],
      '--type must be one of confidential, public (not "secret")',
    );
    await expectUsageError(
      ['clients:create', '--name', 'X', '--scope', 'openid,admin'],
      /--scope must be one of openid, .* \(not "admin"\)/,
    );
    await expectUsageError(
      ['clients:create', '--name', 'X', '--redirect-uri', 'ftp://files.example/cb'],
      '--redirect-uri "ftp://files.example/cb": must be an absolute https URL',
    );
    await expectUsageError(
      ['clients:create', '--name', 'X'],
      '--redirect-uri: authorization_code needs a redirect URI',
    );
    await expectUsageError(
      ['clients:create', '--name', 'X', '--id', 'Bad Id', '--grant', 'client_credentials'],
      '--id "Bad Id": lower-case letters, digits',
    );
    await expectUsageError(
      [
        'clients:create',
        '--name',
        'X',
        '--type',
        'public',
        '--auth',
        'client_secret_post',
        '--redirect-uri',
        'https://x.example/cb',
      ],
      '--auth "client_secret_post": public clients authenticate with none',
    );
    await expectUsageError(['clients:show'], 'clients:show: missing <id>');
    await expectUsageError(['clients:show', 'a', 'b'], 'unexpected argument "b"');
    await expectUsageError(['clients:frobnicate'], 'Unknown command: clients:frobnicate');
    await expectUsageError(['help', 'clients:frobnicate'], 'Unknown command: clients:frobnicate');
    await expectUsageError(
      ['clients:create', '--name', 'Again', '--id', 'mail', '--grant', 'client_credentials'],
      'clients:create: A client with id mail exists already.',
      1,
    );
  });

  it('lists, rotates and prunes signing keys', async () => {
    const listed = await cli(['keys:list']);
    expect(listed.code).toBe(0);
    const [header, ...rows] = listed.out.trimEnd().split('\n');
    expect(header).toMatch(/^KID +ALG +STATE +CREATED +ACTIVATES +RETIRED$/);
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => / (RS256|ES256) +signing +\S+ +\S+ +-$/.test(r))).toBe(true);

    const rotated = await cli(['keys:rotate']);
    expect(rotated.code, rotated.err).toBe(0);
    const publishAheadMs = hub.config.oidc.jwksMaxAgeSeconds * 2 * 1000;
    const signsFrom = new Date(hub.clock.now().getTime() + publishAheadMs).toISOString();
    expect(rotated.out).toMatch(
      new RegExp(`^KID +ALG +SIGNS FROM\\n\\S+ +RS256 +${signsFrom}\\n\\S+ +ES256 +${signsFrom}\\n$`),
    );
    expect(rotated.err).toMatch(/Published 2 new keys/);

    const keys = await cliJson<{ kid: string; state: string }[]>('keys:list', '--json');
    expect(keys.map((k) => k.state).sort()).toEqual(['published', 'published', 'signing', 'signing']);

    expect((await cli(['keys:prune'])).out).toBe('Deleted 0 expired keys.\n');
    hub.clock.advance(publishAheadMs + hub.config.oidc.idTokenMs + 1000);
    const expired = await cliJson<{ state: string }[]>('keys:list', '--json');
    expect(expired.map((k) => k.state).sort()).toEqual(['expired', 'expired', 'signing', 'signing']);
    expect((await cli(['keys:prune'])).out).toBe('Deleted 2 expired keys.\n');
    expect(await cliJson<unknown[]>('keys:list', '--json')).toHaveLength(2);
  });

  it('refuses to rotate keys with a key-encryption key that cannot open the current ones', async () => {
    const before = await hub.services.keys.list();
    const services = createServices(hub.config, {
      db: hub.db,
      clock: hub.clock,
      keyEncryptionKey: Buffer.alloc(32, 1),
    });
    const result = await cli(['keys:rotate'], { services, config: hub.config });
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/^keys:rotate: this key-encryption key cannot open the current signing keys/);
    expect(await hub.services.keys.list()).toEqual(before);
  });

  it('prints a setup link while no admin exists', async () => {
    const result = await cli(['setup:link']);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(new RegExp(`^${hub.config.issuer}/setup\\?token=\\S+\\n$`));
  });
});
