import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertRoles } from '../accounts/index.js';
import { runCli } from '../cli/commands.js';
import type { Hub } from '../cli/context.js';
import { GOOD_PASSWORD, uniqueHandle } from '../test/client.js';
import { startTestHub, type TestHub } from '../test/hub.js';
import { TEST_ICON } from './test-manifest.js';

const POSTMASTER = { name: 'postmaster', label: { en: 'Postmaster', 'zh-CN': '邮件管理员' } };

describe('services:register and service roles', () => {
  let hub: TestHub;
  let dir: string;
  let target: Hub;
  let files = 0;

  beforeAll(async () => {
    hub = await startTestHub();
    dir = await mkdtemp(join(tmpdir(), 'orbit-roles-cli-'));
    target = {
      services: hub.services,
      config: { issuer: hub.config.issuer, servicesDir: join(dir, 'services') },
    };
  });
  afterAll(async () => {
    await hub.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** Registers Mail declaring `roles` through the CLI, from a manifest module written as a build would. */
  async function register(roles: unknown[]) {
    const manifest = {
      id: 'mail',
      name: 'Mail',
      description: 'Mail between Orbit accounts.',
      icon: TEST_ICON,
      defaultPort: 4101,
      scopes: ['openid', 'profile'],
      roles,
    };
    const file = join(dir, `manifest-${files++}.mjs`);
    await writeFile(file, `export const manifest = ${JSON.stringify(manifest)};\n`);
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(['services:register', file], {
      hub: target,
      out: { write: (text: string) => out.push(text) },
      err: { write: (text: string) => err.push(text) },
    });
    return { code, out: out.join(''), err: err.join('') };
  }

  it('says which dropped roles are still held, and that their grants are kept but retired', async () => {
    expect((await register([POSTMASTER])).code).toBe(0);
    const account = await hub.services.accounts.create({
      handle: uniqueHandle('pm'),
      displayName: 'Postmaster',
      password: GOOD_PASSWORD,
    });
    await insertRoles(hub.db, account.id, ['mail.postmaster'], hub.clock.now());

    const dropped = await register([]);
    expect(dropped.code).toBe(0);
    expect(dropped.out).toContain('mail: updated');
    expect(dropped.err).toContain(
      'mail: the manifest no longer declares mail.postmaster; its 1 grant(s) are kept but retired (in no token) until it is declared again or revoked.',
    );
    expect(await hub.services.roles.of(account.id)).toEqual(['mail.postmaster']);

    // Nothing more to say when nothing more is dropped.
    const again = await register([]);
    expect(again.err).not.toContain('no longer declares');
  });

  it('refuses a manifest declaring a role twice, naming the problem', async () => {
    const twice = await register([POSTMASTER, POSTMASTER]);
    expect(twice.code).not.toBe(0);
    expect(twice.err).toContain('roles.1.name');
  });
});
