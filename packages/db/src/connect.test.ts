import { createServer, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

/**
 * The `postgres` driver as patched in `patches/` (issue 18): a connection whose server session ends under it —
 * a restart, a crash, `pg_terminate_backend` — must fail the queries on it with an error the caller can catch,
 * never throw from a timer (which ends the process), and the pool must serve again right after. Unpatched 3.4.9
 * crashed on both paths below (porsager/postgres#1154, #1208).
 */
describe.runIf(serverUrl)('the postgres driver when the server ends a session', () => {
  const clients: ReturnType<typeof connectPostgres>[] = [];
  const open = (max: number) => {
    const client = connectPostgres(serverUrl!, { max, onnotice: () => {} });
    clients.push(client);
    return client;
  };
  const uncaught: unknown[] = [];
  const note = (error: unknown) => uncaught.push(error);
  beforeAll(() => {
    process.prependListener('uncaughtException', note);
  });
  afterAll(async () => {
    process.removeListener('uncaughtException', note);
    await Promise.all(clients.map((c) => c.end({ timeout: 5 })));
  });
  const killer = () => open(1);
  /** Ends a server session, as a restart or crash ends every session. */
  const terminate = async (pid: number) => {
    await killer()`select pg_terminate_backend(${pid})`;
  };
  /** Lets timers queued by the failed connection (the driver's batched writes) run. */
  const settle = () => new Promise((resolve) => setTimeout(resolve, 200));

  it('rejects a transaction whose session ended mid-query, and serves the next query', async () => {
    const sql = open(2);
    let pid: number | undefined;
    const transaction = sql.begin(async (tx) => {
      const [row] = await tx<[{ pid: number }]>`select pg_backend_pid() as pid`;
      pid = row!.pid;
      await tx`select pg_sleep(5)`;
    });
    const failed = transaction.then(
      () => undefined,
      (error: unknown) => error,
    );
    while (pid === undefined) await new Promise((resolve) => setTimeout(resolve, 20));
    await terminate(pid);
    expect(await failed).toBeInstanceOf(Error);
    await settle();
    expect(uncaught).toEqual([]);
    const [after] = await sql<[{ ok: number }]>`select 1 as ok`;
    expect(after!.ok).toBe(1);
  });

  it('rejects queries on a reserved connection whose session ended, without taking the process down', async () => {
    const sql = open(2);
    const reserved = await sql.reserve();
    try {
      const [row] = await reserved<[{ pid: number }]>`select pg_backend_pid() as pid`;
      await terminate(row!.pid);
      // The first query meets the ended session (reset or closed); the next one the connection left closed.
      const first = await reserved`select 1`.then(
        () => undefined,
        (error: { code?: string }) => error,
      );
      expect(first?.code).toMatch(/^(ECONNRESET|CONNECTION_CLOSED|57P01)$/);
      const next = await reserved`select 1`.then(
        () => undefined,
        (error: { code?: string }) => error,
      );
      expect(next?.code).toBe('CONNECTION_CLOSED');
      await settle();
      expect(uncaught).toEqual([]);
    } finally {
      reserved.release();
    }
    const [after] = await sql<[{ ok: number }]>`select 1 as ok`;
    expect(after!.ok).toBe(1);
  });
});

/**
 * A new connection first reads the server's array types, in a query nobody awaits; when the connection was lost
 * during it (found under the soak: a hub's pool connecting again while PostgreSQL shut down) the rejection was
 * unhandled and ended the process. Reproduced with a stand-in server that accepts the start-up and then resets
 * the connection when the types query comes, on every run, without a real server.
 */
describe('the postgres driver when a new connection is lost while it reads the types', () => {
  it('fails the waiting query and leaves no unhandled rejection', async () => {
    const sockets: Socket[] = [];
    const server = createServer((socket) => {
      sockets.push(socket);
      let startedUp = false;
      socket.on('data', () => {
        if (!startedUp) {
          startedUp = true;
          // AuthenticationOk, then ReadyForQuery (idle): the driver now asks for the array types.
          const ok = Buffer.from([0x52, 0, 0, 0, 8, 0, 0, 0, 0]);
          const ready = Buffer.from([0x5a, 0, 0, 0, 5, 0x49]);
          socket.write(Buffer.concat([ok, ready]));
        } else {
          socket.resetAndDestroy();
        }
      });
      socket.on('error', () => {});
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    const unhandled: unknown[] = [];
    const note = (reason: unknown) => unhandled.push(reason);
    process.prependListener('unhandledRejection', note);
    const sql = connectPostgres(`postgres://orbit@127.0.0.1:${port}/orbit`, { max: 1, connect_timeout: 2 });
    try {
      const failed = await sql`select 1`.then(
        () => undefined,
        (error: { code?: string }) => error,
      );
      expect(failed?.code).toMatch(/^(ECONNRESET|CONNECTION_CLOSED)$/);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(unhandled).toEqual([]);
    } finally {
      process.removeListener('unhandledRejection', note);
      await sql.end({ timeout: 0 });
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
