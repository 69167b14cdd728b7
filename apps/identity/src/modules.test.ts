import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HUB_ERROR_CODES } from '@orbit/contracts';
import { describe, expect, it } from 'vitest';
import { HUB_MODULES } from './app.js';
import { identitySchema } from './db/schema.js';
import { buildServices, type CheckModules, defineModule, type HubContext, uses } from './module.js';
import { schema } from './schema.js';

/*
 * The hub's module boundaries (docs/architecture.md, "The hub's modules"), checked on the source:
 *
 * - a file may import another module only through that module's `index.ts` (tests, test helpers and other
 *   modules' test kits may also use its `testkit.ts`);
 * - the shared kernel (`kernel/`, `http/`, `db/`) imports no module at run time;
 * - modules don't import each other in a loop at run time. A type-only import (`import type`) is erased by the
 *   compiler and may point either way: a module names the type of a service it is handed in `services(ctx,
 *   deps)`; it still goes through `index.ts`.
 */

const SRC = dirname(fileURLToPath(import.meta.url));
/** Folders that are not modules: the shared kernel, and the tools and tests outside every module. */
const SHARED = new Set(['kernel', 'http', 'db', 'test', 'bench', 'cli', 'admin-channel']);
const KERNEL = new Set(['kernel', 'http', 'db']);

interface ImportEdge {
  /** The importing file, relative to `src`, e.g. `membership/tiers.ts`. */
  from: string;
  /** The imported file, relative to `src`, without extension, e.g. `services/registry`. */
  to: string;
  typeOnly: boolean;
}

const IMPORT =
  /^\s*(?:import|export)\s+(type\s+)?(\{[^}]*\}|\*(?:\s+as\s+\w+)?|\w+(?:\s*,\s*\{[^}]*\})?)\s+from\s+'(\.[^']+)'/gm;
const SIDE_EFFECT_OR_DYNAMIC = /(?:^\s*import\s+|\bimport\(\s*)'(\.[^']+)'/gm;

/** The relative imports of one file (static, re-exports, side-effect and dynamic with a literal path). */
function importsOf(file: string, source: string): ImportEdge[] {
  const edges: ImportEdge[] = [];
  const resolve = (spec: string) => normalize(join(dirname(file), spec)).replace(/\.js$/, '');
  for (const match of source.matchAll(IMPORT)) {
    const names = match[2] ?? '';
    const allTypes =
      match[1] !== undefined ||
      (names.startsWith('{') &&
        names
          .slice(1, -1)
          .split(',')
          .map((name) => name.trim())
          .filter(Boolean)
          .every((name) => name.startsWith('type ')));
    edges.push({ from: file, to: resolve(match[3] ?? ''), typeOnly: allTypes });
  }
  for (const match of source.matchAll(SIDE_EFFECT_OR_DYNAMIC)) {
    edges.push({ from: file, to: resolve(match[1] ?? ''), typeOnly: false });
  }
  return edges;
}

/** The module a file belongs to (its top folder), or undefined for shared and top-level files. */
function moduleOf(path: string): string | undefined {
  const [top, ...rest] = path.split('/');
  return top && rest.length > 0 && !SHARED.has(top) ? top : undefined;
}

const isTestCode = (path: string) =>
  /\.test\.ts$/.test(path) ||
  path.startsWith('test/') ||
  /(^|\/)(testkit|[\w-]+-testkit|test-[\w-]+)\.ts$/.test(path);

/** Imports that reach into another module past its `index.ts` (or, from test code, its `testkit.ts`). */
function boundaryViolations(edges: readonly ImportEdge[]): string[] {
  const violations: string[] = [];
  for (const { from, to } of edges) {
    const target = moduleOf(`${to}.ts`);
    if (!target || target === moduleOf(from)) continue;
    const entry = to.slice(target.length + 1);
    if (entry === 'index' || (entry === 'testkit' && isTestCode(from))) continue;
    violations.push(`${from} imports ${to} (use ${target}/index.ts)`);
  }
  return violations;
}

