import { randomUUID } from 'node:crypto';
import {
  DATA_EXPORT_TOKEN_TYPE,
  EXPORT_ARCHIVE_TYPE,
  EXPORT_MANIFEST_FILE,
  resolveManifest,
  type ServiceManifest,
  serviceExportManifest,
} from '@orbit/contracts';
import { asc, eq, isNull } from 'drizzle-orm';
import { strFromU8, unzipSync } from 'fflate';
import { SignJWT } from 'jose';
import type { Clock } from '../clock.js';
import type { IdentityDb } from '../kernel/db.js';
import { clients, type OidcExports } from '../oidc/index.js';
import { services } from '../services/index.js';

/** How long the hub waits for one service's part (the service builds it while the hub waits). */
export const PART_TIMEOUT_MS = 120_000;
/** The largest part the hub reads from a service, as sent and unpacked. */
export const MAX_PART_BYTES = 512 * 1024 * 1024;
export const MAX_PART_UNPACKED_BYTES = 1024 * 1024 * 1024;
/** The data-export token's life: enough for the call to arrive, well under the SDK's 5-minute limit. */
const TOKEN_SECONDS = 120;

/** A registered service the hub asks for its part. */
export interface ExportingService {
  id: string;
  name: string;
  origin: string;
  manifest: ServiceManifest;
}

/** One file of a service's part, checked. */
export interface PartFile {
  path: string;
  contentType: string;
  description: string;
  bytes: Uint8Array;
}

/**
 * What became of asking a service: its files (none when it holds nothing), or why there is no part — `retry`
 * when asking again later may succeed (no answer, a timeout, a 5xx, 408 or 429).
 */
export type PartResult = { ok: true; files: PartFile[] } | { ok: false; reason: string; retry: boolean };

/** Why a part was refused; a service answering the same again is no better. */
class BadPart extends Error {}

/** What `describe` says of a path: its own entry, else that of the nearest folder holding it. */
function describeOf(describe: Record<string, string>, path: string): string | undefined {
  if (describe[path]) return describe[path];
  let best: string | undefined;
  let bestLength = -1;
  for (const [key, text] of Object.entries(describe)) {
    const folder = key.endsWith('/') ? key : `${key}/`;
    if (path.startsWith(folder) && folder.length > bestLength) {
      best = text;
      bestLength = folder.length;
    }
  }
  return best;
}

/** Reads the body, refusing one larger than `limit` as it arrives. */
async function readLimited(res: Response, limit: number): Promise<Uint8Array> {
  const declared = Number(res.headers.get('content-length') ?? Number.NaN);
  if (declared > limit) {
    await res.body?.cancel();
    throw new BadPart(`the part is larger than ${limit} bytes`);
  }
  const parts: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of res.body ?? []) {
    size += chunk.byteLength;
    if (size > limit) throw new BadPart(`the part is larger than ${limit} bytes`);
    parts.push(chunk);
  }
  return Buffer.concat(parts);
}

/**
 * Checks and unpacks a service's part (packages/sdk/src/data-export.ts makes it): a zip whose `manifest.json`
 * is about this account and this service and lists exactly the files beside it, each a safe relative path of
 * the size it says. Throws `BadPart` otherwise.
 */
export function readPart(zip: Uint8Array, service: ExportingService, accountId: string): PartFile[] {
  let unpacked = 0;
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(zip, {
      filter: (file) => {
        unpacked += file.originalSize;
        if (unpacked > MAX_PART_UNPACKED_BYTES) throw new BadPart('the part unpacks to too many bytes');
        return true;
      },
    });
  } catch (error) {
    throw error instanceof BadPart ? error : new BadPart('the part is not a zip archive');
  }
  const manifestBytes = entries[EXPORT_MANIFEST_FILE];
  if (!manifestBytes) throw new BadPart(`the part has no ${EXPORT_MANIFEST_FILE}`);
  let json: unknown;
  try {
    json = JSON.parse(strFromU8(manifestBytes));
  } catch {
    throw new BadPart(`the part's ${EXPORT_MANIFEST_FILE} is not JSON`);
  }
  const parsed = serviceExportManifest.safeParse(json);
  if (!parsed.success) throw new BadPart(`the part's ${EXPORT_MANIFEST_FILE} is not one the hub reads`);
  const manifest = parsed.data;
  if (manifest.service !== service.id || manifest.sub !== accountId) {
    throw new BadPart('the part is about another service or account');
  }
  const listed = new Set(manifest.files.map((f) => f.path));
  const inZip = Object.keys(entries).filter((path) => path !== EXPORT_MANIFEST_FILE && !path.endsWith('/'));
  if (
    listed.size !== manifest.files.length ||
    inZip.length !== listed.size ||
    inZip.some((p) => !listed.has(p))
  ) {
    throw new BadPart(`the part's files are not those its ${EXPORT_MANIFEST_FILE} lists`);
  }
  return manifest.files.map((file) => {
    const bytes = entries[file.path] as Uint8Array;
    if (bytes.byteLength !== file.bytes) throw new BadPart(`${file.path} is not the size its manifest says`);
    return {
      path: file.path,
      contentType: file.contentType,
      description: describeOf(manifest.describe, file.path) ?? `A file from ${service.name}.`,
      bytes,
    };
  });
}

