import { z } from 'zod';

/**
 * The admin channel's wire format: newline-delimited JSON over a Unix domain socket, one command per
 * connection. The CLI sends one request line; the hub answers with any number of output lines and then one
 * exit line, and closes the connection.
 *
 *   → {"v":1,"argv":["services:list"],"cwd":"/home/ops/orbit","user":"ops"}
 *   ← {"type":"out","text":"ID    NAME …\n"}
 *   ← {"type":"exit","code":0}
 */
export const PROTOCOL_VERSION = 1;

/** A request line longer than this is refused (exit 2) without being parsed. */
export const MAX_REQUEST_BYTES = 64 * 1024;

/** The hub waits this long for the request line after a connection opens. */
export const REQUEST_TIMEOUT_MS = 5_000;

/** Longest path a Unix domain socket can have (Linux `sun_path` is 108 bytes with its NUL; macOS 104). */
export const MAX_SOCKET_PATH_BYTES = 103;

export const channelRequest = z.object({
  v: z.literal(PROTOCOL_VERSION),
  /** The command line without the program: `["clients:show", "mail"]`. */
  argv: z.array(z.string().max(8192)).max(256),
  /** The CLI's working directory: commands resolve file arguments against it, not the hub's. */
  cwd: z.string().min(1).max(4096).startsWith('/'),
  /** The OS user running the CLI, for the audit log's "who". */
  user: z.string().min(1).max(128),
});

export type ChannelRequest = z.infer<typeof channelRequest>;

export type ChannelResponse =
  | { type: 'out'; text: string }
  | { type: 'err'; text: string }
  | { type: 'exit'; code: number };

export const encode = (message: ChannelRequest | ChannelResponse) => `${JSON.stringify(message)}\n`;

/** Whether the path fits a Unix socket address (else `listen`/`connect` fail with an unhelpful error). */
export const fitsSocketPath = (path: string) => Buffer.byteLength(path) <= MAX_SOCKET_PATH_BYTES;
