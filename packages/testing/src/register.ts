import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createConnection } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import type { ServiceManifest } from '@orbit/contracts';
import type { LaunchedHub } from './hub.js';
import type { ServiceCredentials } from './tokens.js';

/** What a CLI command answered: its exit code and what it printed. */
export interface CliResult {
  code: number;
  out: string;
  err: string;
}

/**
 * Runs one command of the hub's CLI (`npm run orbit -- <argv>`) against a test hub, through its admin channel —
 * the Unix socket the CLI itself talks to (one JSON line out; output lines and an exit line back). File arguments
 * are read relative to `cwd` (default this process's).
 *
 * @example
 * const { code, out } = await orbitCli(launched, ['services:list']);
 */
export function orbitCli(
  launched: LaunchedHub,
  argv: string[],
  options: { cwd?: string } = {},
): Promise<CliResult> {
  const socket = launched.adminSocket;
  if (!socket) {
    return Promise.reject(new Error('this hub has no admin channel (it runs without a data folder)'));
  }
  return new Promise((resolve, reject) => {
    const connection = createConnection(socket);
    const result: CliResult = { code: -1, out: '', err: '' };
    let buffered = '';
    connection.setEncoding('utf8');
    connection.once('connect', () => {
      const request = { v: 1, argv, cwd: options.cwd ?? process.cwd(), user: userInfo().username || 'test' };
      connection.write(`${JSON.stringify(request)}\n`);
    });
    connection.on('data', (chunk: string) => {
      buffered += chunk;
      for (let newline = buffered.indexOf('\n'); newline >= 0; newline = buffered.indexOf('\n')) {
        const line = buffered.slice(0, newline);
        buffered = buffered.slice(newline + 1);
        if (!line.trim()) continue;
        const message = JSON.parse(line) as { type: 'out' | 'err' | 'exit'; text?: string; code?: number };
        if (message.type === 'out') result.out += message.text ?? '';
        else if (message.type === 'err') result.err += message.text ?? '';
        else result.code = message.code ?? -1;
      }
    });
    connection.once('error', reject);
    connection.once('close', () =>
      result.code === -1
        ? reject(new Error(`the hub closed its admin channel before ${argv[0]} finished`))
        : resolve(result),
    );
  });
}

/**
 * Registers a service with a test hub as `npm start` does — `services:register` through the hub's admin
 * channel: the service's OIDC client and launcher entry, audited, the default tiers taking its perks' tier
 * values, and its credentials file written in the hub's services folder — and answers the client credentials
 * from that file. Registering the same service again keeps the secret that still works.
 *
 * @example
 * const credentials = await registerService(launched, manifest, `http://localhost:${port}`);
 */
export async function registerService(
  launched: LaunchedHub,
  manifest: ServiceManifest,
  origin: string,
): Promise<ServiceCredentials> {
  // The CLI imports a manifest module, as it imports a service's built `dist/manifest.js`.
  const dir = await mkdtemp(join(tmpdir(), 'orbit-manifest-'));
  try {
    const file = join(dir, 'manifest.mjs');
    await writeFile(file, `export const manifest = ${JSON.stringify(manifest)};\n`);
    const done = await orbitCli(launched, ['services:register', file, '--origin', origin]);
    if (done.code !== 0) {
      throw new Error(`services:register ${manifest.id} failed (exit ${done.code}): ${done.err || done.out}`);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  const servicesDir = launched.config.servicesDir;
  if (!servicesDir) throw new Error('this hub has no services folder');
  const written = JSON.parse(await readFile(join(servicesDir, `${manifest.id}.json`), 'utf8'));
  return { clientId: written.clientId, clientSecret: written.clientSecret };
}
