import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { TestClock } from '../test/hub.js';
import { createDeviceTrust, deviceCookieKey } from './device-trust.js';

const config = { deviceCookieMs: 180 * 24 * 60 * 60_000, deviceCookieMaxAccounts: 5 };
const trustWith = (kek: Buffer, clock = new TestClock()) =>
  createDeviceTrust({ key: deviceCookieKey(kek), clock, config });

describe('device cookies', () => {
  it('vouches for the account it was made for, until it expires', () => {
    const clock = new TestClock();
    const trust = trustWith(Buffer.alloc(32, 1), clock);
    const account = randomUUID();
    const { value, expiresAt } = trust.remember(undefined, account);
    expect(expiresAt.getTime() - clock.now().getTime()).toBeLessThanOrEqual(config.deviceCookieMs);
    expect(trust.deviceFor(value, account)).toMatch(/^[\w-]{22}$/);
    expect(trust.deviceFor(value, randomUUID())).toBeUndefined();
    clock.advance(config.deviceCookieMs + 1000);
    expect(trust.deviceFor(value, account)).toBeUndefined();
  });

  it('is signed with a key derived from the key-encryption key: another hub’s cookie counts for nothing', () => {
    const account = randomUUID();
    const { value } = trustWith(Buffer.alloc(32, 1)).remember(undefined, account);
    expect(trustWith(Buffer.alloc(32, 2)).read(value)).toEqual([]);
    expect(deviceCookieKey(Buffer.alloc(32, 1))).not.toEqual(Buffer.alloc(32, 1));
  });

  it('refuses any altered part: account, device id, expiry or signature', () => {
    const trust = trustWith(Buffer.alloc(32, 3));
    const account = randomUUID();
    const { value } = trust.remember(undefined, account);
    const [id, device, expiry, signature] = value.split('.') as [string, string, string, string];
    const flip = (text: string) => (text.at(-1) === 'A' ? `${text.slice(0, -1)}B` : `${text.slice(0, -1)}A`);
    for (const altered of [
      [randomUUID(), device, expiry, signature],
      [id, flip(device), expiry, signature],
      [id, device, (Number.parseInt(expiry, 36) + 1).toString(36), signature],
      [id, device, expiry, flip(signature)],
      [id, device, expiry],
    ]) {
      expect(trust.read(altered.join('.')), altered.join('.')).toEqual([]);
    }
    expect(trust.read(`${value}~${value}`)).toHaveLength(1);
  });

  it('holds a bounded number of accounts, newest first, and ignores an oversized value whole', () => {
    const trust = trustWith(Buffer.alloc(32, 4));
    const accounts = Array.from({ length: 7 }, () => randomUUID());
    let value: string | undefined;
    for (const account of accounts) value = trust.remember(value, account).value;
    expect(trust.read(value).map((e) => e.accountId)).toEqual(accounts.slice(2).reverse());
    expect(value!.length).toBeLessThan(1024);
    // Signing in again moves the account to the front with a fresh device id.
    const before = trust.deviceFor(value, accounts[3]!);
    const again = trust.remember(value, accounts[3]!).value;
    expect(trust.read(again)[0]!.accountId).toBe(accounts[3]);
    expect(trust.deviceFor(again, accounts[3]!)).not.toBe(before);
    expect(trust.read(`${value}~${'x'.repeat(4096)}`)).toEqual([]);
  });
});
