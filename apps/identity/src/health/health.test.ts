import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import { startTestHub, TEST_KEY_ENCRYPTION_KEY, type TestHub } from '../test/hub.js';

describe('health and pages', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(async () => {
    await hub.close();
  });

  it('answers /healthz and /readyz, with a request id on every response', async () => {
    const health = await hub.app.request('/healthz');
    expect(health.status).toBe(200);
    expect(health.headers.get('x-request-id')).toMatch(/.+/);
    const ready = await hub.app.request('/readyz');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', checks: { database: 'ok' } });
  });

  it('serves the portal for page paths, with security headers', async () => {
    const res = await hub.app.request('/account');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect(await res.text()).toContain('<div id="root">');
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('reports not ready, with 503, when the database does not answer', async () => {
    const { app } = createApp(hub.config, {
      db: hub.db,
      keyEncryptionKey: TEST_KEY_ENCRYPTION_KEY,
      ping: () => Promise.reject(new Error('connection refused')),
      clock: hub.clock,
      logger: pino({ level: 'silent' }),
    });
    const res = await app.request('/readyz');
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: 'unavailable', checks: { database: 'unreachable' } });
  });
});
