/**
 * The photo bench (issue 20): a real phone-sized photo — 12 megapixels, about 4 MB of JPEG, EXIF orientation 6
 * and a GPS position — uploaded over HTTP to a real Space, signed in through a real hub, one upload at a time and
 * two at once; the latency is from the first byte sent to the 201 (the photo accepted, processed into its three
 * files, stored and recorded). Then the pipeline alone (`processPhoto`, no HTTP) under each sharp thread setting,
 * which is how `sharp.concurrency(1)` in ../photos/process.ts was chosen. Prints Markdown tables.
 *
 * Run from a development install (it starts the hub and Space in this process, as the tests do, on embedded
 * PGlite or on the PostgreSQL server `ORBIT_TEST_DATABASE_URL` names):
 * `npx tsx apps/space/src/bench/photo.ts`.
 */
import { cpus, totalmem } from 'node:os';
import sharp from 'sharp';
import { phonePhoto } from '../photos/fixtures/images.js';
import { processPhoto } from '../photos/process.js';
import { startSpacePlatform } from '../test/platform.js';

const UPLOADS = 20;
const WARM_UP = 2;
const TARGET_MS = 1000;

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;

interface Stats {
  n: number;
  p50: number;
  p99: number;
  max: number;
  perSecond: number;
}

/** Runs `count` operations with `concurrency` in flight, answering their latencies' percentiles. */
async function measure(count: number, concurrency: number, op: () => Promise<void>): Promise<Stats> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next++ < count) {
        const t0 = performance.now();
        await op();
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    n: latencies.length,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: latencies.at(-1) ?? 0,
    perSecond: latencies.length / seconds,
  };
}

/** Rounds of one setting as one row: the medians' median, the worst p99 and max, the mean rate. */
function merged(rounds: Stats[]): Stats {
  const mid = (values: number[]) =>
    percentile(
      [...values].sort((a, b) => a - b),
      50,
    );
  return {
    n: rounds.reduce((sum, s) => sum + s.n, 0),
    p50: mid(rounds.map((s) => s.p50)),
    p99: Math.max(...rounds.map((s) => s.p99)),
    max: Math.max(...rounds.map((s) => s.max)),
    perSecond: rounds.reduce((sum, s) => sum + s.perSecond, 0) / rounds.length,
  };
}

const row = (name: string, s: Stats) =>
  `| ${name} | ${s.n} | ${s.p50.toFixed(0)} | ${s.p99.toFixed(0)} | ${s.max.toFixed(0)} | ${s.perSecond.toFixed(2)} |`;
const HEADER = [
  '| what | n | p50 ms | p99 ms | max ms | per second |',
  '| --- | --- | --- | --- | --- | --- |',
];

/** Progress on stderr, so stdout stays the Markdown. */
const began = performance.now();
const progress = (what: string) =>
  console.error(`bench: ${((performance.now() - began) / 1000).toFixed(1)} s — ${what}`);

async function main() {
  const photo = await phonePhoto({ width: 4000, height: 3000, orientation: 6, noise: 12 });
  progress(`photo made (${photo.length} bytes); starting the hub and Space`);
  const platform = await startSpacePlatform();
  try {
    progress('started');
    const person = await platform.person('Bench');
    const url = `${platform.space.url}/api/photos`;
    const upload = async () => {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(photo)], { type: 'image/jpeg' }), 'IMG_0001.jpg');
      const response = await person.browser.fetch(url, { method: 'POST', body: form });
      const body = (await response.json()) as { photos?: { width: number; height: number }[] };
      // Orientation 6: a 4000 × 3000 capture is 3000 wide and 4000 high once upright.
      if (response.status !== 201 || body.photos?.[0]?.width !== 3000) {
        throw new Error(`upload answered ${response.status}: ${JSON.stringify(body)}`);
      }
    };
    for (let i = 0; i < WARM_UP; i++) await upload();
    const one = await measure(UPLOADS, 1, upload);
    progress('uploads one at a time done');
    const two = await measure(UPLOADS, 2, upload);
    progress('uploads two at once done');

    // The pipeline alone, per libvips thread setting, the settings interleaved in rounds so that other load on
    // the machine falls on each alike.
    const settings = [1, cpus().length].flatMap((threads) =>
      [1, 2].map((inFlight) => ({ threads, inFlight })),
    );
    const runs = new Map<string, Stats[]>();
    for (let round = 0; round < 3; round++) {
      for (const { threads, inFlight } of settings) {
        sharp.concurrency(threads);
        const stats = await measure(4, inFlight, async () => {
          await processPhoto(photo, { maxPixels: 60_000_000 });
        });
        const name = `processPhoto, sharp.concurrency(${threads}), ${inFlight} at once`;
        runs.set(name, [...(runs.get(name) ?? []), stats]);
      }
    }
    const pipeline = [...runs].map(([name, stats]) => [name, merged(stats)] as const);
    sharp.concurrency(1);
    progress('pipeline done');

    const lines = [
      `## Photo uploads (${new Date().toISOString().slice(0, 10)})`,
      '',
      `${cpus().length} × ${cpus()[0]?.model.trim()}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}, ` +
        `sharp ${sharp.versions.sharp} (libvips ${sharp.versions.vips}), ` +
        `${process.env.ORBIT_TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'}. One 4000 × 3000 JPEG of ` +
        `${(photo.length / 2 ** 20).toFixed(2)} MiB (EXIF orientation 6, GPS), uploaded over HTTP, signed in; ` +
        `latency until the 201 (processed into original, 1600 px and 320 px WebP, stored, recorded). ` +
        `Target: p50 and p99 under ${TARGET_MS} ms.`,
      '',
      ...HEADER,
      row('upload, 1 at a time', one),
      row('upload, 2 at once', two),
      ...pipeline.map(([name, stats]) => row(name, stats)),
      '',
      `Target met (1 at a time): ${one.p50 < TARGET_MS && one.p99 < TARGET_MS ? 'yes' : 'no'}.`,
    ];
    console.log(lines.join('\n'));
  } finally {
    await platform.close();
    progress('stopped');
  }
}

await main();
// PGlite's own timers would hold the process for minutes after everything closed.
process.exit(0);
