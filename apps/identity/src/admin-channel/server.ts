import { chmod, lstat, mkdir, stat, unlink } from 'node:fs/promises';
import { createConnection, createServer, type Socket } from 'node:net';
import { dirname } from 'node:path';
import type { Logger } from 'pino';
import { runCli } from '../cli/commands.js';
import type { Hub } from '../cli/context.js';
import { cliActor } from '../kernel/actor.js';
import {
  type ChannelResponse,
  channelRequest,
  encode,
  fitsSocketPath,
  MAX_REQUEST_BYTES,
  MAX_SOCKET_PATH_BYTES,
  REQUEST_TIMEOUT_MS,
} from './protocol.js';

/** Why the channel could not open; the hub runs on without it (the CLI then cannot reach it). */
export class AdminChannelError extends Error {
  override name = 'AdminChannelError';
}

export interface AdminChannel {
  /** The socket's path (`<ORBIT_DATA_DIR>/run/hub.sock`). */
  path: string;
  /** Stops accepting commands, waits for those running, and removes the socket file. */
  close(): Promise<void>;
}

/** Commands run at once, at most; Node closes connections beyond that at once (the CLI then says so). */
const MAX_CONNECTIONS = 8;

/**
 * The socket lives in a directory of its own (`<ORBIT_DATA_DIR>/run`) that belongs to this user and is 0700:
 * permissions on the socket file alone are not honoured everywhere (some BSDs ignore them), a directory's are.
 * Its parent must not be writable by others either (unless sticky, like /tmp): whoever can rename entries there
 * could swap in their own directory and socket, read what the CLI sends, or answer in the hub's name.
 */
async function checkDirectory(dir: string): Promise<void> {
  const uid = process.getuid?.();
  const parent = dirname(dir);
  const above = await stat(parent).catch(() => undefined);
  if (above && (above.mode & 0o022) !== 0 && (above.mode & 0o1000) === 0) {
    throw new AdminChannelError(`${parent} is writable by its group or others: run "chmod go-w ${parent}"`);
  }
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const info = await lstat(dir);
  if (!info.isDirectory()) throw new AdminChannelError(`${dir} is not a directory; move it away`);
  if (uid !== undefined && info.uid !== uid) {
    throw new AdminChannelError(`${dir} belongs to another user (uid ${info.uid}, this hub runs as ${uid})`);
  }
  if ((info.mode & 0o077) !== 0) await chmod(dir, 0o700);
}

/** Whether something answers on the socket (a running hub), or the file is left over from a crashed one. */
function answers(path: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createConnection(path);
    probe.once('connect', () => {
      probe.destroy();
      resolve(true);
    });
    probe.once('error', () => resolve(false));
  });
}

/** Removes a socket file a crashed hub left behind; refuses to touch anything else, or a live hub's socket. */
async function clearStaleSocket(path: string): Promise<void> {
  const existing = await lstat(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (!existing) return;
  if (!existing.isSocket()) {
    throw new AdminChannelError(`${path} exists and is not a socket; move it away`);
  }
  if (await answers(path)) {
    throw new AdminChannelError(`another hub already answers on ${path} (two hubs share ORBIT_DATA_DIR)`);
  }
  await unlink(path);
}

/** Listens with a umask that leaves the socket 0600 from the moment it exists (chmod afterwards, too). */
function listen(server: ReturnType<typeof createServer>, path: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    const umask = process.umask(0o177);
    try {
      // The bind happens synchronously inside listen(), so the umask covers it.
      server.listen(path, () => {
        server.off('error', reject);
        resolve();
      });
    } finally {
      process.umask(umask);
    }
  });
}

/**
 * Opens the hub's local admin channel: a Unix domain socket the CLI sends its command lines to, run here with
 * the hub's own services (the same `runCli`), so the CLI works while the hub holds the embedded database.
 * Access is the socket's file permission (0600, in a directory only this user can write to): anyone who can
 * connect already runs as the hub's user. See docs/cli.md.
 */
