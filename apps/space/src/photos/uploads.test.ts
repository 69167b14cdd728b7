import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { grantMembership, setPerk } from '@orbit/testing';
import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { photos } from '../schema.js';
import { type SpacePerson, type SpacePlatform, startSpacePlatform } from '../test/platform.js';
import { hasGps, phonePhoto, plainPng } from './fixtures/images.js';
import { readMultipart } from './multipart.js';

// Small limits, so refusals need small files: 1 MiB a file, 2 megapixels a photo.
let platform: SpacePlatform;
beforeAll(async () => {
  platform = await startSpacePlatform({ SPACE_MAX_PHOTO_MB: '1', SPACE_MAX_PHOTO_MEGAPIXELS: '2' });
});
afterAll(() => platform?.close());

interface Upload {
  bytes: Buffer;
  name?: string;
  type?: string;
}

/** Posts a multipart upload as the web page's `fetch(FormData)` does. */
async function upload(person: SpacePerson, files: Upload[], fields: Record<string, string | string[]> = {}) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    for (const one of [value].flat()) form.append(name, one);
  }
  for (const file of files) {
    form.append(
      'file',
      new Blob([new Uint8Array(file.bytes)], { type: file.type ?? 'image/jpeg' }),
      file.name ?? 'photo.jpg',
    );
  }
  const response = await person.browser.fetch(`${platform.space.url}/api/photos`, {
    method: 'POST',
    body: form,
  });
  // biome-ignore lint/suspicious/noExplicitAny: tests read bodies loosely
  return { status: response.status, body: (await response.json()) as any };
}

/** What a photo URL serves to `person` (null: signed out). */
async function fetchPhoto(person: SpacePerson | null, url: string, headers: Record<string, string> = {}) {
  const target = `${platform.space.url}${url}`;
  const response = person
    ? await person.browser.fetch(target, { headers })
    : await fetch(target, { headers });
  return { response, bytes: Buffer.from(await response.arrayBuffer()) };
}

const subOf = async (person: SpacePerson) => (await person.api('GET', '/api/me')).body.user.sub as string;

/** The person's photo rows and files: both must be empty after a refused upload. */
async function kept(person: SpacePerson) {
  const sub = await subOf(person);
  const rows = await platform.space.db.select().from(photos).where(eq(photos.ownerSub, sub));
  const entries = await readdir(join(platform.space.photosDir, sub), {
    recursive: true,
    withFileTypes: true,
  }).catch(() => []);
  return { rows: rows.length, files: entries.filter((entry) => entry.isFile()).length };
}

describe('uploading photos', () => {
  it('turns a photo upright by its EXIF orientation, drops EXIF and GPS, and makes WebP sizes', async () => {
    const alice = await platform.person('Alice');
    // Stored 1200 × 900, to be shown turned 90° (orientation 6): upright it is 900 wide and 1200 high.
    const taken = await phonePhoto({ width: 1200, height: 900, orientation: 6 });
    const before = await sharp(taken).metadata();
    expect(before.orientation).toBe(6);
    expect(hasGps(before.exif)).toBe(true);

    const { status, body } = await upload(alice, [{ bytes: taken }], { caption: 'Spree at dusk' });
    expect(status).toBe(201);
    const [photo] = body.photos;
    expect(photo).toMatchObject({ width: 900, height: 1200, caption: 'Spree at dusk' });

    const original = await fetchPhoto(alice, photo.urls.original);
    expect(original.response.headers.get('content-type')).toBe('image/jpeg');
    expect(original.response.headers.get('content-disposition')).toBe(
      `attachment; filename="${photo.id}.jpg"`,
    );
    const display = await fetchPhoto(alice, photo.urls.display);
    const thumb = await fetchPhoto(alice, photo.urls.thumb);
    for (const [file, format, width, height] of [
      [original, 'jpeg', 900, 1200],
      [display, 'webp', 900, 1200], // never enlarged
      [thumb, 'webp', 240, 320],
    ] as const) {
      const meta = await sharp(file.bytes).metadata();
      expect({ format: meta.format, width: meta.width, height: meta.height }).toEqual({
        format,
        width,
        height,
      });
      // No metadata at all survives: no EXIF (so no GPS), no orientation flag, no XMP or IPTC.
      expect(meta.exif).toBeUndefined();
      expect(meta.orientation).toBeUndefined();
      expect(meta.xmp).toBeUndefined();
      expect(meta.iptc).toBeUndefined();
    }
    expect(display.response.headers.get('content-type')).toBe('image/webp');
    expect(display.response.headers.get('content-disposition')).toBe('inline');
  });

  it('sizes a large photo down to 1600 and 320 px on the long side, and keeps a GIF as PNG', async () => {
    const bob = await platform.person('Bob');
    const wide = await plainPng(1800, 1000);
    const gif = await sharp({ create: { width: 60, height: 40, channels: 3, background: '#0a0' } })
      .gif()
      .toBuffer();
    const { status, body } = await upload(bob, [
      { bytes: wide, type: 'image/png', name: 'wide.png' },
      { bytes: gif, type: 'image/gif', name: 'small.gif' },
    ]);
    expect(status).toBe(201);
    expect(body.photos.map((p: { width: number; height: number }) => [p.width, p.height])).toEqual([
      [1800, 1000],
      [60, 40],
    ]);
    const display = await sharp((await fetchPhoto(bob, body.photos[0].urls.display)).bytes).metadata();
    expect([display.width, display.height]).toEqual([1600, 889]);
    const thumb = await sharp((await fetchPhoto(bob, body.photos[0].urls.thumb)).bytes).metadata();
    expect([thumb.width, thumb.height]).toEqual([320, 178]);
    const fromGif = await fetchPhoto(bob, body.photos[1].urls.original);
    expect(fromGif.response.headers.get('content-type')).toBe('image/png');
    expect((await sharp(fromGif.bytes).metadata()).format).toBe('png');
  });

  it('serves a photo privately, with an ETag it answers 304 to', async () => {
    const carol = await platform.person('Carol');
    const { body } = await upload(carol, [{ bytes: await plainPng(50, 50), type: 'image/png' }]);
    const { id, urls } = body.photos[0];
    const first = await fetchPhoto(carol, urls.thumb);
    expect(first.response.status).toBe(200);
    expect(first.response.headers.get('cache-control')).toBe('private, max-age=3600');
    expect(first.response.headers.get('etag')).toBe(`"${id}-thumb"`);
    expect(first.response.headers.get('x-content-type-options')).toBe('nosniff');
    const again = await fetchPhoto(carol, urls.thumb, { 'if-none-match': `"${id}-thumb"` });
    expect(again.response.status).toBe(304);
    expect(again.bytes.length).toBe(0);
    // Another size's tag doesn't match.
    expect(
      (await fetchPhoto(carol, urls.display, { 'if-none-match': `"${id}-thumb"` })).response.status,
    ).toBe(200);
  });
});

