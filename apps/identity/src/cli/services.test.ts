import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServiceView } from '../services/index.js';
import { TEST_ICON } from '../services/testkit.js';
import { startTestHub, type TestHub } from '../test/hub.js';
import { runCli } from './commands.js';
import type { CliEnv, Hub } from './context.js';

function collector() {
  const chunks: string[] = [];
  return { write: (text: string) => chunks.push(text), text: () => chunks.join('') };
}

let files = 0;

describe('the services commands', () => {
  let hub: TestHub;
  let dir: string;
  let target: Hub;

  beforeAll(async () => {
    hub = await startTestHub();
    dir = await mkdtemp(join(tmpdir(), 'orbit-services-cli-'));
    target = {
      services: hub.services,
      config: { issuer: hub.config.issuer, servicesDir: join(dir, 'services') },
    };
  });
  afterAll(async () => {
    await hub.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function cli(argv: string[], on: CliEnv['hub'] = target) {
    const out = collector();
    const err = collector();
    const code = await runCli(argv, { hub: on, out, err });
    return { code, out: out.text(), err: err.text() };
  }

  /**
   * Writes a manifest module as a service's build would, under a new name each time (Node caches imported
   * modules by URL, so a changed manifest needs a new file within one process).
   */
  async function manifestModule(fields: Record<string, unknown> = {}, source?: string): Promise<string> {
    const manifest = {
      id: 'mail',
      name: 'Mail',
      description: 'Mail between Orbit accounts.',
      icon: TEST_ICON,
      defaultPort: 4101,
      scopes: ['openid', 'profile'],
      hubScopes: ['accounts:read'],
      badge: true,
      ...fields,
    };
    const file = join(dir, `manifest-${files++}.mjs`);
    await writeFile(file, source ?? `export const manifest = ${JSON.stringify(manifest)};\n`);
    return file;
  }

  const credentialsPath = (id: string) => join(dir, 'services', `${id}.json`);
  const readCredentials = async (id: string) => JSON.parse(await readFile(credentialsPath(id), 'utf8'));

  const tokenStatus = async (clientId: string, secret: string) =>
    (
      await hub.app.request('/oidc/token', {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: 'grant_type=client_credentials',
      })
    ).status;

  /** Expects a failure: `code`, one line on stderr matching `message`, nothing on stdout. */
  async function expectFailure(argv: string[], message: string | RegExp, code: number) {
    const result = await cli(argv);
    expect(result.code, result.err).toBe(code);
    expect(result.out).toBe('');
    expect(result.err.trimEnd().split('\n')).toHaveLength(1);
    expect(result.err).toMatch(message);
  }

  it('lists the services commands in help without opening the database', async () => {
    const opensNothing: CliEnv['hub'] = () => {
      throw new Error('the database should not be opened');
    };
    const help = await cli(['help'], opensNothing);
    for (const name of [
      'services:register',
      'services:list',
      'services:show',
      'services:disable',
      'services:enable',
      'services:rotate-secret',
    ]) {
      expect(help.out).toMatch(new RegExp(`^  ${name} +\\S`, 'm'));
    }
    const register = await cli(['services:register', '--help'], opensNothing);
    expect(register.out).toContain('Usage: npm run orbit -- services:register <manifest.js …> [flags]');
    expect(register.out).toMatch(/--origin URL +where the service is served/);
  });

  it('registers a service and writes its credentials, readable by the owner only', async () => {
    const result = await cli(['services:register', await manifestModule()]);
    expect(result, result.err).toMatchObject({ code: 0, err: '' });
    expect(result.out).toBe(
      `mail: created at http://localhost:4101; credentials written to ${credentialsPath('mail')}\n`,
    );
    const credentials = await readCredentials('mail');
    expect(credentials).toEqual({
      issuer: hub.config.issuer,
      clientId: 'mail',
      clientSecret: expect.any(String),
    });
    expect((await stat(credentialsPath('mail'))).mode & 0o777).toBe(0o600);
    expect((await stat(join(dir, 'services'))).mode & 0o777).toBe(0o700);
    expect(await tokenStatus('mail', credentials.clientSecret)).toBe(200);
  });

  it('changes nothing, secret included, when the same manifest is registered again', async () => {
    const before = await readCredentials('mail');
    const result = await cli(['services:register', await manifestModule()]);
    expect(result.out).toBe(
      `mail: unchanged at http://localhost:4101; credentials in ${credentialsPath('mail')}\n`,
    );
    expect(await readCredentials('mail')).toEqual(before);
    expect(await tokenStatus('mail', before.clientSecret)).toBe(200);
  });

  it('updates a changed manifest and keeps the secret', async () => {
    const before = await readCredentials('mail');
    const result = await cli([
      'services:register',
      await manifestModule({ paths: { callback: '/signed-in' } }),
      '--origin',
      'https://mail.example.com/',
    ]);
    expect(result.out).toMatch(/^mail: updated at https:\/\/mail\.example\.com; credentials in /);
    const service = await hub.services.serviceRegistry.get('mail');
    expect(service?.client.redirectUris).toEqual(['https://mail.example.com/signed-in']);
    expect(await readCredentials('mail')).toEqual(before);
  });

  it('makes a new secret when the credentials file is missing, names another hub, or holds a dead secret', async () => {
    const manifest = await manifestModule();
    expect((await cli(['services:register', manifest])).out).toMatch(
      /^mail: updated at http:\/\/localhost:4101;/,
    );
    let previous = (await readCredentials('mail')).clientSecret;
    const damage = [
      () => rm(credentialsPath('mail')),
      () =>
        writeFile(
          credentialsPath('mail'),
          JSON.stringify({ issuer: 'https://other.example', clientId: 'mail', clientSecret: previous }),
        ),
      () =>
        writeFile(
          credentialsPath('mail'),
          JSON.stringify({ issuer: hub.config.issuer, clientId: 'notes', clientSecret: previous }),
        ),
      () => hub.services.serviceRegistry.rotateSecret('mail', 0),
      () => writeFile(credentialsPath('mail'), 'not json'),
    ];
    for (const harm of damage) {
      await harm();
      const result = await cli(['services:register', manifest]);
      expect(result.out).toBe(
        `mail: unchanged at http://localhost:4101; new client secret written to ${credentialsPath('mail')}\n`,
      );
      const { clientSecret } = await readCredentials('mail');
      expect(clientSecret).not.toBe(previous);
      expect(await tokenStatus('mail', previous)).toBe(401);
      expect(await tokenStatus('mail', clientSecret)).toBe(200);
      previous = clientSecret;
    }
  });

  it('registers several services, each at its own default port', async () => {
    hub.clock.advance(1000); // listed after mail, which was registered earlier
    const result = await cli([
      'services:register',
      await manifestModule({ id: 'notes', name: 'Notes', defaultPort: 4102 }),
      await manifestModule({ id: 'calendar', name: 'Calendar', defaultPort: 4103, badge: false }),
    ]);
    expect(result.code, result.err).toBe(0);
    expect(result.out.trimEnd().split('\n')).toEqual([
      expect.stringMatching(
        /^notes: created at http:\/\/localhost:4102; credentials written to .*notes\.json$/,
      ),
      expect.stringMatching(
        /^calendar: created at http:\/\/localhost:4103; credentials written to .*calendar\.json$/,
      ),
    ]);
    expect((await readCredentials('calendar')).clientId).toBe('calendar');
  });

  it('refuses bad manifests and command lines, registering nothing', async () => {
    const two = [await manifestModule({ id: 'one' }), await manifestModule({ id: 'two' })];
    await expectFailure(
      ['services:register', ...two, '--origin', 'http://localhost:5000'],
      /--origin applies to one service/,
      2,
    );
    await expectFailure(['services:register'], 'services:register: missing <manifest.js>', 2);
    await expectFailure(['services:register', join(dir, 'nope.mjs')], /nope\.mjs: no such file/, 2);
    const dup = await manifestModule({ id: 'one' });
    await expectFailure(['services:register', two[0]!, dup], /two manifests declare the service one/, 2);
    await expectFailure(
      ['services:register', await manifestModule({ id: 'Bad!', defaultPort: 80 })],
      /manifest-\d+\.mjs: The service manifest is not valid: id: .*; defaultPort: /,
      1,
    );
    await expectFailure(
      ['services:register', await manifestModule({}, 'export const other = 1;\n')],
      /has no "manifest" export/,
      1,
    );
    await expectFailure(
      ['services:register', await manifestModule({}, "throw new Error('Invalid service manifest: icon');\n")],
      /manifest-\d+\.mjs: Invalid service manifest: icon/,
      1,
    );
    await expectFailure(
      ['services:register', await manifestModule({ id: 'one' }), '--origin', 'http://one.example.com'],
      /use https \(plain http only on localhost\)/,
      1,
    );
    expect((await hub.services.serviceRegistry.list()).map((s) => s.id)).toEqual([
      'mail',
      'calendar',
      'notes',
    ]);
  });

  it('lists the services as a table and as JSON, and shows one', async () => {
    const list = await cli(['services:list']);
    expect(list.code).toBe(0);
    expect(list.out.trimEnd().split('\n')).toEqual([
      expect.stringMatching(/^ID +NAME +DISABLED +BADGE +HOME$/),
      expect.stringMatching(/^mail +Mail +no +yes +http:\/\/localhost:4101\/$/),
      expect.stringMatching(/^calendar +Calendar +no +no +http:\/\/localhost:4103\/$/),
      expect.stringMatching(/^notes +Notes +no +yes +http:\/\/localhost:4102\/$/),
    ]);
    const all = JSON.parse((await cli(['services:list', '--json'])).out) as ServiceView[];
    expect(all.map((s) => s.id)).toEqual(['mail', 'calendar', 'notes']);
    const shown = await cli(['services:show', 'notes']);
    expect(JSON.parse(shown.out)).toEqual(all[2]);
    await expectFailure(['services:show', 'nope'], 'services:show: no service nope', 1);
  });

  it('disables and enables a service', async () => {
    expect((await cli(['services:disable', 'notes'])).out).toMatch(/^Disabled service notes/);
    expect((await hub.services.serviceRegistry.get('notes'))?.disabled).toBe(true);
    expect((await cli(['services:disable', 'notes'])).out).toBe('Service notes is already disabled.\n');
    expect(await tokenStatus('notes', (await readCredentials('notes')).clientSecret)).toBe(401);

    expect((await cli(['services:enable', 'notes'])).out).toBe('Enabled service notes.\n');
    expect((await cli(['services:enable', 'notes'])).out).toBe('Service notes is already enabled.\n');
    expect(await tokenStatus('notes', (await readCredentials('notes')).clientSecret)).toBe(200);
    await expectFailure(['services:disable', 'nope'], 'services:disable: no service nope', 1);
  });

  it('rotates a secret into the credentials file', async () => {
    const before = await readCredentials('notes');
    const result = await cli(['services:rotate-secret', 'notes']);
    expect(result.code, result.err).toBe(0);
    expect(result.out).toMatch(
      /^Rotated the client secret of notes; new credentials written to .*notes\.json/,
    );
    const after = await readCredentials('notes');
    expect(after).toEqual({ ...before, clientSecret: expect.any(String) });
    expect(after.clientSecret).not.toBe(before.clientSecret);
    // The old secret works on through the default 24-hour grace, so running copies keep signing users in.
    const ends = new Date(hub.clock.now().getTime() + 24 * 3_600_000).toISOString();
    expect(result.out).toContain(`The old secret keeps working until ${ends}`);
    expect(await tokenStatus('notes', before.clientSecret)).toBe(200);
    expect(await tokenStatus('notes', after.clientSecret)).toBe(200);

    const atOnce = await cli(['services:rotate-secret', 'notes', '--grace-hours', '0']);
    expect(atOnce.out).toContain('The old secret stopped working at once.');
    const last = await readCredentials('notes');
    expect(await tokenStatus('notes', before.clientSecret)).toBe(401);
    expect(await tokenStatus('notes', after.clientSecret)).toBe(401);
    expect(await tokenStatus('notes', last.clientSecret)).toBe(200);
    await expectFailure(
      ['services:rotate-secret', 'notes', '--grace-hours', '721'],
      'services:rotate-secret: --grace-hours "721": a whole number of hours from 0 to 720',
      2,
    );
    // The client command on a service's client keeps its credentials file current too.
    const viaClients = await cli(['clients:rotate-secret', 'notes', '--grace-hours', '0']);
    const printed = JSON.parse(viaClients.out) as { clientSecret: string; credentialsFile: string };
    expect(printed.credentialsFile).toMatch(/notes\.json$/);
    expect((await readCredentials('notes')).clientSecret).toBe(printed.clientSecret);
    expect(await tokenStatus('notes', printed.clientSecret)).toBe(200);
    await expectFailure(['services:rotate-secret', 'nope'], 'services:rotate-secret: no service nope', 1);
  });

  it('refuses to register without a folder for the credentials (an in-memory hub)', async () => {
    const inMemory: Hub = {
      services: hub.services,
      config: { issuer: hub.config.issuer, servicesDir: undefined },
    };
    const result = await cli(['services:register', await manifestModule({ id: 'memo' })], inMemory);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/ORBIT_DATA_DIR is memory:\/\/.*set it to a folder/);
    expect(await hub.services.serviceRegistry.get('memo')).toBeUndefined();
  });
});
