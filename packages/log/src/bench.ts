/**
 * What a log line costs the thread that serves requests: `node packages/log/dist/bench.js`. Logs N request
 * lines (the hub's debug line) as JSON, as pretty lines through the transport (formatted in its worker), and
 * formatted on the main thread (what the transport saves), each to /dev/null, and prints the main thread's time
 * per line and the time until everything was written.
 */
import { formatEntry } from './format.js';
import { createLogger } from './index.js';

const LINES = Number(process.argv[2] ?? 50_000);
const line = {
  requestId: 'f3b0c442-98fc-1c14-9afb-f4c8996fb924',
  method: 'GET',
  path: '/api/me',
  status: 200,
  ms: 12.3,
};

async function run(name: string, format: 'json' | 'pretty') {
  const logger = createLogger({
    service: 'identity',
    level: 'debug',
    format,
    color: true,
    destination: '/dev/null',
  });
  logger.debug(line, 'warm-up');
  await new Promise<void>((resolve) => logger.flush(() => resolve()));
  const started = performance.now();
  for (let i = 0; i < LINES; i++) logger.debug(line, 'request');
  const mainThread = performance.now() - started;
  await new Promise<void>((resolve) => logger.flush(() => resolve()));
  const written = performance.now() - started;
  report(name, mainThread, written);
}

function inline() {
  const started = performance.now();
  let bytes = 0;
  for (let i = 0; i < LINES; i++) {
    const entry = JSON.parse(
      JSON.stringify({ level: 20, time: Date.now(), service: 'identity', ...line, msg: 'request' }),
    );
    bytes += formatEntry(entry, { color: true }).length;
  }
  const elapsed = performance.now() - started;
  report('pretty, formatted on the main thread', elapsed, elapsed);
  return bytes;
}

function report(name: string, mainThread: number, written: number) {
  const perLine = (mainThread * 1000) / LINES;
  console.log(
    `${name.padEnd(40)} ${perLine.toFixed(2).padStart(6)} µs/line on the main thread; all written after ${written.toFixed(0)} ms`,
  );
}

console.log(`${LINES} request lines, Node ${process.version}`);
await run('json (pino, to /dev/null)', 'json');
await run('pretty (transport worker, to /dev/null)', 'pretty');
inline();