describe('refusing uploads, keeping nothing of them', () => {
  const truncatedJpeg = async () =>
    (await phonePhoto({ width: 600, height: 400, noise: 20 })).subarray(0, 9000);

  it.each([
    [
      'a text file named .jpg',
      415,
      'space.photo_unsupported',
      async () => Buffer.from('not a photo at all\n'),
    ],
    [
      'a PDF',
      415,
      'space.photo_unsupported',
      async () => Buffer.from('%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n'),
    ],
    ['a truncated JPEG', 415, 'space.photo_unsupported', truncatedJpeg],
    [
      'a file over the size limit',
      413,
      'space.photo_too_large',
      async () => Buffer.alloc(1024 * 1024 + 1, 7),
    ],
    ['a photo of more pixels than allowed', 413, 'space.photo_too_many_pixels', () => plainPng(2000, 1001)],
  ])('refuses %s (%i %s)', async (_what, status, code, make) => {
    const dave = await platform.person('Dave');
    const good = await plainPng(40, 40);
    // The bad file second: the good one before it must not be kept either.
    const refused = await upload(dave, [{ bytes: good, type: 'image/png' }, { bytes: await make() }]);
    expect(refused.status).toBe(status);
    expect(refused.body.error.code).toBe(code);
    if (code === 'space.photo_too_large')
      expect(refused.body.error.details).toEqual({ limitBytes: 1024 * 1024 });
    expect(await kept(dave)).toEqual({ rows: 0, files: 0 });
  });

  it('refuses more than 20 files at once, and an upload without any', async () => {
    const erin = await platform.person('Erin');
    const tiny = await plainPng(8, 8);
    const many = await upload(
      erin,
      Array.from({ length: 21 }, () => ({ bytes: tiny, type: 'image/png' })),
    );
    expect(many.status).toBe(400);
    expect(many.body.error).toMatchObject({ code: 'space.photo_too_many_files', details: { limit: 20 } });
    const none = await upload(erin, [], { caption: 'nothing' });
    expect(none.body.error.code).toBe('space.photo_no_files');
    expect(await kept(erin)).toEqual({ rows: 0, files: 0 });
  });

  it('refuses a caption with a NUL character, and an album that isn’t the uploader’s', async () => {
    const fay = await platform.person('Fay');
    const tiny = await plainPng(8, 8);
    const nul = await upload(fay, [{ bytes: tiny, type: 'image/png' }], { caption: 'a\u0000b' });
    expect(nul.status).toBe(400);
    expect(nul.body.error.code).toBe('request.invalid');
    const other = await platform.person('Gus');
    const album = await other.api('POST', '/api/albums', { title: 'Gus’s', audience: { type: 'public' } });
    const foreign = await upload(fay, [{ bytes: tiny, type: 'image/png' }], { albumId: album.body.album.id });
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.code).toBe('space.not_found');
    expect(await kept(fay)).toEqual({ rows: 0, files: 0 });
  });

  it('refuses what would pass the storage perk (413 space.storage_full) and reports the usage', async () => {
    const hal = await platform.person('Hal');
    // VIP, the lowest platform tier (an SVIP holds VIP too, and the larger value wins).
    await setPerk(platform.launched, 'vip', 'space.storage_mb', 1);
    await grantMembership(platform.launched, hal.account.id, 'vip');
    const small = await upload(hal, [{ bytes: await plainPng(100, 100), type: 'image/png' }]);
    expect(small.status).toBe(201);
    const usage = await hal.api('GET', '/api/photos/usage');
    expect(usage.body.limitBytes).toBe(1024 * 1024);
    expect(usage.body.usedBytes).toBeGreaterThan(0);

    // Noise compresses badly: its original and display together are over the rest of the mebibyte.
    const noisy = await phonePhoto({ width: 1100, height: 900, noise: 40, quality: 85 });
    expect(noisy.length).toBeLessThan(1024 * 1024);
    const full = await upload(hal, [{ bytes: noisy }]);
    expect(full.status).toBe(413);
    expect(full.body.error).toMatchObject({
      code: 'space.storage_full',
      details: { usedBytes: usage.body.usedBytes, limitBytes: 1024 * 1024 },
    });
    expect(await kept(hal)).toEqual({ rows: 1, files: 3 });
    expect((await hal.api('GET', '/api/photos/usage')).body.usedBytes).toBe(usage.body.usedBytes);
  });
});

