import { readFile } from 'node:fs/promises';
import { z } from 'zod';

export interface ClientCredentials {
  clientId: string;
  clientSecret: string;
}

/** Fixed credentials, or the file `services:register` writes (`{ issuer, clientId, clientSecret }`). */
export type CredentialsSource = ClientCredentials | { file: string };

const fileSchema = z.object({
  issuer: z.string().optional(),
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
});

export class CredentialsError extends Error {
  override name = 'CredentialsError';
}

/**
 * Reads the service's client credentials. A file is read again on every call, so a rotated secret
 * (`services:rotate-secret`) is picked up without a restart: the SDK calls this again when the hub answers
 * `invalid_client`.
 */
export async function readCredentials(source: CredentialsSource, expectedClientId: string) {
  if (!('file' in source)) return source;
  let text: string;
  try {
    text = await readFile(source.file, 'utf8');
  } catch (error) {
    throw new CredentialsError(
      `Cannot read the service's credentials from ${source.file} (${(error as Error).message}). ` +
        'Register the service first: npm run orbit -- services:register <manifest>.',
    );
  }
  let parsed: z.infer<typeof fileSchema>;
  try {
    parsed = fileSchema.parse(JSON.parse(text));
  } catch {
    throw new CredentialsError(`${source.file} is not a credentials file written by services:register.`);
  }
  if (parsed.clientId !== expectedClientId) {
    throw new CredentialsError(
      `${source.file} holds the credentials of ${parsed.clientId}, not of ${expectedClientId}.`,
    );
  }
  return { clientId: parsed.clientId, clientSecret: parsed.clientSecret };
}
