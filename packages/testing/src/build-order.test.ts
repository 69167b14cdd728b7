import { readdir, readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';

/**
 * Some workspaces' builds wait only for the packages they run with (their turbo.json), not for turbo's default
 * `^build`, which includes devDependencies: `@orbit/testing`'s build waits for the whole hub, so the SDK and
 * Mail would build (and Mail, the template and the browser tests would start) a minute later in `npm test`.
 * That holds only while each such turbo.json names the build of every workspace package the workspace's build
 * reads: its dependencies, and its devDependencies other than this test kit (Mail's pages import `@orbit/ui`),
 * each that has a build script of its own.
 */
const root = new URL('../../../', import.meta.url);

interface Manifest {
  name: string;
  scripts?: Record<string, string>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

const readJson = async <T>(path: string): Promise<T | undefined> => {
  try {
    return JSON.parse(await readFile(new URL(path, root), 'utf8')) as T;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
};

async function workspaces(): Promise<{ dir: string; manifest: Manifest }[]> {
  const found: { dir: string; manifest: Manifest }[] = [];
  for (const parent of ['apps', 'packages']) {
    for (const name of await readdir(new URL(`${parent}/`, root))) {
      const manifest = await readJson<Manifest>(`${parent}/${name}/package.json`);
      if (manifest) found.push({ dir: `${parent}/${name}`, manifest });
    }
  }
  return found;
}

describe('build order', () => {
  it('a build that waits for chosen packages waits for every workspace package it reads, and no other', async () => {
    const all = await workspaces();
    const hasBuild = new Set(all.filter((w) => w.manifest.scripts?.build).map((w) => w.manifest.name));
    const narrowed: string[] = [];
    for (const { dir, manifest } of all) {
      const turbo = await readJson<{ tasks?: { build?: { dependsOn?: string[] } } }>(`${dir}/turbo.json`);
      const dependsOn = turbo?.tasks?.build?.dependsOn;
      if (!dependsOn) continue;
      narrowed.push(manifest.name);
      const read = [
        ...Object.keys(manifest.dependencies ?? {}),
        ...Object.keys(manifest.devDependencies ?? {}).filter((name) => name !== '@orbit/testing'),
      ].filter((name) => hasBuild.has(name));
      expect([...dependsOn].sort(), dir).toEqual([...new Set(read)].map((name) => `${name}#build`).sort());
    }
    // The two it was written for; a third may join.
    expect(narrowed).toEqual(expect.arrayContaining(['@orbit/mail', '@orbit/sdk']));
  });
});