describe('reading a multipart body as it streams', () => {
  const limits = {
    maxFileBytes: 100,
    maxFiles: 2,
    maxFieldBytes: 50,
    maxFields: 3,
    maxTotalBytes: 10_000,
    tooLarge: () => new Error('too large'),
    tooManyFiles: () => new Error('too many files'),
  };
  const body = (...parts: string[]) =>
    `preamble\r\n${parts.map((p) => `--XyZ\r\n${p}\r\n`).join('')}--XyZ--\r\n`;
  const file = (name: string, content: string) =>
    `Content-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: image/png\r\n\r\n${content}`;
  /** A stream of `text` in chunks of `size` bytes; `pulled` counts the chunks read. */
  const chunked = (text: string, size: number) => {
    const bytes = Buffer.from(text);
    const counter = { pulled: 0 };
    let at = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (at >= bytes.length) return controller.close();
        counter.pulled++;
        controller.enqueue(new Uint8Array(bytes.subarray(at, at + size)));
        at += size;
      },
    });
    return { stream, counter };
  };

  it('finds every part even when each boundary is split across chunks', async () => {
    // The content holds a near-boundary (`\r\n--XyZ` without the rest is data, not a delimiter).
    const text = body(
      'Content-Disposition: form-data; name="caption"\r\n\r\nhi',
      file('a.png', 'one\r\n--Xy two'),
    );
    for (const size of [1, 3, 7, 1000]) {
      const parts = await readMultipart(
        'multipart/form-data; boundary=XyZ',
        undefined,
        chunked(text, size).stream,
        limits,
      );
      expect(parts.map((p) => [p.name, p.filename, p.bytes.toString()])).toEqual([
        ['caption', undefined, 'hi'],
        ['file', 'a.png', 'one\r\n--Xy two'],
      ]);
    }
  });

  it('stops reading at the part that passes its limit', async () => {
    const text = body(file('big.png', 'x'.repeat(5000)));
    const { stream, counter } = chunked(text, 10);
    await expect(
      readMultipart('multipart/form-data; boundary=XyZ', undefined, stream, limits),
    ).rejects.toThrow('too large');
    // Of 500-odd chunks, only those up to the 101st byte of the file (after ~100 bytes of preamble and headers).
    expect(counter.pulled).toBeLessThan(30);
    const three = body(file('1.png', 'a'), file('2.png', 'b'), file('3.png', 'c'));
    await expect(
      readMultipart('multipart/form-data; boundary=XyZ', undefined, chunked(three, 5).stream, limits),
    ).rejects.toThrow('too many files');
  });

  it('refuses a body that ends early or isn’t multipart (400 space.photo_bad_upload)', async () => {
    const cut = body(file('a.png', 'abc')).slice(0, -12);
    await expect(
      readMultipart('multipart/form-data; boundary=XyZ', undefined, chunked(cut, 4).stream, limits),
    ).rejects.toMatchObject({ status: 400, code: 'space.photo_bad_upload' });
    await expect(
      readMultipart('application/json', undefined, chunked('{}', 4).stream, limits),
    ).rejects.toMatchObject({ status: 400, code: 'space.photo_bad_upload' });
  });
});
