import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataDirInUseError, lockDataDir } from './lock.js';

describe('embedded data folder lock', () => {
  it('refuses a folder another live process holds, naming it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'orbit-lock-'));
    await writeFile(join(dir, 'orbit.lock'), String(process.ppid));
    await expect(lockDataDir(dir)).rejects.toBeInstanceOf(DataDirInUseError);
    await expect(lockDataDir(dir)).rejects.toThrow(String(process.ppid));
  });

  it('takes over a lock left by a process that is gone, and releases it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'orbit-lock-'));
    await writeFile(join(dir, 'orbit.lock'), '2147483646');
    const release = await lockDataDir(dir);
    await release();
    const again = await lockDataDir(dir);
    await again();
  });
});