/**
 * Asks the registered services for their parts of an account's export: every enabled service, at the
 * `paths.dataExport` its manifest declares (`POST`, a data-export token the hub signs in `Authorization`), within
 * `PART_TIMEOUT_MS`. Retrying is the caller's (the build job's), so a retry survives a restart of the hub.
 */
export function createServiceParts({
  db,
  clock,
  issuer,
  keys,
  fetch = globalThis.fetch,
  timeoutMs = PART_TIMEOUT_MS,
}: {
  db: IdentityDb;
  clock: Clock;
  issuer: string;
  keys: Pick<OidcExports['keys'], 'signingKey'>;
  fetch?: typeof globalThis.fetch | undefined;
  timeoutMs?: number;
}) {
  /**
   * The token a service's SDK checks (docs/data-rights.md): `typ: orbit-data-export+jwt`, audience the
   * service, subject the account, a `jti`, two minutes to live.
   */
  async function token(serviceId: string, accountId: string): Promise<string> {
    const key = await keys.signingKey('RS256');
    const now = Math.floor(clock.now().getTime() / 1000);
    return new SignJWT({ jti: randomUUID() })
      .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: DATA_EXPORT_TOKEN_TYPE })
      .setIssuer(issuer)
      .setAudience(serviceId)
      .setSubject(accountId)
      .setIssuedAt(now)
      .setExpirationTime(now + TOKEN_SECONDS)
      .sign(key.privateKey);
  }

  return {
    token,

    /** The services an export asks, by name. */
    async services(): Promise<ExportingService[]> {
      return db
        .select({
          id: services.id,
          name: services.name,
          origin: services.origin,
          manifest: services.manifest,
        })
        .from(services)
        .innerJoin(clients, eq(clients.id, services.id))
        .where(isNull(clients.disabledAt))
        .orderBy(asc(services.name), asc(services.id));
    },

    /** Asks one service for the account's part. Never throws for what the service does. */
    async part(service: ExportingService, accountId: string, signal?: AbortSignal): Promise<PartResult> {
      const url = resolveManifest(service.manifest, service.origin).dataExportUrl;
      let res: Response;
      try {
        res = await fetch(url, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${await token(service.id, accountId)}`,
            accept: EXPORT_ARCHIVE_TYPE,
          },
          // The registered URL is the only one the token may go to.
          redirect: 'error',
          signal: signal
            ? AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)])
            : AbortSignal.timeout(timeoutMs),
        });
      } catch (error) {
        const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
        return {
          ok: false,
          reason: timedOut ? `no answer within ${timeoutMs / 1000} s` : 'the service could not be reached',
          retry: true,
        };
      }
      if (!res.ok) {
        await res.body?.cancel();
        return {
          ok: false,
          reason: `the service answered ${res.status}`,
          retry: res.status >= 500 || res.status === 408 || res.status === 429,
        };
      }
      try {
        return { ok: true, files: readPart(await readLimited(res, MAX_PART_BYTES), service, accountId) };
      } catch (error) {
        if (error instanceof BadPart) return { ok: false, reason: error.message, retry: false };
        // The answer broke off while it was read.
        return { ok: false, reason: 'the answer broke off', retry: true };
      }
    },
  };
}

export type ServiceParts = ReturnType<typeof createServiceParts>;
