import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runNewService } from './command.js';

/** A repository with Mail and one more service in apps/, and a package in packages/. */
let repo: string;
beforeEach(async () => {
  repo = await mkdtemp(join(tmpdir(), 'orbit-create-service-'));
  const app = async (folder: string, manifest: string) => {
    await mkdir(join(repo, 'apps', folder, 'src'), { recursive: true });
    await writeFile(join(repo, 'apps', folder, 'package.json'), JSON.stringify({ name: `@orbit/${folder}` }));
    await writeFile(join(repo, 'apps', folder, 'src', 'manifest.ts'), manifest);
  };
  await app('mail', "defineManifest({\n  id: 'mail',\n  name: 'Mail',\n  defaultPort: 4101,\n});\n");
  await app('calendar', "defineManifest({ id: 'calendar', name: 'Calendar', defaultPort: 4107 });\n");
  await mkdir(join(repo, 'packages', 'ui'), { recursive: true });
  await writeFile(join(repo, 'packages', 'ui', 'package.json'), JSON.stringify({ name: '@orbit/ui' }));
});
afterEach(async () => {
  await rm(repo, { recursive: true, force: true });
});

const run = (argv: string[], cwd = repo) => runNewService(argv, { repoRoot: repo, cwd });
const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

describe('npm run new-service -- <id>', () => {
  it('writes apps/<id> on the next port up, and says what to do next', async () => {
    const { exitCode, output } = await run(['team-notes']);
    expect(exitCode).toBe(0);
    expect(output).toContain('Created apps/team-notes: Team notes (@orbit/team-notes), port 4108');
    expect(output).toContain('npm install');
    expect(output).toContain('npm start');
    expect(output).not.toContain('not directly under apps/');
    const dir = join(repo, 'apps', 'team-notes');
    expect(JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')).name).toBe('@orbit/team-notes');
    const manifest = await readFile(join(dir, 'src', 'manifest.ts'), 'utf8');
    expect(manifest).toContain("id: 'team-notes'");
    expect(manifest).toContain("name: 'Team notes'");
    expect(manifest).toContain('defaultPort: 4108');
    expect(await readFile(join(dir, 'src', 'schema.ts'), 'utf8')).toContain("pgSchema('team_notes')");
    expect(await readFile(join(dir, 'drizzle', '0000_init.sql'), 'utf8')).toContain(
      'CREATE TABLE "team_notes"."orbit_sessions"',
    );
    expect(JSON.parse(await readFile(join(dir, 'tsconfig.json'), 'utf8')).extends).toBe(
      '../../tsconfig.json',
    );
  });

  it('takes --name, --port and --dir (relative to where it runs), and points back to the root', async () => {
    await mkdir(join(repo, 'sandbox'));
    const { exitCode, output } = await run(
      ['team-notes', '--name', 'Our notes', '--port', '4300', '--dir', 'deep/team-notes'],
      join(repo, 'sandbox'),
    );
    expect(exitCode).toBe(0);
    expect(output).toContain('not directly under apps/');
    const dir = join(repo, 'sandbox', 'deep', 'team-notes');
    const manifest = await readFile(join(dir, 'src', 'manifest.ts'), 'utf8');
    expect(manifest).toContain("name: 'Our notes'");
    expect(manifest).toContain('defaultPort: 4300');
    expect(await readFile(join(dir, 'vitest.config.ts'), 'utf8')).toContain(
      "from '../../../vitest.shared.js'",
    );
  });

  it('refuses an id a service or package has already', async () => {
    for (const id of ['calendar', 'ui']) {
      const { exitCode, output } = await run([id]);
      expect(exitCode, id).toBe(1);
      expect(output).toContain(`"${id}" exists already`);
    }
  });

  it('refuses a folder that exists, and writes nothing', async () => {
    await mkdir(join(repo, 'taken'));
    await writeFile(join(repo, 'taken', 'keep.txt'), 'mine');
    const { exitCode, output } = await run(['team-notes', '--dir', 'taken']);
    expect(exitCode).toBe(1);
    expect(output).toContain('exists already');
    expect(await readFile(join(repo, 'taken', 'keep.txt'), 'utf8')).toBe('mine');
    expect(await exists(join(repo, 'taken', 'package.json'))).toBe(false);
  });

  it('refuses a reserved or malformed id, a taken port and a folder outside the repository', async () => {
    expect((await run(['identity'])).output).toContain('reserved');
    expect((await run(['Team_Notes'])).output).toContain('is not a service id');
    expect((await run(['team-notes', '--port', '4107'])).output).toContain('Port 4107 is taken');
    expect((await run(['team-notes', '--dir', tmpdir()])).output).toContain('not inside the repository');
    expect(await exists(join(repo, 'apps', 'team-notes'))).toBe(false);
  });

  it('shows the usage for missing or unknown arguments', async () => {
    for (const argv of [
      [],
      ['a-b', 'c-d'],
      ['team-notes', '--colour', 'red'],
      ['team-notes', '--port', 'x'],
    ]) {
      const { exitCode, output } = await run(argv);
      expect(exitCode, argv.join(' ')).toBe(2);
      expect(output).toMatch(/Usage: npm run new-service|--port must be a whole number/);
    }
    expect(await run(['--help'])).toMatchObject({ exitCode: 0, output: expect.stringContaining('Usage') });
  });
});
