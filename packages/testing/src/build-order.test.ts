import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';

/**
 * The SDK's build waits only for the packages it runs with (turbo.json), not for its devDependency
 * `@orbit/testing`, whose build waits for the whole hub: so Mail, the template and the browser tests start
 * sooner in `npm test`. That holds only while turbo.json names every workspace package the SDK depends on.
 */
describe('the SDK’s build order', () => {
  it('waits for the build of every workspace package it depends on, and of no other', async () => {
    const read = async (file: string) =>
      JSON.parse(await readFile(new URL(`../${file}`, import.meta.url), 'utf8'));
    const pkg = (await read('package.json')) as { dependencies: Record<string, string> };
    const turbo = (await read('turbo.json')) as { tasks: { build: { dependsOn: string[] } } };
    const workspaces = Object.keys(pkg.dependencies).filter((name) => name.startsWith('@orbit/'));
    expect([...turbo.tasks.build.dependsOn].sort()).toEqual(workspaces.map((name) => `${name}#build`).sort());
  });
});
