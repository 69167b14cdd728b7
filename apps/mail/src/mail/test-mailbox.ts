import { randomUUID } from 'node:crypto';
import type { DatabaseHandle } from '@orbit/db';
import { createTestDatabase, type TestDatabase } from '@orbit/db/testing';
import { leaseMailDatabase, openMailDatabase } from '../db/open.js';
import type { Address, MailSchema } from '../db/schema.js';
import type { Clock } from './clock.js';
import { createMailbox, type Mailbox } from './mailbox.js';
import type { Directory, MailLimits, SendRate } from './ports.js';

/** Test support: a clock the test moves, and a directory standing in for the hub's account lookup. */
export interface MovableClock extends Clock {
  advance(ms: number): void;
  set(date: Date): void;
}

export function movableClock(start = new Date('2025-03-03T09:00:00.000Z')): MovableClock {
  let now = start.getTime();
  return {
    now: () => new Date(now),
    advance: (ms) => {
      now += ms;
    },
    set: (date) => {
      now = date.getTime();
    },
  };
}

/** A directory of a few accounts, found by account number or handle as the hub finds them. */
export function memoryDirectory(): Directory & { add(address: Address): void; calls: string[][] } {
  const accounts: Address[] = [];
  const calls: string[][] = [];
  return {
    calls,
    add: (address) => {
      accounts.push(address);
    },
    async lookup(identifiers) {
      calls.push(identifiers);
      const found: Record<string, Address> = {};
      const unknown: string[] = [];
      for (const id of identifiers) {
        const account = accounts.find((a) => a.accountNumber === id || a.handle === id.toLowerCase());
        if (account) found[id] = { ...account };
        else unknown.push(id);
      }
      return { accounts: found, unknown };
    },
  };
}

export const TEST_LIMITS: MailLimits = { quotaBytes: 1024 * 1024, attachmentBytes: 64 * 1024 };

export interface TestMailbox {
  handle: DatabaseHandle<MailSchema>;
  clock: MovableClock;
  directory: ReturnType<typeof memoryDirectory>;
  mailbox: Mailbox;
  /** A new account, known to the directory, with its own limits if given. */
  account(handle: string, limits?: Partial<MailLimits>): Address;
  /** Builds another mailbox on the same database, e.g. with another send rate. */
  withRate(rate: SendRate): Mailbox;
  close(): Promise<void>;
}

let accountNumbers = 10_000;

/** Mail's domain on a fresh database for one test file (PGlite in memory, or Postgres when configured). */
export async function openTestMailbox(
  rate: SendRate = { perMinute: 1000, perDay: 10_000 },
): Promise<TestMailbox> {
  const testDb: TestDatabase = await createTestDatabase();
  const handle = await openMailDatabase({ databaseUrl: testDb.url, pgliteDir: testDb.dataDir }, undefined, {
    pglite: testDb.url ? undefined : await leaseMailDatabase(),
  });
  const clock = movableClock();
  const directory = memoryDirectory();
  const limitsBySub = new Map<string, MailLimits>();
  const limits = async (sub: string) => limitsBySub.get(sub) ?? TEST_LIMITS;
  const build = (sendRate: SendRate) =>
    createMailbox({ db: handle.db, clock, directory, limits, rate: sendRate });
  return {
    handle,
    clock,
    directory,
    mailbox: build(rate),
    withRate: build,
    account(name, own) {
      const address: Address = {
        sub: randomUUID(),
        accountNumber: String(++accountNumbers),
        handle: `${name}${accountNumbers}`,
        displayName: `${name[0]?.toUpperCase()}${name.slice(1)} Example`,
      };
      directory.add(address);
      if (own) limitsBySub.set(address.sub, { ...TEST_LIMITS, ...own });
      return address;
    },
    close: async () => {
      await handle.close();
      await testDb.drop();
    },
  };
}
