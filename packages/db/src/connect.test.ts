import { afterAll, describe, expect, it } from 'vitest';
import { connectPostgres } from './connect.js';

// The PostgreSQL run's server (CI: the machine's); the PGlite run has none to reach.
const serverUrl = process.env.ORBIT_TEST_DATABASE_URL;

describe.runIf(serverUrl)('connectPostgres', () => {
  const clients: ReturnType<typeof connectPostgres>[] = [];
  const open = (url: string) => {
    const client = connectPostgres(url, { max: 1, onnotice: () => {} });
    clients.push(client);
    return client;
  };
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.end({ timeout: 5 })));
  });

  it("reaches the server through the Unix socket libpq's ?host=<directory> names", async () => {
    const [{ directories }] = await open(serverUrl!)<[{ directories: string }]>`
      select current_setting('unix_socket_directories') as directories`;
    const directory = directories.split(',')[0]!.trim();
    const url = new URL(serverUrl!);
    url.searchParams.set('host', directory);
    const [row] = await open(url.toString())<[{ address: string | null; db: string }]>`
      select inet_server_addr() as address, current_database() as db`;
    // No server address: not TCP.
    expect(row).toEqual({ address: null, db: decodeURIComponent(url.pathname.slice(1)) });
  });

  it('keeps a host that is not a directory for the URL itself', async () => {
    const [row] = await open(serverUrl!)<[{ tcp: boolean }]>`select inet_server_addr() is not null as tcp`;
    expect(row!.tcp).toBe(true);
  });
});
