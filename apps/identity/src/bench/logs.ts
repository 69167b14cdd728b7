/**
 * What the request log costs a request: `node apps/identity/dist/bench/logs.js` (after a build). Starts the hub
 * three times on the embedded database — request lines off (`info`), on as JSON (`debug`), on as readable lines
 * (`debug`, `LOG_FORMAT=pretty`, formatted in pino's worker thread) — with its output going to /dev/null, and
 * times GET /healthz (the cheapest route, so the log line is the largest share) and GET /api/session.
 * Printed as Markdown for docs/performance.md.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../net.js';
import { load, row } from './load.js';

const REQUESTS = 4000;
const CONCURRENCY = 16;

async function run(name: string, logEnv: Record<string, string>): Promise<string[]> {
  const port = await freePort();
  const url = `http://localhost:${port}`;
  const dataDir = await mkdtemp(join(tmpdir(), 'orbit-bench-logs-'));
  const hub = spawn(process.execPath, [fileURLToPath(new URL('../main.js', import.meta.url))], {
    env: { ...process.env, PORT: String(port), ORBIT_DATA_DIR: dataDir, FORCE_COLOR: '1', ...logEnv },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    for (let i = 0; i < 600; i++) {
      if (
        await fetch(`${url}/readyz`).then(
          (r) => r.ok,
          () => false,
        )
      )
        break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const get = (path: string) => () =>
      fetch(`${url}${path}`).then(async (r) => {
        await r.arrayBuffer();
        return r.status < 500;
      });
    await load(500, CONCURRENCY, get('/healthz')); // warm-up
    return [
      row(`${name}: GET /healthz`, REQUESTS, CONCURRENCY, await load(REQUESTS, CONCURRENCY, get('/healthz'))),
      row(
        `${name}: GET /api/session`,
        REQUESTS,
        CONCURRENCY,
        await load(REQUESTS, CONCURRENCY, get('/api/session')),
      ),
    ];
  } finally {
    const exited = new Promise((resolve) => hub.once('exit', resolve));
    hub.kill('SIGTERM');
    await exited;
    await rm(dataDir, { recursive: true, force: true });
  }
}

const rows = [
  ...(await run('no request lines (info, json)', { LOG_LEVEL: 'info', LOG_FORMAT: 'json' })),
  ...(await run('request lines as JSON (debug)', { LOG_LEVEL: 'debug', LOG_FORMAT: 'json' })),
  ...(await run('request lines, pretty (debug)', { LOG_LEVEL: 'debug', LOG_FORMAT: 'pretty' })),
];
console.log('| operation | requests | concurrency | per second | p50 ms | p99 ms | failures |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const line of rows) console.log(line);
