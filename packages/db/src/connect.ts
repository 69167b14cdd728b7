import postgres from 'postgres';

/**
 * How a pool comes back after the server went away (a restart, a crash). The driver waits before a closed connection
 * connects again, `3^n / 100` seconds after the pool's n-th failure (up to 20 s): during a restart every connection
 * fails a few times, and a request handed to one of them then waited up to 20 s after the server was back. Here the
 * wait doubles from 50 ms and stops at 1 s — a server on the same network can take that — and an attempt that gets
 * no answer gives up after 10 s instead of 30.
 */
export const RECONNECTION = {
  backoff: (failures: number) => Math.min(0.05 * 2 ** failures, 1),
  connect_timeout: 10,
} as const;

/**
 * A client of the `postgres` driver for a `postgres://` URL, honouring libpq's `?host=<directory>`: the Unix
 * socket in that directory (e.g. `postgres://postgres@localhost/orbit?host=/var/run/postgresql`), which the
 * driver does not read from a URL by itself. On one machine a Unix socket costs the hub far less than loopback
 * TCP, where each write also runs the receiving side of the TCP stack (docs/performance.md).
 */
export function connectPostgres(url: string, given: postgres.Options<Record<string, never>> = {}) {
  const options = { ...RECONNECTION, ...given };
  const parsed = new URL(url);
  const socketDir = parsed.searchParams.get('host');
  if (!socketDir?.startsWith('/')) return postgres(url, options);
  parsed.searchParams.delete('host');
  return postgres(parsed.toString(), { ...options, host: socketDir });
}
