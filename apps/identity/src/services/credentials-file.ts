import { credentialsFile, readCredentials, writeCredentials } from '../cli/credentials.js';

/** Where the hub keeps the credentials files `services:register` writes, and which hub they name. */
export interface CredentialsFiles {
  issuer: string;
  /** `<ORBIT_DATA_DIR>/services`; undefined for an in-memory hub, which writes none. */
  servicesDir: string | undefined;
}

/**
 * After a rotation, writes the new secret into the service's credentials file — only when that file is one the
 * hub wrote for this hub and this service (`services:register`), as `services:rotate-secret` does. The SDK reads
 * the file again when the hub refuses the old secret, so the service needs no restart. Answers the file written,
 * or null when the service gets its credentials some other way (then its operator must be given the secret).
 */
export async function updateCredentialsFile(
  files: CredentialsFiles,
  serviceId: string,
  clientSecret: string,
): Promise<string | null> {
  if (!files.servicesDir) return null;
  const file = credentialsFile(files.servicesDir, serviceId);
  const existing = await readCredentials(file);
  if (!existing || existing.issuer !== files.issuer || existing.clientId !== serviceId) return null;
  await writeCredentials(file, { issuer: files.issuer, clientId: serviceId, clientSecret });
  return file;
}
