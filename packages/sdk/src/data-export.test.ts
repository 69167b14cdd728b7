import { randomUUID } from 'node:crypto';
import { DATA_EXPORT_TOKEN_TYPE, type ServiceExportManifest } from '@orbit/contracts';
import { errorHandler } from '@orbit/http';
import { strFromU8, unzipSync } from 'fflate';
import { Hono } from 'hono';
import { generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serviceExportArchive } from './data-export.js';
import type { DataRights } from './data-rights.js';
import { createOrbitService } from './service.js';
import { manifest, type SdkFixture, startSdkFixture } from './testing/fixture.js';

let f: SdkFixture;
beforeAll(async () => {
  f = await startSdkFixture();
});
afterAll(async () => {
  await f?.close();
});

/** The fixture's service again, with data rights of its own, served in memory. */
function serviceWith(dataRights?: DataRights) {
  const orbit = createOrbitService({
    manifest,
    hubUrl: f.launched.url,
    publicUrl: f.service.url,
    credentials: { file: f.credentialsFile },
    sessions: f.sessions,
    ...(dataRights ? { dataRights } : {}),
  });
  const app = new Hono().route('/', orbit.routes);
  app.onError(errorHandler(() => {}));
  return (token?: string) =>
    app.request('/orbit/data-export', {
      method: 'POST',
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
}

/** A token signed with the hub's current key, with any claims: what the hub itself could sign but never does. */
async function hubSigned(
  claims: Record<string, unknown>,
  lifetimeSeconds: number,
  typ = DATA_EXPORT_TOKEN_TYPE,
) {
  const key = await f.launched.hub.services.keys.signingKey('RS256');
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ jti: randomUUID(), ...claims })
    .setProtectedHeader({ alg: 'RS256', kid: key.kid, typ })
    .setIssuer(f.launched.url)
    .setIssuedAt(now - 10)
    .setExpirationTime(now - 10 + lifetimeSeconds)
    .sign(key.privateKey);
}

describe('the data-export endpoint', () => {
  const sub = randomUUID();
  const notes = [{ title: 'Shopping', body: 'milk' }];
  const photo = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);
  const exported: string[] = [];
  let ask: ReturnType<typeof serviceWith>;
  beforeAll(() => {
    ask = serviceWith({
      export: async (who) => {
        exported.push(who);
        return {
          describe: { 'notes.json': 'Your notes.', photos: 'Your photos.' },
          files: [
            { path: 'notes.json', data: notes },
            { path: 'notes.csv', data: 'title\r\nShopping\r\n' },
            { path: 'photos/cat.jpg', data: photo, contentType: 'image/jpeg' },
          ],
        };
      },
    });
  });

  it('answers the hub’s call with a zip of the account’s part, its manifest first', async () => {
    const token = await f.launched.hub.services.dataExportParts.token('sdk-test', sub);
    const res = await ask(token);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const files = unzipSync(new Uint8Array(await res.arrayBuffer()));
    expect(Object.keys(files)).toEqual(['manifest.json', 'notes.json', 'notes.csv', 'photos/cat.jpg']);
    const part = JSON.parse(strFromU8(files['manifest.json']!)) as ServiceExportManifest;
    expect(part).toMatchObject({ service: 'sdk-test', sub, describe: { 'notes.json': 'Your notes.' } });
    expect(part.files).toEqual([
      { path: 'notes.json', contentType: 'application/json', bytes: files['notes.json']!.byteLength },
      { path: 'notes.csv', contentType: 'text/csv; charset=utf-8', bytes: 17 },
      { path: 'photos/cat.jpg', contentType: 'image/jpeg', bytes: photo.byteLength },
    ]);
    expect(JSON.parse(strFromU8(files['notes.json']!))).toEqual(notes);
    expect(files['photos/cat.jpg']).toEqual(photo);
    expect(exported).toEqual([sub]);

    // The same token again is a replay.
    expect((await ask(token)).status).toBe(401);
  });

  it('refuses a token the hub did not sign for this service, an expired or long-lived one, and none', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const forged = await new SignJWT({ jti: randomUUID(), sub, aud: 'sdk-test' })
      .setProtectedHeader({ alg: 'RS256', kid: 'not-the-hubs', typ: DATA_EXPORT_TOKEN_TYPE })
      .setIssuer(f.launched.url)
      .setIssuedAt()
      .setExpirationTime('2m')
      .sign(privateKey);
    const refused = {
      forged,
      otherAudience: await f.launched.hub.services.dataExportParts.token('another-service', sub),
      expired: await hubSigned({ sub, aud: 'sdk-test' }, -120),
      longLived: await hubSigned({ sub, aud: 'sdk-test' }, 3600),
      noSubject: await hubSigned({ aud: 'sdk-test' }, 120),
      badgeToken: await hubSigned({ sub, aud: 'sdk-test' }, 60, 'orbit-badge+jwt'),
      garbage: 'not.a.jwt',
      none: undefined,
    };
    for (const [name, token] of Object.entries(refused)) {
      const res = await ask(token);
      expect(res.status, name).toBe(401);
      const body = (await res.json()) as { error: { code: string } };
      expect(body.error.code, name).toBe('token.invalid');
    }
    expect(exported).toEqual([sub]);
  });

  it('answers a part without files for a service that holds nothing', async () => {
    const res = await serviceWith()(await f.launched.hub.services.dataExportParts.token('sdk-test', sub));
    expect(res.status).toBe(200);
    const files = unzipSync(new Uint8Array(await res.arrayBuffer()));
    expect(Object.keys(files)).toEqual(['manifest.json']);
    expect(JSON.parse(strFromU8(files['manifest.json']!))).toMatchObject({ describe: {}, files: [] });
  });

  it('refuses to pack a path that could leave the service’s folder', () => {
    for (const path of ['../x', '/etc/passwd', 'a//b', 'a\\b', 'manifest.json']) {
      expect(
        () =>
          serviceExportArchive({
            service: 'sdk-test',
            sub,
            exportedAt: new Date(),
            part: { describe: {}, files: [{ path, data: 'x' }] },
          }),
        path,
      ).toThrow(/safe relative path|reserved/);
    }
  });
});
