import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { CommandError } from './context.js';

/** What a service reads to authenticate to the hub (`ORBIT_CREDENTIALS_FILE`; docs/services.md). */
export interface ServiceCredentials {
  issuer: string;
  clientId: string;
  clientSecret: string;
}

/** `<ORBIT_DATA_DIR>/services`; an in-memory hub (`memory://`) has nowhere to keep credentials. */
export function servicesDirOf(config: { servicesDir: string | undefined }): string {
  if (!config.servicesDir) {
    throw new CommandError(
      'ORBIT_DATA_DIR is memory://, so there is nowhere to keep service credentials; set it to a folder',
    );
  }
  return config.servicesDir;
}

/** `<ORBIT_DATA_DIR>/services/<id>.json`. */
export const credentialsFile = (servicesDir: string, serviceId: string) =>
  join(servicesDir, `${serviceId}.json`);

/** The credentials in a file, or undefined when it is missing or not a credentials file. */
export async function readCredentials(file: string): Promise<ServiceCredentials | undefined> {
  let parsed: Partial<ServiceCredentials> | null;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch {
    return undefined;
  }
  const { issuer, clientId, clientSecret } = parsed ?? {};
  return typeof issuer === 'string' && typeof clientId === 'string' && typeof clientSecret === 'string'
    ? { issuer, clientId, clientSecret }
    : undefined;
}

/**
 * Writes the credentials readable by the owner only (0600, in a 0700 folder). The file is written aside and
 * renamed into place, so a service never reads half a file, and an older file's looser mode is not kept.
 */
export async function writeCredentials(file: string, credentials: ServiceCredentials): Promise<void> {
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  const aside = `${file}.${process.pid}.tmp`;
  await rm(aside, { force: true });
  await writeFile(aside, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  await rename(aside, file);
}
