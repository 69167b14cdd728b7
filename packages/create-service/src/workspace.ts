import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** A service already in `apps/`, as its `src/manifest.ts` declares it. */
export interface ExistingService {
  /** The folder under `apps/`. */
  app: string;
  id: string | undefined;
  defaultPort: number | undefined;
}

async function readIfPresent(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

async function folders(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    return entries.filter((e) => e.isDirectory()).map((e) => e.name);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/**
 * The services in `apps/*` (those with a `src/manifest.ts`), read from the source so nothing has to be built:
 * the manifest's `id: '…'` and `defaultPort: <n>`.
 */
export async function existingServices(repoRoot: string): Promise<ExistingService[]> {
  const found: ExistingService[] = [];
  for (const app of await folders(join(repoRoot, 'apps'))) {
    const source = await readIfPresent(join(repoRoot, 'apps', app, 'src', 'manifest.ts'));
    if (source === undefined) continue;
    const id = /\bid:\s*['"]([^'"]+)['"]/.exec(source)?.[1];
    const port = /\bdefaultPort:\s*(\d+)/.exec(source)?.[1];
    found.push({ app, id, defaultPort: port === undefined ? undefined : Number(port) });
  }
  return found;
}

/** The names of the workspace packages in `apps/*` and `packages/*` (`@orbit/mail`, …). */
export async function workspacePackageNames(repoRoot: string): Promise<Set<string>> {
  const names = new Set<string>();
  for (const parent of ['apps', 'packages']) {
    for (const folder of await folders(join(repoRoot, parent))) {
      const text = await readIfPresent(join(repoRoot, parent, folder, 'package.json'));
      if (text === undefined) continue;
      const name = (JSON.parse(text) as { name?: unknown }).name;
      if (typeof name === 'string') names.add(name);
    }
  }
  return names;
}