/** Run-time imports from the shared kernel into a module. */
function kernelViolations(edges: readonly ImportEdge[]): string[] {
  return edges
    .filter(
      ({ from, to, typeOnly }) => !typeOnly && KERNEL.has(from.split('/')[0] ?? '') && moduleOf(`${to}.ts`),
    )
    .map(({ from, to }) => `${from} imports ${to}`);
}

/** A loop of run-time imports between modules, as `a -> b -> a` with the file behind each step; or none. */
function moduleCycle(edges: readonly ImportEdge[]): string | undefined {
  const graph = new Map<string, Map<string, string>>();
  for (const { from, to, typeOnly } of edges) {
    const a = moduleOf(from);
    const b = moduleOf(`${to}.ts`);
    if (typeOnly || !a || !b || a === b || isTestCode(from)) continue;
    if (!graph.has(a)) graph.set(a, new Map());
    graph.get(a)?.set(b, graph.get(a)?.get(b) ?? from);
  }
  const done = new Set<string>();
  const path: string[] = [];
  const visit = (node: string): string | undefined => {
    const at = path.indexOf(node);
    if (at >= 0) {
      const loop = [...path.slice(at), node];
      return loop
        .slice(1)
        .map((next, i) => `${loop[i]} -> ${next} (${graph.get(loop[i] ?? '')?.get(next)})`)
        .join(', ');
    }
    if (done.has(node)) return undefined;
    path.push(node);
    for (const next of graph.get(node)?.keys() ?? []) {
      const found = visit(next);
      if (found) return found;
    }
    path.pop();
    done.add(node);
    return undefined;
  };
  for (const node of graph.keys()) {
    const found = visit(node);
    if (found) return found;
  }
  return undefined;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') ? [relative(SRC, path)] : [];
  });
}

const files = sourceFiles(SRC);
const edges = files.flatMap((file) => importsOf(file, readFileSync(join(SRC, file), 'utf8')));

describe('the checks themselves', () => {
  const edge = (from: string, to: string, typeOnly = false): ImportEdge => ({ from, to, typeOnly });

  it('reads static, type-only, re-export and dynamic imports', () => {
    const source = [
      "import { a, type B } from '../services/registry.js';",
      "import type { C } from '../oidc/index.js';",
      "export { d } from './local.js';",
      // Split, so that this file's own source holds no such import.
      'const e = await import(' + "'../admin/roles.js');",
    ].join('\n');
    expect(importsOf('membership/tiers.ts', source)).toEqual([
      edge('membership/tiers.ts', 'services/registry'),
      edge('membership/tiers.ts', 'oidc/index', true),
      edge('membership/tiers.ts', 'membership/local'),
      edge('membership/tiers.ts', 'admin/roles'),
    ]);
  });

  it('refuses a deep import into another module, type-only or not, and allows index.ts and own files', () => {
    expect(
      boundaryViolations([
        edge('membership/tiers.ts', 'services/registry', true),
        edge('membership/tiers.ts', 'services/index'),
        edge('membership/tiers.ts', 'membership/levels'),
        edge('app.ts', 'oidc/tokens'),
        edge('membership/tiers.ts', 'kernel/guards'),
      ]),
    ).toEqual([
      'membership/tiers.ts imports services/registry (use services/index.ts)',
      'app.ts imports oidc/tokens (use oidc/index.ts)',
    ]);
  });

  it('lets only test code use another module’s testkit.ts', () => {
    expect(
      boundaryViolations([
        edge('membership/tiers.ts', 'services/testkit'),
        edge('membership/tiers.test.ts', 'services/testkit'),
        edge('test/hub.ts', 'email/testkit'),
      ]),
    ).toEqual(['membership/tiers.ts imports services/testkit (use services/index.ts)']);
  });

  it('finds a run-time loop between modules and names it, ignoring type-only imports and tests', () => {
    expect(
      moduleCycle([
        edge('accounts/accounts.ts', 'admin/index'),
        edge('admin/roles.ts', 'sessions/index'),
        edge('sessions/sessions.ts', 'accounts/index'),
      ]),
    ).toBe(
      'accounts -> admin (accounts/accounts.ts), admin -> sessions (admin/roles.ts), sessions -> accounts (sessions/sessions.ts)',
    );
    expect(
      moduleCycle([
        edge('accounts/accounts.ts', 'admin/index'),
        edge('admin/roles.ts', 'accounts/index', true),
      ]),
    ).toBeUndefined();
    expect(
      moduleCycle([
        edge('accounts/accounts.ts', 'admin/index'),
        edge('admin/roles.test.ts', 'accounts/index'),
      ]),
    ).toBeUndefined();
  });

  it('refuses a run-time import from the kernel into a module', () => {
    expect(
      kernelViolations([
        edge('kernel/guards.ts', 'passkeys/index'),
        edge('kernel/guards.ts', 'passkeys/index', true),
      ]),
    ).toEqual(['kernel/guards.ts imports passkeys/index']);
  });
});

