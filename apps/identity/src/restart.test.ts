import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase } from '@orbit/db/testing';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';
import { startHub } from './server.js';
import { bodyOf, GOOD_PASSWORD, uniqueHandle } from './test/client.js';

describe('a real hub across a restart', () => {
  it('keeps accounts on disk (embedded PGlite) or in Postgres, and prints a setup link only until an admin exists', async () => {
    const database = await createTestDatabase();
    const dataDir = await mkdtemp(join(tmpdir(), 'orbit-restart-'));
    const config = loadConfig({
      PORT: '0',
      ORBIT_DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      ...(database.url ? { DATABASE_URL: database.url } : {}),
    });
    const post = (url: string, path: string, body: unknown) =>
      fetch(`${url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: url },
        body: JSON.stringify(body),
      });
    try {
      const first = await startHub(config);
      expect(first.setupUrl).toMatch(/\/setup\?token=[A-Za-z0-9_-]{43}$/);
      const token = new URL(first.setupUrl!).searchParams.get('token');
      const handle = uniqueHandle('admin');
      const created = await post(first.url, '/api/setup', {
        token,
        handle,
        displayName: 'Admin',
        password: GOOD_PASSWORD,
      });
      expect(created.status).toBe(201);
      const { account } = await bodyOf(created);
      await first.close();

      const second = await startHub(config);
      try {
        expect(second.setupUrl).toBeUndefined();
        const signIn = await post(second.url, '/api/sessions', {
          identifier: account.accountNumber,
          password: GOOD_PASSWORD,
        });
        expect(signIn.status).toBe(200);
        expect((await bodyOf(signIn)).account).toMatchObject({ id: account.id, roles: ['admin'], handle });
      } finally {
        await second.close();
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
      await database.drop();
    }
  });
});
