import { createConnection } from 'node:net';
import type { Output } from '../cli/context.js';
import { type ChannelResponse, encode, fitsSocketPath, PROTOCOL_VERSION } from './protocol.js';

/** With no line from the hub for this long, the CLI gives up (the command may still finish in the hub). */
export const ANSWER_TIMEOUT_MS = 120_000;

/** Errors that mean "no hub here": the CLI then opens the database itself. */
const NO_HUB = new Set(['ENOENT', 'ECONNREFUSED', 'ENOTSOCK']);

/**
 * Sends one command line to a running hub's admin channel and copies its answer to `out`/`err`. Answers the
 * command's exit code, or undefined when no hub listens on `path` (nothing was sent).
 */
export function sendToHub(
  path: string,
  request: { argv: string[]; cwd: string; user: string },
  { out, err, timeoutMs = ANSWER_TIMEOUT_MS }: { out: Output; err: Output; timeoutMs?: number },
): Promise<number | undefined> {
  if (!fitsSocketPath(path)) return Promise.resolve(undefined);
  return new Promise((resolve, reject) => {
    const socket = createConnection(path);
    let connected = false;
    let answered = false;
    let exitCode: number | undefined;
    let buffered = '';

    socket.setEncoding('utf8');
    socket.setTimeout(timeoutMs, () => {
      socket.destroy();
      reject(
        new Error(
          `no answer from the hub for ${Math.round(timeoutMs / 1000)} s; the command may still finish`,
        ),
      );
    });
    socket.once('connect', () => {
      connected = true;
      socket.write(encode({ v: PROTOCOL_VERSION, ...request }));
    });
    socket.on('data', (chunk: string) => {
      buffered += chunk;
      let newline = buffered.indexOf('\n');
      while (newline >= 0) {
        const line = buffered.slice(0, newline);
        buffered = buffered.slice(newline + 1);
        newline = buffered.indexOf('\n');
        if (line.trim() === '') continue;
        let message: ChannelResponse;
        try {
          message = JSON.parse(line) as ChannelResponse;
        } catch {
          socket.destroy();
          reject(
            new Error(
              `the hub answered something that is not the admin channel protocol: ${line.slice(0, 80)}`,
            ),
          );
          return;
        }
        if (message.type === 'out') out.write(message.text);
        else if (message.type === 'err') err.write(message.text);
        else if (message.type === 'exit') exitCode = message.code;
      }
    });
    const closedAtOnce = () =>
      new Error('the hub closed the admin channel at once (it is stopping, or runs 8 commands already)');
    socket.once('data', () => {
      answered = true;
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      if (!connected && error.code && NO_HUB.has(error.code)) return resolve(undefined);
      if (!connected && error.code === 'EACCES') {
        return reject(
          new Error(
            `permission denied on ${path}: run the CLI as the user that runs the hub (the socket is 0600)`,
          ),
        );
      }
      // Refused before a word was said: writing the request met a closed socket.
      if (connected && !answered && (error.code === 'EPIPE' || error.code === 'ECONNRESET')) {
        return reject(closedAtOnce());
      }
      reject(error);
    });
    socket.once('close', () => {
      if (exitCode !== undefined) resolve(exitCode);
      else if (connected && !answered) reject(closedAtOnce());
      else if (connected) reject(new Error('the hub closed the admin channel before the command finished'));
    });
  });
}
