import {
  COMPRESSIBLE_EXPORT_TYPE,
  DATA_EXPORT_TOKEN_MAX_SECONDS,
  DATA_EXPORT_TOKEN_TYPE,
  EXPORT_ARCHIVE_TYPE,
  EXPORT_MANIFEST_FILE,
  encodeExportFile,
  exportPath,
  type ServiceExportManifest,
} from '@orbit/contracts';
import { AppError } from '@orbit/http';
import { strToU8, type Zippable, zipSync } from 'fflate';
import type { Context } from 'hono';
import type { JWTPayload } from 'jose';
import type { DataRights, ServiceExport } from './data-rights.js';
import type { Clock, HubConnection } from './hub-connection.js';

/** Export tokens remembered against a replay; each is forgotten once it has expired. */
const MAX_REMEMBERED = 10_000;
/** The leeway `connection.verify` gives an expiry (a hub clock a little ahead of ours). */
const LEEWAY_SECONDS = 60;

/**
 * A service's part of an export as the hub reads it: a zip with `manifest.json` first (who it is about, what
 * each file is, every file with its type and size) and then each file at its path. Text is compressed, other
 * files are stored as they are. Throws on a path that is not a safe relative path, or one given twice: the
 * service's own mistake, which the hub then reports as its part missing.
 */
export function serviceExportArchive(input: {
  service: string;
  sub: string;
  exportedAt: Date;
  part: ServiceExport;
}): Uint8Array {
  const seen = new Set<string>([EXPORT_MANIFEST_FILE]);
  const entries: Zippable = {};
  const files: ServiceExportManifest['files'] = [];
  for (const file of input.part.files) {
    if (!exportPath.safeParse(file.path).success) {
      throw new Error(`Data export: "${file.path}" is not a safe relative path.`);
    }
    if (seen.has(file.path)) throw new Error(`Data export: "${file.path}" is given twice (or is reserved).`);
    seen.add(file.path);
    const { bytes, contentType } = encodeExportFile(file);
    entries[file.path] = [bytes, { level: COMPRESSIBLE_EXPORT_TYPE.test(contentType) ? 6 : 0 }];
    files.push({ path: file.path, contentType, bytes: bytes.byteLength });
  }
  const manifest: ServiceExportManifest = {
    service: input.service,
    sub: input.sub,
    exportedAt: input.exportedAt.toISOString(),
    describe: input.part.describe,
    files,
  };
  const mtime = input.exportedAt;
  return zipSync(
    // The manifest first, so a reader knows what follows before it reads it.
    { [EXPORT_MANIFEST_FILE]: [strToU8(`${JSON.stringify(manifest, null, 2)}\n`), { level: 6 }], ...entries },
    { mtime },
  );
}

/**
 * The endpoint the hub calls for an account's part of its data export (`POST` at the manifest's
 * `paths.dataExport`): the hub signs a short-lived JWT (`typ: orbit-data-export+jwt`, audience this service,
 * subject the account, a `jti`, at most 5 minutes) and sends it as a bearer token; the SDK verifies it against
 * the hub's keys and answers the zip `serviceExportArchive` makes of what `dataRights.export(sub)` gives. A
 * service without `dataRights.export` answers a part without files: it holds nothing about anyone. A token that
 * is missing, not the hub's, for another service, expired, too long-lived or used before: 401 `token.invalid`.
 */
export function dataExportEndpoint(deps: {
  connection: Pick<HubConnection, 'verify'>;
  clock: Clock;
  serviceId: string;
  dataRights: DataRights | undefined;
}) {
  const { clock } = deps;
  /** `jti`s answered, until they expire: a token replayed in its few minutes gets nothing. */
  const answered = new Map<string, number>();

  function firstUse(jti: string, exp: number): boolean {
    const now = clock.now().getTime() / 1000;
    if (answered.has(jti)) return false;
    if (answered.size >= MAX_REMEMBERED) {
      for (const [id, until] of answered) if (until <= now) answered.delete(id);
      if (answered.size >= MAX_REMEMBERED) answered.delete(answered.keys().next().value as string);
    }
    answered.set(jti, exp + LEEWAY_SECONDS);
    return true;
  }

  const refuse = (message: string) => new AppError(401, 'token.invalid', message);

  return async function answerDataExport(c: Context) {
    c.header('Cache-Control', 'no-store');
    const match = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '');
    if (!match?.[1]) throw refuse('A data-export token from the hub is required.');
    let claims: JWTPayload;
    try {
      claims = await deps.connection.verify(match[1], DATA_EXPORT_TOKEN_TYPE);
    } catch {
      throw refuse('The data-export token is not valid.');
    }
    const { sub, jti, iat, exp } = claims;
    if (typeof sub !== 'string' || !sub || typeof jti !== 'string' || !jti) {
      throw refuse('The data-export token names no account, or has no jti.');
    }
    if (typeof iat !== 'number' || typeof exp !== 'number' || exp - iat > DATA_EXPORT_TOKEN_MAX_SECONDS) {
      throw refuse(`The data-export token must expire within ${DATA_EXPORT_TOKEN_MAX_SECONDS} seconds.`);
    }
    if (!firstUse(jti, exp)) throw refuse('The data-export token was used already.');
    const exportedAt = clock.now();
    const part = (await deps.dataRights?.export?.(sub)) ?? { describe: {}, files: [] };
    // fflate's output is always over a plain ArrayBuffer.
    const zip = serviceExportArchive({
      service: deps.serviceId,
      sub,
      exportedAt,
      part,
    }) as Uint8Array<ArrayBuffer>;
    return c.body(zip, 200, { 'Content-Type': EXPORT_ARCHIVE_TYPE });
  };
}
