import postgres from 'postgres';

/**
 * A client of the `postgres` driver for a `postgres://` URL, honouring libpq's `?host=<directory>`: the Unix
 * socket in that directory (e.g. `postgres://postgres@localhost/orbit?host=/var/run/postgresql`), which the
 * driver does not read from a URL by itself. On one machine a Unix socket costs the hub far less than loopback
 * TCP, where each write also runs the receiving side of the TCP stack (docs/performance.md).
 */
export function connectPostgres(url: string, options: postgres.Options<Record<string, never>> = {}) {
  const parsed = new URL(url);
  const socketDir = parsed.searchParams.get('host');
  if (!socketDir?.startsWith('/')) return postgres(url, options);
  parsed.searchParams.delete('host');
  return postgres(parsed.toString(), { ...options, host: socketDir });
}
