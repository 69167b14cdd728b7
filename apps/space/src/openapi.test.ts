import { openApiEndpoint } from '@orbit/contracts';
import { createTestDatabase, type TestDatabase } from '@orbit/db/testing';
import { undeclaredRoutes } from '@orbit/http';
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type SpaceApp } from './app.js';
import { loadConfig } from './config.js';
import { serviceEndpoints } from './contracts/index.js';
import { openServiceDatabase } from './database.js';
import { manifest } from './manifest.js';

// The document needs no hub: the app is built, and only its public `GET /api/openapi.json` is asked.
let database: TestDatabase;
let closeDb: () => Promise<void>;
let service: SpaceApp;
const ORIGIN = 'http://localhost:4999';

beforeAll(async () => {
  database = await createTestDatabase();
  const opened = await openServiceDatabase({ url: database.url, dataDir: database.dataDir });
  closeDb = opened.close;
  const config = loadConfig({
    PORT: '4999',
    ORBIT_HUB_URL: 'http://localhost:4000',
    ORBIT_PUBLIC_URL: ORIGIN,
    ORBIT_CREDENTIALS_FILE: '/nonexistent/credentials.json',
    LOG_LEVEL: 'silent',
  });
  service = createApp(config, { db: opened.db });
});

afterAll(async () => {
  await closeDb?.();
  await database?.drop();
});

describe('GET /api/openapi.json', () => {
  it('is a valid OpenAPI 3.1 document of this service’s API, served without signing in', async () => {
    const res = await service.app.request(`${ORIGIN}/api/openapi.json`);
    expect(res.status).toBe(200);
    const document = (await res.json()) as { info: { title: string }; servers: { url: string }[] };
    expect(document.info.title).toBe(manifest.name);
    expect(document.servers).toEqual([{ url: ORIGIN }]);
    const result = await new Validator().validate(document);
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
  });

  it('declares every route of the API (a new route needs its declaration in contracts.ts)', () => {
    const api = service.app.routes.filter((route) => route.path.startsWith('/api/'));
    expect(undeclaredRoutes(api, [...serviceEndpoints, openApiEndpoint])).toEqual([]);
  });
});