describe("the hub's modules", () => {
  it('import each other only through index.ts (tests: or testkit.ts)', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(boundaryViolations(edges)).toEqual([]);
  });

  it('do not import each other in a loop at run time', () => {
    expect(moduleCycle(edges)).toBeUndefined();
  });

  it('sit above the shared kernel, which imports none of them at run time', () => {
    expect(kernelViolations(edges)).toEqual([]);
  });

  it('are all listed in app.ts, and every folder with a module.ts exports its module from index.ts', () => {
    const folders = [
      ...new Set(files.map((file) => moduleOf(file)).filter((m): m is string => m !== undefined)),
    ];
    for (const folder of folders) {
      expect(files, `${folder} has an index.ts`).toContain(`${folder}/index.ts`);
      if (files.includes(`${folder}/module.ts`)) {
        expect(readFileSync(join(SRC, folder, 'index.ts'), 'utf8')).toMatch(
          /Module\b.*from '\.\/module\.js'/,
        );
      }
    }
    const names = HUB_MODULES.map((module) => module.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it("declare the hub's tables: schema.ts is the kernel's tables and every module's, no more", () => {
    const declared = Object.assign({}, identitySchema, ...HUB_MODULES.map((module) => module.schema ?? {}));
    expect(Object.keys(schema).sort()).toEqual(Object.keys(declared).sort());
    for (const [name, table] of Object.entries(declared))
      expect(schema[name as keyof typeof schema]).toBe(table);
  });
});

describe("the hub's error codes", () => {
  it('are each in a module’s errors.ts catalogue, listed in @orbit/contracts for the portal', () => {
    const known = new Set<string>(HUB_ERROR_CODES);
    const thrown = files
      .filter((file) => !isTestCode(file))
      .flatMap((file) =>
        [...readFileSync(join(SRC, file), 'utf8').matchAll(/AppError\(\s*\d{3},\s*'([^']+)'/g)].map(
          (match) => `${match[1]} (${file})`,
        ),
      );
    expect(thrown.length).toBeGreaterThan(50);
    expect(thrown.filter((entry) => !known.has(entry.split(' ')[0] ?? ''))).toEqual([]);
  });
});

describe('the module contract', () => {
  const a = defineModule({ name: 'a', services: () => ({ x: 1 }) });
  const b = defineModule({ name: 'b', services: (_ctx: HubContext, { x }: { x: number }) => ({ y: x + 1 }) });
  const c = defineModule({ name: 'c', uses: uses<{ z: string }>(), routes: (_web, s) => s.z as never });
  const ctx = {} as HubContext;

  it('builds services in list order, each module seeing the exports before it', () => {
    const ordered: CheckModules<readonly [typeof a, typeof b]> = true;
    expect(ordered).toBe(true);
    expect(buildServices([a, b], ctx)).toEqual({ x: 1, y: 2 });
  });

  it('refuses, when compiling, a module listed before one it needs or using services nobody exports', () => {
    // @ts-expect-error b needs a's `x`, and a is listed after it
    const misordered: CheckModules<readonly [typeof b, typeof a]> = true;
    // @ts-expect-error c's routes use `z`, which no module exports
    const unknownUse: CheckModules<readonly [typeof a, typeof c]> = true;
    expect([misordered, unknownUse]).toEqual([true, true]);
  });

  it('refuses two modules exporting the same name', () => {
    expect(() => buildServices([a, defineModule({ name: 'a2', services: () => ({ x: 2 }) })], ctx)).toThrow(
      'Modules export "x" twice (the second is a2).',
    );
  });
});
