import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ArchiveManifest, DATA_EXPORT_TOKEN_TYPE, dataRightsApi } from '@orbit/contracts';
import { eq } from 'drizzle-orm';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessions } from '../db/schema.js';
import { passkeys } from '../passkeys/index.js';
import { testManifest } from '../services/testkit.js';
import { TestBrowser, uniqueHandle } from '../test/client.js';
import { contractClient } from '../test/contracts.js';
import { cookieHeader } from '../test/cookies.js';
import { startTestHub, type TestHub } from '../test/hub.js';
import { DATA_EXPORT_QUEUE } from './exports.js';
import { archiveChunks, dataExports } from './schema.js';

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(40)]);
const DAY_MS = 86_400_000;

/** A stand-in service that answers the hub's export call with a part as the SDK makes it. */
async function startNotesService() {
  const tokens: string[] = [];
  const server: Server = createServer((req, res) => {
    const token = (req.headers.authorization ?? '').replace(/^Bearer /, '');
    tokens.push(token);
    const { sub } = decodeJwt(token);
    const notes = strToU8(JSON.stringify([{ title: 'Shopping', body: 'milk' }]));
    const manifest = {
      service: 'notes',
      sub,
      exportedAt: new Date().toISOString(),
      describe: { 'notes.json': 'Your notes.' },
      files: [{ path: 'notes.json', contentType: 'application/json', bytes: notes.byteLength }],
    };
    res.setHeader('content-type', 'application/zip');
    res.end(zipSync({ 'manifest.json': strToU8(JSON.stringify(manifest)), 'notes.json': notes }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    origin: `http://localhost:${(server.address() as AddressInfo).port}`,
    tokens,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** An origin nothing listens on. */
async function deadOrigin(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://localhost:${port}`;
}

describe('data exports', () => {
  let hub: TestHub;
  let notes: Awaited<ReturnType<typeof startNotesService>>;

  beforeAll(async () => {
    hub = await startTestHub();
    notes = await startNotesService();
    await hub.services.serviceRegistry.register(testManifest({ id: 'notes', name: 'Notes' }), notes.origin);
    await hub.services.serviceRegistry.register(
      testManifest({ id: 'down', name: 'Down' }),
      await deadOrigin(),
    );
  });
  afterAll(async () => {
    await hub.close();
    await notes.close();
  });

  async function signUp() {
    const browser = new TestBrowser(hub);
    const handle = uniqueHandle('export');
    const res = await browser.signUp({ handle });
    expect(res.status).toBe(201);
    return {
      browser,
      api: contractClient(browser),
      handle,
      account: res.body.account as { id: string; accountNumber: string },
    };
  }

  const build = () => hub.services.queue.runDue(DATA_EXPORT_QUEUE, hub.services.dataExports.build);

  /** The archive behind a link, as the browser downloads it. */
  async function download(browser: TestBrowser, url: string) {
    const res = await hub.app.request(url, {
      headers: { ...cookieHeader(browser), 'x-forwarded-for': browser.ip },
    });
    const body = new Uint8Array(await res.arrayBuffer());
    return { res, body };
  }

  it('builds one zip of the hub’s data and each service’s part, partial when a service stays unreachable', async () => {
    const { browser, api, account, handle } = await signUp();
    const avatar = await browser.request('PUT', '/api/me/avatar', undefined, {
      headers: { 'content-type': 'image/png' },
      raw: PNG,
    });
    expect(avatar.status).toBe(200);
    // A passkey (so the request needs a step-up) and a complimentary VIP membership.
    const publicKey = randomBytes(77);
    await hub.db.insert(passkeys).values({
      accountId: account.id,
      credentialId: randomBytes(16).toString('base64url'),
      publicKey,
      transports: ['internal'],
      deviceType: 'multiDevice',
      backedUp: true,
      aaguid: 'fbfc3007-154e-4ecc-8c0b-6e020557d7bd',
      name: 'iPhone',
      createdAt: hub.clock.now(),
    });
    await hub.services.seedDefaultTiers();
    const until = new Date(hub.clock.now().getTime() + 30 * DAY_MS).toISOString();
    await hub.services.billing.complimentary.grant(
      account.id,
      account.id,
      { tierId: 'vip', until, reason: 'export test' },
      { ip: null, userAgent: '' },
    );
    expect((await browser.request('POST', '/api/me/exports')).body.error.code).toBe('step_up_required');
    const session = (await browser.request('GET', '/api/session')).body.session.id as string;
    await hub.db.update(sessions).set({ passkeyAt: hub.clock.now() }).where(eq(sessions.id, session));

    const requested = await api.call(dataRightsApi.requestExport);
    expect(requested).toMatchObject({ status: 'queued', partial: false, readyAt: null });
    const again = await browser.request('POST', '/api/me/exports');
    expect(again.status).toBe(429);
    expect(again.body.error).toMatchObject({ code: 'data_export.too_soon' });
    const nextExportAt = new Date(Date.parse(requested.createdAt) + 7 * DAY_MS).toISOString();
    expect(again.body.error.details).toEqual({ nextExportAt });
    expect(Number(again.headers.get('retry-after'))).toBe(7 * 86_400);
    expect((await api.call(dataRightsApi.listExports)).nextExportAt).toBe(nextExportAt);
    const log = await browser.request('GET', '/api/me/security-log');
    expect(log.body.events[0]).toMatchObject({
      type: 'account.exported',
      details: { exportId: requested.id },
    });

    // Down can't be reached: the build is tried again later (the queue's backoff), and the last try goes without it.
    expect(await build()).toBe(1);
    const building = (await api.call(dataRightsApi.listExports)).exports[0]!;
    expect(building).toMatchObject({ status: 'building', progress: { done: 1, total: 3, step: 'Down' } });
    for (let attempt = 2; attempt <= 4; attempt++) {
      hub.clock.advance(60_000);
      expect(await build()).toBe(1);
    }
    const [ready] = (await api.call(dataRightsApi.listExports)).exports;
    expect(ready).toMatchObject({
      id: requested.id,
      status: 'ready',
      partial: true,
      missingServices: [{ id: 'down', name: 'Down', reason: 'the service could not be reached' }],
      progress: { done: 3, total: 3, step: null },
    });
    expect(Date.parse(ready!.expiresAt!) - Date.parse(ready!.readyAt!)).toBe(7 * DAY_MS);
    const bell = await browser.request('GET', '/api/notifications');
    expect(bell.body.items[0]).toMatchObject({
      type: 'hub.data_export_ready',
      url: expect.stringContaining('/account/privacy'),
    });

    // The hub's call carried a short-lived token for Notes about this account.
    const token = notes.tokens.at(-1)!;
    expect(decodeProtectedHeader(token).typ).toBe(DATA_EXPORT_TOKEN_TYPE);
    const claims = decodeJwt(token);
    expect(claims).toMatchObject({ aud: 'notes', sub: account.id, iss: hub.config.issuer });
    expect(claims.exp! - claims.iat!).toBeLessThanOrEqual(300);

    const link = await api.call(dataRightsApi.exportLink, { params: { id: requested.id } });
    expect(link.expiresAt).toBe(ready!.expiresAt);
    const { res, body } = await download(browser, link.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('content-disposition')).toMatch(
      new RegExp(`^attachment; filename="orbit-export-${account.accountNumber}-\\d{4}-\\d{2}-\\d{2}\\.zip"$`),
    );
    expect(body.byteLength).toBe(ready!.bytes);

    const files = unzipSync(body);
    const json = (path: string) => JSON.parse(strFromU8(files[path]!));
    expect(json('hub/account.json')).toMatchObject({ id: account.id, accountNumber: account.accountNumber });
    expect(Buffer.from(files['hub/avatar.png']!).equals(PNG)).toBe(true);
    expect(strFromU8(files['hub/sessions.csv']!)).toMatch(
      /^id,device,ip,created_at,last_seen_at,expires_at,revoked_at\r\n/,
    );
    expect(strFromU8(files['hub/security-log.csv']!)).toContain('account.exported');
    expect(json('hub/social/friends.json')).toMatchObject({ friends: [] });
    expect(json('hub/passkeys.json').passkeys).toEqual([
      expect.objectContaining({ name: 'iPhone', backedUp: true }),
    ]);
    expect(json('hub/membership.json').subscriptions).toEqual([
      expect.objectContaining({ tierId: 'vip', source: 'complimentary', grantReason: 'export test' }),
    ]);
    expect(json('services/notes/notes.json')).toEqual([{ title: 'Shopping', body: 'milk' }]);
    const manifest = json('manifest.json') as ArchiveManifest;
    expect(manifest).toMatchObject({ format: 'orbit-export/1', partial: true, account: { id: account.id } });
    expect(manifest.services).toEqual([
      { id: 'down', name: 'Down', status: 'missing', reason: 'the service could not be reached' },
      { id: 'notes', name: 'Notes', status: 'included' },
    ]);
    expect(manifest.files.map((f) => f.path).sort()).toEqual(
      Object.keys(files)
        .filter((path) => path !== 'manifest.json')
        .sort(),
    );
    expect(manifest.files.find((f) => f.path === 'services/notes/notes.json')).toMatchObject({
      source: 'notes',
      description: 'Your notes.',
    });
    // Never a secret.
    const [row] = await hub.db.select().from(sessions).where(eq(sessions.id, session));
    const text = Object.values(files)
      .map((f) => strFromU8(f, true))
      .join('');
    expect(text).not.toMatch(/\$argon2|token_?hash|public_?key|credential_?id/i);
    for (const secret of [row!.tokenHash, publicKey.toString('base64url'), publicKey.toString('base64')]) {
      expect(text).not.toContain(secret);
    }

    // A new link ends the old one; someone else gets nothing either way.
    const newer = await api.call(dataRightsApi.exportLink, { params: { id: requested.id } });
    const stale = await download(browser, link.url);
    expect(stale.res.status).toBe(403);
    expect(JSON.parse(strFromU8(stale.body)).error.code).toBe('data_export.link_invalid');
    const stranger = await signUp();
    expect((await download(stranger.browser, newer.url)).res.status).toBe(404);
    const theirs = await stranger.browser.request('POST', `/api/me/exports/${requested.id}/link`);
    expect(theirs.status).toBe(404);
    expect(theirs.body.error.code).toBe('data_export.not_found');
    expect((await stranger.browser.request('POST', '/api/me/exports/not-an-id/link')).body.error.code).toBe(
      'data_export.not_found',
    );
    expect((await download(browser, `/api/me/exports/${requested.id}/download`)).res.status).toBe(403);
    expect((await new TestBrowser(hub).request('GET', '/api/me/exports')).body.error.code).toBe(
      'session.required',
    );

    // A week later the link is gone (410), then the sweep drops the archive; a new export may be asked for.
    hub.clock.advance(7 * DAY_MS);
    // Signed in again (the session has ended by now) with the password alone.
    await hub.db.delete(passkeys).where(eq(passkeys.accountId, account.id));
    expect((await browser.signIn(handle)).status).toBe(200);
    const late = await download(browser, newer.url);
    expect(late.res.status).toBe(410);
    expect(JSON.parse(strFromU8(late.body)).error.code).toBe('data_export.expired');
    expect(await hub.services.dataExports.sweep()).toBe(1);
    expect(await hub.db.select().from(archiveChunks).where(eq(archiveChunks.exportId, requested.id))).toEqual(
      [],
    );
    const after = await api.call(dataRightsApi.listExports);
    expect(after).toMatchObject({
      nextExportAt: null,
      exports: [{ id: requested.id, status: 'expired', bytes: ready!.bytes }],
    });
    expect((await browser.request('POST', `/api/me/exports/${requested.id}/link`)).status).toBe(410);
  });

  it('does not count a build that failed against the weekly limit', async () => {
    const { browser, api } = await signUp();
    const first = await api.call(dataRightsApi.requestExport);
    // Its job ends without building it (cancelled here; a worker that died on the last try does the same).
    const [row] = await hub.db.select().from(dataExports).where(eq(dataExports.id, first.id));
    expect(await hub.services.queue.cancel(row!.jobId!)).toBe(true);
    expect((await browser.request('POST', `/api/me/exports/${first.id}/link`)).body.error.code).toBe(
      'data_export.not_ready',
    );
    await hub.services.dataExports.sweep();
    const listed = await api.call(dataRightsApi.listExports);
    expect(listed).toMatchObject({ nextExportAt: null, exports: [{ id: first.id, status: 'failed' }] });
    expect((await browser.request('POST', '/api/me/exports')).status).toBe(202);
  });
});
