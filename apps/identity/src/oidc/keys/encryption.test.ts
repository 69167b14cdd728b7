import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSecretBox, loadKeyEncryptionKey } from './encryption.js';

describe('key-encryption key', () => {
  it('is created once even when processes start together, and read back after', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'orbit-kek-')), 'identity-kek.secret');
    const keys = await Promise.all(Array.from({ length: 6 }, () => loadKeyEncryptionKey(undefined, file)));
    expect(new Set(keys.map((k) => k.toString('hex'))).size).toBe(1);
    expect((await loadKeyEncryptionKey(undefined, file)).equals(keys[0]!)).toBe(true);
  });

  it('seals and opens, and refuses a sealed secret under another key or tampered with', () => {
    const box = createSecretBox(Buffer.alloc(32, 1));
    const sealed = box.seal('private jwk');
    expect(box.open(sealed)).toBe('private jwk');
    expect(() => createSecretBox(Buffer.alloc(32, 2)).open(sealed)).toThrow();
    const parts = sealed.split('.');
    parts[3] = Buffer.from('tampered').toString('base64url');
    expect(() => box.open(parts.join('.'))).toThrow();
  });
});
