import { createPrivateKey, createPublicKey, type JsonWebKey, type KeyObject, randomUUID } from 'node:crypto';
import { and, asc, desc, gt, isNull, lte, or, sql } from 'drizzle-orm';
import { createLocalJWKSet, exportJWK, type GenerateKeyPairResult, generateKeyPair, type JWK } from 'jose';
import type { Clock } from '../../clock.js';
import type { IdentityDb } from '../../kernel/db.js';
import { type SigningAlgorithm, signingAlgorithms, signingKeys } from '../schema.js';
import type { SecretBox } from './encryption.js';
import type { VerificationKey } from './jws.js';

export interface ActiveKey {
  kid: string;
  alg: SigningAlgorithm;
  /** A node:crypto key: tokens are signed with node:crypto (`jws.ts`). */
  privateKey: KeyObject;
}

type KeyRow = typeof signingKeys.$inferSelect;

/** Set to `1` by the test configuration (`vitest.shared.ts`) only; see `generateSigningKeyPair`. */
export const REUSE_KEYS_VARIABLE = 'ORBIT_TEST_REUSE_SIGNING_KEYS';

/** Key pairs this process generated, per algorithm, in order (tests only; see `generateSigningKeyPair`). */
const generated = new Map<SigningAlgorithm, Promise<GenerateKeyPairResult>[]>();

function freshKeyPair(alg: SigningAlgorithm): Promise<GenerateKeyPairResult> {
  return generateKeyPair(alg, { extractable: true, ...(alg === 'RS256' ? { modulusLength: 2048 } : {}) });
}

/**
 * A new signing key pair: generated now, except in test runs, where `ORBIT_TEST_REUSE_SIGNING_KEYS=1` lets the
 * many hubs one test process starts share the pairs it already generated — a key store's n-th key of an
 * algorithm is this process's n-th pair, so a rotation still gets new material, and each row still gets its
 * own `kid`. A 2048-bit RSA pair costs 0.1–0.4 s of CPU; the suites start a few hundred hubs.
 */
export function generateSigningKeyPair(
  alg: SigningAlgorithm,
  nth: number,
  env: Record<string, string | undefined> = process.env,
): Promise<GenerateKeyPairResult> {
  if (env[REUSE_KEYS_VARIABLE] !== '1') return freshKeyPair(alg);
  const pairs = generated.get(alg) ?? [];
  generated.set(alg, pairs);
  while (pairs.length <= nth) {
    const pair = freshKeyPair(alg);
    pairs.push(pair);
    // A failed generation is not kept for the next hub.
    pair.catch(() => {
      const at = pairs.indexOf(pair);
      if (at >= 0) pairs.splice(at, 1);
    });
  }
  return pairs[nth]!;
}

/**
 * The provider's signing keys: one current key per algorithm, published in the JWKS before it signs and kept
 * there after it retires until every token it signed has expired.
 */
