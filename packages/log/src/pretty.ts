import build from 'pino-abstract-transport';
import sonicBoom from 'sonic-boom';
import { formatEntry } from './format.js';

// A CommonJS module: its named export exists at run time as a property of the default one.
const { SonicBoom } = sonicBoom;

export interface PrettyOptions {
  /** A file descriptor (default 1, stdout) or a file path to append to. */
  destination?: number | string;
  color?: boolean;
}

/**
 * The pino transport behind `LOG_FORMAT=pretty`. pino runs it in a worker thread: the process only hands each
 * JSON line over, and the parsing, formatting and writing happen off the main thread, so requests don't wait
 * for the terminal (docs/performance.md).
 */
export default async function prettyTransport({ destination = 1, color = false }: PrettyOptions = {}) {
  const out = new SonicBoom({ dest: destination, sync: false, mkdir: typeof destination === 'string' });
  await new Promise<void>((resolve, reject) => {
    out.once('ready', resolve);
    out.once('error', reject);
  });
  return build(
    async (source) => {
      for await (const entry of source) {
        out.write(formatEntry(entry as Record<string, unknown>, { color }));
      }
    },
    {
      async close() {
        await new Promise<void>((resolve) => {
          out.once('close', () => resolve());
          out.end();
        });
      },
    },
  );
}
