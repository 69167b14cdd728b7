import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * AES-256-GCM for secrets the hub must read back (signing keys' private halves). The stored form is
 * `v1.<iv>.<tag>.<ciphertext>` in base64url; the version lets the scheme change without ambiguity.
 */
export interface SecretBox {
  seal(plaintext: string): string;
  open(sealed: string): string;
}

export function createSecretBox(key: Buffer): SecretBox {
  if (key.length !== 32) throw new Error('The key-encryption key must be 32 bytes.');
  return {
    seal(plaintext) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return ['v1', iv, cipher.getAuthTag(), ciphertext]
        .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
        .join('.');
    },
    open(sealed) {
      const [version, iv, tag, ciphertext] = sealed.split('.');
      if (version !== 'v1' || !iv || !tag || ciphertext === undefined)
        throw new Error('Unknown sealed-secret format.');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([
        decipher.update(Buffer.from(ciphertext, 'base64url')),
        decipher.final(),
      ]).toString('utf8');
    },
  };
}

/**
 * The key-encryption key: from configuration when given (base64 or base64url of 32 bytes), else generated once
 * and kept in a file readable only by its owner — fine for the embedded single-machine setup; production sets
 * ORBIT_KEY_ENCRYPTION_KEY (e.g. from a secret manager) so every instance shares it.
 */
export async function loadKeyEncryptionKey(
  configured: string | undefined,
  file: string | undefined,
): Promise<Buffer> {
  if (configured) {
    const key = Buffer.from(
      configured,
      configured.includes('-') || configured.includes('_') ? 'base64url' : 'base64',
    );
    if (key.length !== 32) throw new Error('ORBIT_KEY_ENCRYPTION_KEY must be 32 bytes, base64-encoded.');
    return key;
  }
  if (!file) return randomBytes(32); // in-memory database: the keys live and die with the process
  // Two processes starting together may race to create the file: the loser reads what the winner wrote.
  for (let attempt = 0; attempt < 50; attempt++) {
    try {
      const key = Buffer.from((await readFile(file, 'utf8')).trim(), 'base64url');
      if (key.length === 32) return key;
      if (attempt > 10) throw new Error(`${file} does not hold a 32-byte key.`);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      const key = randomBytes(32);
      await mkdir(dirname(file), { recursive: true });
      try {
        await writeFile(file, key.toString('base64url'), { mode: 0o600, flag: 'wx' });
        await chmod(file, 0o600);
        return key;
      } catch (writeError) {
        if ((writeError as NodeJS.ErrnoException).code !== 'EEXIST') throw writeError;
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 20)); // the other writer is mid-write
  }
  throw new Error(`Could not read or create the key-encryption key at ${file}.`);
}