export function createKeyStore({
  db,
  clock,
  box,
  publishAheadMs,
  maxTokenLifetimeMs,
}: {
  db: IdentityDb;
  clock: Clock;
  box: SecretBox;
  /** How long a new key is published before it signs: at least the JWKS cache lifetime. */
  publishAheadMs: number;
  /** The longest lifetime of anything a key signs. */
  maxTokenLifetimeMs: number;
}) {
  const imported = new Map<string, KeyObject>();
  /** How many keys of each algorithm this store has generated (see `generateSigningKeyPair`). */
  const made = new Map<SigningAlgorithm, number>();
  let verifier: { rows: KeyRow[]; at: number; set: ReturnType<typeof createLocalJWKSet> } | undefined;
  let publicKeys: { rows: KeyRow[]; at: number; byKid: Map<string, VerificationKey> } | undefined;
  let cache: { at: number; rows: KeyRow[] } | undefined;
  const CACHE_MS = 5_000;

  async function rows(): Promise<KeyRow[]> {
    const now = clock.now().getTime();
    if (cache && now - cache.at < CACHE_MS && now >= cache.at) return cache.rows;
    const fresh = await db.select().from(signingKeys).orderBy(desc(signingKeys.activatesAt));
    cache = { at: now, rows: fresh };
    return fresh;
  }

  /** Generates a key pair and its row (private half sealed); inserting it is the caller's, in its transaction. */
  async function newKey(alg: SigningAlgorithm, activatesAt: Date): Promise<typeof signingKeys.$inferInsert> {
    const nth = made.get(alg) ?? 0;
    made.set(alg, nth + 1);
    const { publicKey, privateKey } = await generateSigningKeyPair(alg, nth);
    const kid = randomUUID();
    const publicJwk = { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' };
    const privateJwk = { ...(await exportJWK(privateKey)), kid, alg };
    return {
      kid,
      alg,
      publicJwk,
      privateJwkEncrypted: box.seal(JSON.stringify(privateJwk)),
      createdAt: clock.now(),
      activatesAt,
    };
  }

  /** Serialises key changes across hub instances (two starting together must not both create keys). */
  const lockKeys = (tx: Pick<IdentityDb, 'execute'>) =>
    tx.execute(sql`select pg_advisory_xact_lock(hashtext('orbit:oidc:signing-keys'))`);

  const isPublished = (row: KeyRow, now: Date) =>
    !row.retiredAt || row.retiredAt.getTime() + maxTokenLifetimeMs > now.getTime();

  return {
    /** On first start: one key per algorithm, signing at once (there is nothing cached to wait for). */
    async ensureKeys(): Promise<void> {
      const now = clock.now();
      const signingNow = (q: Pick<IdentityDb, 'select'>) =>
        q
          .select({ alg: signingKeys.alg })
          .from(signingKeys)
          .where(
            and(
              lte(signingKeys.activatesAt, now),
              or(isNull(signingKeys.retiredAt), gt(signingKeys.retiredAt, now)),
            ),
          );
      const needed = (live: { alg: SigningAlgorithm }[]) =>
        signingAlgorithms.filter((alg) => !live.some((k) => k.alg === alg));
      if (needed(await signingNow(db)).length === 0) return; // the usual start: nothing to generate
      const fresh = await Promise.all(signingAlgorithms.map((alg) => newKey(alg, now)));
      await db.transaction(async (tx) => {
        await lockKeys(tx);
        const missing = needed(await signingNow(tx));
        const rows = fresh.filter((key) => missing.includes(key.alg));
        if (rows.length) await tx.insert(signingKeys).values(rows);
      });
      cache = undefined;
    },

    /**
     * Publishes a new key per algorithm that starts signing after `publishAheadMs`; the keys it replaces
     * retire at that moment and stay verifiable for `maxTokenLifetimeMs` more. One transaction: a crash
     * leaves either the old keys or the old and the new, never no key at all.
     */
    async rotate(
      /** Runs in the rotation's transaction (the CLI records it in the audit log there). */
      record?: (tx: IdentityDb, created: { kid: string; alg: SigningAlgorithm }[]) => Promise<void>,
    ): Promise<{ kid: string; alg: SigningAlgorithm; activatesAt: Date }[]> {
      const activatesAt = new Date(clock.now().getTime() + publishAheadMs);
      const fresh = await Promise.all(signingAlgorithms.map((alg) => newKey(alg, activatesAt)));
      await db.transaction(async (tx) => {
        await lockKeys(tx);
        await tx
          .update(signingKeys)
          .set({ retiredAt: activatesAt })
          .where(or(isNull(signingKeys.retiredAt), gt(signingKeys.retiredAt, activatesAt)));
        await tx.insert(signingKeys).values(fresh);
        await record?.(tx, fresh);
      });
      cache = undefined;
      return fresh.map((key) => ({ kid: key.kid, alg: key.alg, activatesAt }));
    },

    /** The key that signs now for an algorithm: the newest one already active and not retired. */
    async signingKey(alg: SigningAlgorithm): Promise<ActiveKey> {
      const now = clock.now();
      const row = (await rows()).find(
        (k) => k.alg === alg && k.activatesAt <= now && (!k.retiredAt || k.retiredAt > now),
      );
      if (!row) throw new Error(`No active ${alg} signing key; run ensureKeys() at start.`);
      let key = imported.get(row.kid);
      if (!key) {
        let sealed: string;
        try {
          sealed = box.open(row.privateJwkEncrypted);
        } catch {
          throw new Error(
            `Signing key ${row.kid} cannot be decrypted: the key-encryption key differs from the one that sealed it. ` +
              'Give every hub instance the same ORBIT_KEY_ENCRYPTION_KEY.',
          );
        }
        key = createPrivateKey({ key: JSON.parse(sealed) as JWK & { kty: string }, format: 'jwk' });
        imported.set(row.kid, key);
      }
      return { kid: row.kid, alg, privateKey: key };
    },

    /** The public keys to publish: upcoming, current, and retired ones whose tokens may still be live. */
    async jwks(): Promise<{ keys: Record<string, unknown>[] }> {
      const now = clock.now();
      return { keys: (await rows()).filter((row) => isPublished(row, now)).map((row) => row.publicJwk) };
    },

    async list() {
      const now = clock.now();
      const all = await db.select().from(signingKeys).orderBy(asc(signingKeys.createdAt));
      return all.map((row) => ({
        kid: row.kid,
        alg: row.alg,
        createdAt: row.createdAt,
        activatesAt: row.activatesAt,
        retiredAt: row.retiredAt,
        state:
          row.activatesAt > now
            ? 'published'
            : row.retiredAt && row.retiredAt <= now
              ? isPublished(row, now)
                ? 'retired'
                : 'expired'
              : 'signing',
      }));
    },

    /**
     * A key set for verifying our own tokens, kept between calls (jose caches the imported keys inside it)
     * and rebuilt when the key rows change or a key's publication window moves on.
     */
    async verificationKeys(): Promise<ReturnType<typeof createLocalJWKSet>> {
      const current = await rows();
      const now = clock.now();
      if (!verifier || verifier.rows !== current || Math.abs(now.getTime() - verifier.at) > CACHE_MS) {
        const keys = current.filter((row) => isPublished(row, now)).map((row) => row.publicJwk as JWK);
        verifier = { rows: current, at: now.getTime(), set: createLocalJWKSet({ keys }) };
      }
      return verifier.set;
    },

    /**
     * The published keys as node:crypto public keys by `kid` (`verifyJwt`), kept between calls and rebuilt as
     * `verificationKeys` is.
     */
    async publicKeysByKid(): Promise<Map<string, VerificationKey>> {
      const current = await rows();
      const now = clock.now();
      if (!publicKeys || publicKeys.rows !== current || Math.abs(now.getTime() - publicKeys.at) > CACHE_MS) {
        const byKid = new Map<string, VerificationKey>();
        for (const row of current) {
          if (!isPublished(row, now)) continue;
          const jwk = row.publicJwk as JWK;
          byKid.set(row.kid, {
            alg: row.alg,
            key: createPublicKey({ key: jwk as JsonWebKey, format: 'jwk' }),
          });
        }
        publicKeys = { rows: current, at: now.getTime(), byKid };
      }
      return publicKeys.byKid;
    },

    /** Deletes keys no token can need any more. */
    async prune(
      /** Runs in the deletion's transaction, with the kids deleted (the CLI records it in the audit log). */
      record?: (tx: IdentityDb, kids: string[]) => Promise<void>,
    ): Promise<number> {
      const cutoff = new Date(clock.now().getTime() - maxTokenLifetimeMs);
      const gone = await db.transaction(async (tx) => {
        const deleted = await tx
          .delete(signingKeys)
          .where(lte(signingKeys.retiredAt, cutoff))
          .returning({ kid: signingKeys.kid });
        if (deleted.length)
          await record?.(
            tx,
            deleted.map((k) => k.kid),
          );
        return deleted;
      });
      cache = undefined;
      return gone.length;
    },
  };
}

export type KeyStore = ReturnType<typeof createKeyStore>;