export async function openAdminChannel({
  path,
  hub,
  logger,
  requestTimeoutMs = REQUEST_TIMEOUT_MS,
}: {
  path: string;
  hub: Hub;
  logger: Logger;
  /** How long a connection may take to send its request line. */
  requestTimeoutMs?: number;
}): Promise<AdminChannel> {
  if (!fitsSocketPath(path)) {
    throw new AdminChannelError(
      `${path} is too long for a Unix socket (${Buffer.byteLength(path)} bytes, at most ${MAX_SOCKET_PATH_BYTES}): ` +
        'use a shorter ORBIT_DATA_DIR',
    );
  }
  await checkDirectory(dirname(path));
  await clearStaleSocket(path);

  const running = new Set<Promise<void>>();
  const server = createServer((socket) => {
    const done = serve(socket, { hub, logger, requestTimeoutMs });
    running.add(done);
    void done.finally(() => running.delete(done));
  });
  server.maxConnections = MAX_CONNECTIONS;
  await listen(server, path);
  await chmod(path, 0o600);
  const { ino } = await lstat(path);
  logger.debug({ path }, 'admin channel open');

  return {
    path,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.allSettled(running);
      // Only our own socket: a hub started after us on the same directory may have replaced it.
      const current = await lstat(path).catch(() => undefined);
      if (current?.ino === ino) await unlink(path).catch(() => undefined);
    },
  };
}

/** One connection: read one request line (bounded in size and time), run it, stream the answer, close. */
function serve(
  socket: Socket,
  { hub, logger, requestTimeoutMs }: { hub: Hub; logger: Logger; requestTimeoutMs: number },
): Promise<void> {
  return new Promise((resolve) => {
    socket.on('error', () => undefined); // A CLI that went away mid-answer (EPIPE) is not the hub's problem.
    socket.on('close', () => resolve());
    const send = (message: ChannelResponse) => {
      if (socket.writable) socket.write(encode(message));
    };
    const refuse = (text: string) => {
      send({ type: 'err', text: `orbit: ${text}\n` });
      send({ type: 'exit', code: 2 });
      // Whatever more it sends is not read: close once the answer is out.
      socket.end(() => socket.destroy());
    };

    let received: Buffer[] = [];
    let size = 0;
    let started = false;
    socket.setTimeout(requestTimeoutMs, () => {
      if (!started) refuse(`no request within ${requestTimeoutMs / 1000} s`);
    });
    socket.on('data', (chunk: Buffer) => {
      if (started) return;
      const newline = chunk.indexOf(0x0a);
      const take = newline < 0 ? chunk : chunk.subarray(0, newline);
      received.push(take);
      size += take.length;
      if (size > MAX_REQUEST_BYTES) {
        started = true;
        received = [];
        refuse(`the request is larger than ${MAX_REQUEST_BYTES} bytes`);
        return;
      }
      if (newline < 0) return;
      started = true;
      socket.setTimeout(0);
      const line = Buffer.concat(received).toString('utf8');
      received = [];
      void run(line);
    });

    async function run(line: string) {
      let request: ReturnType<typeof channelRequest.parse>;
      try {
        request = channelRequest.parse(JSON.parse(line));
      } catch {
        refuse('malformed request (expected one JSON line: {"v":1,"argv":[…],"cwd":"/…","user":"…"})');
        return;
      }
      const began = performance.now();
      let code = 1;
      try {
        code = await runCli(request.argv, {
          hub,
          out: { write: (text: string) => send({ type: 'out', text }) },
          err: { write: (text: string) => send({ type: 'err', text }) },
          cwd: request.cwd,
          actor: cliActor(request.user),
        });
      } catch (error) {
        // runCli answers every command's failure itself; this is a bug, not the operator's mistake.
        logger.error({ err: error }, 'admin channel command failed');
        send({ type: 'err', text: 'orbit: the hub failed to run the command (see its log)\n' });
      }
      // The command's name only: arguments can carry what does not belong in logs.
      logger.info(
        {
          command: (request.argv[0] ?? 'help').slice(0, 64),
          user: request.user,
          exit: code,
          ms: Math.round(performance.now() - began),
        },
        'cli command',
      );
      send({ type: 'exit', code });
      socket.end(() => socket.destroy());
    }
  });
}
