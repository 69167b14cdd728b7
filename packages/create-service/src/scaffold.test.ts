import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ScaffoldedService, scaffoldService } from './scaffold.js';
import { listFiles } from './template.js';

/**
 * The whole promise of `new-service`: a scaffolded service builds, type-checks, passes the linter, has a
 * migration that matches its schema, and its own test — a real hub, the service, a user signing in through the
 * hub — passes. It is written inside the repository (under the git-ignored .orbit/) so the root's node_modules
 * resolve, with the longest id and name allowed, so generated lines are as long as they get.
 */
const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const id = `svc-${randomBytes(14).toString('hex')}`;
const name = `Scaffold test ${randomBytes(13).toString('hex')}`;

let parent: string;
let service: ScaffoldedService;

beforeAll(async () => {
  await mkdir(join(repoRoot, '.orbit'), { recursive: true });
  parent = await mkdtemp(join(repoRoot, '.orbit', 'scaffold-test-'));
  service = await scaffoldService({ repoRoot, id, name, dir: join(parent, id) });
});

afterAll(async () => {
  if (parent) await rm(parent, { recursive: true, force: true });
});

/** The child's environment: the Postgres pass stays on Postgres; CI counts no report from it. */
function childEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.ORBIT_TEST_REPORT_DIR;
  for (const key of Object.keys(env)) if (key.startsWith('VITEST')) delete env[key];
  return env;
}

/** Runs one of the repository's tools (`node_modules/.bin/<tool>`) in the service's folder. */
function runTool(tool: string, args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(repoRoot, 'node_modules', '.bin', tool), ...args], {
      cwd: service.dir,
      env: childEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

describe('a scaffolded service', () => {
  it('is written with its id, name and schema, pointing back to the repository root', async () => {
    expect(service.id).toBe(id);
    expect(id).toHaveLength(32);
    expect(name).toHaveLength(40);
    expect(service.schema).toBe(id.replace('-', '_'));
    const manifest = await readFile(join(service.dir, 'src', 'manifest.ts'), 'utf8');
    expect(manifest).toContain(`id: '${id}'`);
    expect(manifest).toContain(`defaultPort: ${service.port}`);
    const tsconfig = JSON.parse(await readFile(join(service.dir, 'tsconfig.json'), 'utf8'));
    expect(tsconfig.extends).toBe('../../../tsconfig.json');
  });

  it('builds its pages with Vite', async () => {
    const build = await runTool('vite', ['build', '--logLevel', 'warn']);
    expect(build.code, build.output).toBe(0);
    expect(await exists(join(service.dir, 'dist', 'web', 'index.html'))).toBe(true);
  });

  it('passes its own tests: a user signed in at a real hub is signed in to it without a password', async () => {
    const report = join(parent, 'vitest-report.json');
    const test = await runTool('vitest', ['run', '--reporter=json', `--outputFile=${report}`]);
    expect(test.code, test.output).toBe(0);
    const results = JSON.parse(await readFile(report, 'utf8')) as {
      numFailedTests: number;
      numPassedTests: number;
      testResults: { assertionResults: { title: string; status: string }[] }[];
    };
    expect(results.numFailedTests).toBe(0);
    const passed = results.testResults
      .flatMap((file) => file.assertionResults)
      .filter((t) => t.status === 'passed')
      .map((t) => t.title);
    expect(passed).toEqual(
      expect.arrayContaining([
        'signs a user who is signed in at the hub straight in, without a password',
        'keeps each account’s notes to that account',
        'refuses a note posted from another origin',
        'lets a moderator count every account’s notes, without reading them',
        'refuses the counts to anyone without the role',
      ]),
    );
  });

  it('type-checks, server and web page', async () => {
    const [server, web] = await Promise.all([
      runTool('tsc', ['-p', 'tsconfig.json', '--noEmit']),
      runTool('tsc', ['-p', 'web/tsconfig.json', '--noEmit']),
    ]);
    expect(server.code, server.output).toBe(0);
    expect(web.code, web.output).toBe(0);
  });

  it('passes the linter and formatter as written', async () => {
    // .orbit/ is git-ignored, which Biome would otherwise honour by skipping every file.
    const lint = await runTool('biome', ['check', '--vcs-use-ignore-file=false', '.']);
    expect(lint.code, lint.output).toBe(0);
    expect(lint.output).toMatch(/Checked [1-9]\d* files/);
  });

  it('has a committed migration that matches its schema', async () => {
    const before = await listFiles(join(service.dir, 'drizzle'));
    const generate = await runTool('drizzle-kit', ['generate']);
    expect(generate.code, generate.output).toBe(0);
    expect(await listFiles(join(service.dir, 'drizzle'))).toEqual(before);
  });
});
