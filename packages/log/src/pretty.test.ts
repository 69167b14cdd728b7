import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The transport runs in pino's worker thread, which loads plain JavaScript: test the build.
const BUILT = fileURLToPath(new URL('../dist/index.js', import.meta.url));

describe('the pretty transport', () => {
  let dir: string;
  let log: typeof import('./index.js');
  beforeAll(async () => {
    if (!existsSync(BUILT)) throw new Error(`${BUILT} is missing: build @orbit/log first (npm run build)`);
    log = (await import(BUILT)) as typeof import('./index.js');
    dir = await mkdtemp(join(tmpdir(), 'orbit-log-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  /** The file's text once `done` says it is complete, or as it is after 20 s. */
  async function readWhen(file: string, done: (text: string) => boolean): Promise<string> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const text = await readFile(file, 'utf8').catch(() => '');
      if (done(text) || Date.now() > deadline) return text;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  const flushed = (logger: { flush(cb: (err?: Error) => void): void }) =>
    new Promise<void>((resolve, reject) => logger.flush((err) => (err ? reject(err) : resolve())));

  it('formats lines in its worker thread and writes them to the destination', async () => {
    const file = join(dir, 'pretty.log');
    const logger = log.createLogger({
      service: 'identity',
      level: 'debug',
      format: 'pretty',
      color: false,
      destination: file,
    });
    logger.info({ url: 'http://localhost:4000' }, 'hub listening');
    logger.debug({ method: 'GET', path: '/api/me', status: 200, ms: 12 }, 'request');
    logger.trace('not shown at debug');
    logger.error({ err: new Error('boom') }, 'unhandled error');
    // Not `flush(cb)`: its callback can be lost when the worker thread starts late on a loaded machine
    // (pinojs/pino#2481; this test once waited 30 s for it). Wait for the lines themselves.
    const lines = (await readWhen(file, (text) => /\n {6}at /.test(text))).split('\n');
    expect(lines[0]).toMatch(
      /^\d\d:\d\d:\d\d\.\d{3} INFO {2}identity hub listening {2}url=http:\/\/localhost:4000$/,
    );
    expect(lines[1]).toMatch(/ DEBUG identity GET \/api\/me 200 12ms$/);
    expect(lines[2]).toMatch(/ ERROR identity unhandled error$/);
    expect(lines[3]).toBe('  Error: boom');
    expect(lines[4]).toMatch(/^ {6}at /);
    expect(lines.join('\n')).not.toContain('not shown');
  });

  it('writes one JSON object a line for json', async () => {
    const file = join(dir, 'json.log');
    const logger = log.createLogger({ service: 'mail', level: 'info', format: 'json', destination: file });
    logger.info({ port: 4101 }, 'mail listening');
    logger.debug('below the level');
    await flushed(logger);
    const lines = (await readFile(file, 'utf8')).trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({
      level: 30,
      service: 'mail',
      port: 4101,
      msg: 'mail listening',
    });
  });

  it('colours when told, or when FORCE_COLOR says so, and never with NO_COLOR', () => {
    expect(log.colorWanted({ FORCE_COLOR: '1' })).toBe(true);
    expect(log.colorWanted({ FORCE_COLOR: '0' })).toBe(false);
    expect(log.colorWanted({ NO_COLOR: '1', FORCE_COLOR: '1' })).toBe(false);
  });
});
