import { randomUUID } from 'node:crypto';
import { type SQL, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../../test/hub.js';
import type { ClientRow } from '../schema.js';
import { CLIENTS_CHANNEL, createClientCache } from './cache.js';

/**
 * The token endpoint authenticates clients from memory (oidc/clients/cache.ts); every change to a client, made
 * anywhere, must still take effect at the next request.
 */
describe('the client cache', () => {
  let hub: TestHub & Awaited<ReturnType<typeof startTestHub>>;
  let secret: string;

  beforeAll(async () => {
    hub = await startTestHub();
    const created = await hub.services.clients.create({
      id: 'cached-svc',
      name: 'Cached service',
      grantTypes: ['client_credentials'],
      scopes: ['accounts:read'],
    });
    secret = created.clientSecret!;
  });
  afterAll(async () => {
    await hub.close();
  });

  const grant = async (asHub: TestHub = hub, withSecret = secret) => {
    const res = await asHub.app.request('/oidc/token', {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`cached-svc:${withSecret}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'grant_type=client_credentials&scope=accounts%3Aread',
    });
    return { status: res.status, body: (await res.json()) as { error?: string } };
  };

  /** Runs `statement` with the tables' notifying triggers off: a change the cache is never told of. */
  async function unannounced(statement: SQL) {
    await hub.db.transaction(async (tx) => {
      await tx.execute(sql`alter table oidc.clients disable trigger clients_changed`);
      await tx.execute(sql`alter table oidc.client_secrets disable trigger client_secrets_changed`);
      await tx.execute(statement);
      await tx.execute(sql`alter table oidc.clients enable trigger clients_changed`);
      await tx.execute(sql`alter table oidc.client_secrets enable trigger client_secrets_changed`);
    });
  }

  /**
   * Resolves once every change notified so far has reached `on`'s client cache: a marker sent after them arrives
   * after them, on the same subscription, after the cache's own listener has run.
   */
  async function settled(on: TestHub = hub) {
    const marker = randomUUID();
    let seen: () => void = () => {};
    const arrived = new Promise<void>((resolve) => {
      seen = resolve;
    });
    const stop = await on.listen(CLIENTS_CHANNEL, (payload) => {
      if (payload === marker) seen();
    });
    try {
      await on.db.execute(sql`select pg_notify(${CLIENTS_CHANNEL}, ${marker})`);
      await arrived;
    } finally {
      await stop();
    }
  }

  it('answers from memory once read, and hears of a change made outside the hub at the next request', async () => {
    await settled();
    expect((await grant()).status).toBe(200);
    // Disabled behind the cache's back (no notification): the cached registration still answers, which shows
    // the endpoint no longer reads the table. Undone the same way.
    await unannounced(sql`update oidc.clients set disabled_at = now() where id = 'cached-svc'`);
    expect((await grant()).status).toBe(200);
    await unannounced(sql`update oidc.clients set disabled_at = null where id = 'cached-svc'`);
    // The same for its secret: the hash it was read with still matches.
    await unannounced(
      sql`update oidc.client_secrets set secret_hash = 'x' || secret_hash where client_id = 'cached-svc'`,
    );
    expect((await grant()).status).toBe(200);
    await unannounced(
      sql`update oidc.client_secrets set secret_hash = substr(secret_hash, 2) where client_id = 'cached-svc'`,
    );

    // The same change as the CLI or another hub instance would make it: announced when it commits.
    await hub.db.execute(sql`update oidc.clients set disabled_at = now() where id = 'cached-svc'`);
    await settled();
    expect(await grant()).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
    await hub.db.execute(sql`update oidc.clients set disabled_at = null where id = 'cached-svc'`);
    await settled();
    expect((await grant()).status).toBe(200);
  });

  it('refuses at once a client this hub disables and a secret it rotates away', async () => {
    expect((await grant()).status).toBe(200);
    await hub.services.clients.setDisabled('cached-svc', true);
    expect((await grant()).body.error).toBe('invalid_client');
    await hub.services.clients.setDisabled('cached-svc', false);
    expect((await grant()).status).toBe(200);

    const { clientSecret } = await hub.services.clients.rotateSecret('cached-svc', 0);
    expect((await grant()).body.error).toBe('invalid_client');
    expect((await grant(hub, clientSecret)).status).toBe(200);
    secret = clientSecret;
  });

  it('ends a replaced secret when its grace ends by the clock, with no change to tell of', async () => {
    const { clientSecret } = await hub.services.clients.rotateSecret('cached-svc', 1);
    expect((await grant(hub, secret)).status).toBe(200);
    expect((await grant(hub, clientSecret)).status).toBe(200);
    hub.clock.advance(3_600_000);
    expect((await grant(hub, secret)).body.error).toBe('invalid_client');
    expect((await grant(hub, clientSecret)).status).toBe(200);
    secret = clientSecret;
  });

  // Two hub instances share a database on PostgreSQL only (embedded PGlite is one process's).
  it.skipIf(!process.env.ORBIT_TEST_DATABASE_URL)(
    'is emptied in every hub instance on the database when one of them disables a client',
    async () => {
      const other = await startTestHub({}, { database: hub.database });
      try {
        expect((await grant(other)).status).toBe(200);
        expect((await grant(hub)).status).toBe(200);
        await other.services.clients.setDisabled('cached-svc', true);
        expect((await grant(other)).body.error).toBe('invalid_client');
        await settled(hub);
        expect((await grant(hub)).body.error).toBe('invalid_client');
        await other.services.clients.setDisabled('cached-svc', false);
        await settled(hub);
        expect((await grant(hub)).status).toBe(200);
      } finally {
        await other.close();
      }
    },
  );
});

describe('createClientCache', () => {
  const row = (name: string) => ({ id: 'c', name }) as ClientRow;
  const nameOf = async (answer: Promise<ClientRow | undefined>) => (await answer)?.name;

  it('keeps nothing until it watches, keeps no misses, and starts again on every notice and reconnection', async () => {
    const cache = createClientCache();
    let loads = 0;
    const load = (name: string) => async () => {
      loads++;
      return row(name);
    };
    await cache.client('c', load('a'));
    await cache.client('c', load('a'));
    expect(loads).toBe(2);

    let notify: (payload: string) => void = () => {};
    let reconnect: () => void = () => {};
    await cache.watch(async (_channel, onNotify, onConnect) => {
      notify = onNotify;
      reconnect = onConnect!;
      onConnect!();
      return async () => {};
    });
    expect(await nameOf(cache.client('c', load('b')))).toBe('b');
    expect(await nameOf(cache.client('c', load('c')))).toBe('b');
    notify('clients');
    expect(await nameOf(cache.client('c', load('d')))).toBe('d');
    reconnect();
    expect(await nameOf(cache.client('c', load('e')))).toBe('e');
    expect(await cache.client('missing', async () => undefined)).toBeUndefined();
    expect(await nameOf(cache.client('missing', load('f')))).toBe('f');

    // A change while a read was loading: that read's answer is not kept.
    let release: () => void = () => {};
    const slow = cache.client('slow', async () => {
      await new Promise<void>((r) => {
        release = r;
      });
      return row('old');
    });
    await Promise.resolve();
    notify('clients');
    release();
    expect(await nameOf(slow)).toBe('old');
    expect(await nameOf(cache.client('slow', load('new')))).toBe('new');

    await cache.unwatch();
    expect(await nameOf(cache.client('c', load('g')))).toBe('g');
    expect(await nameOf(cache.client('c', load('h')))).toBe('h');
  });
});
