import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import { randomToken } from '../crypto.js';

/** A browser's claim, signed by the hub, that it has signed in to an account before. */
export interface DeviceEntry {
  accountId: string;
  /** Random id of this browser for this account: what its own failure count is kept under (`device:<id>`). */
  device: string;
  expiresAt: Date;
}

/** Entries are `<account id>.<device id>.<expiry, base-36 seconds>.<HMAC-SHA256>`, joined with `~`. */
const ENTRY = /^([0-9a-f-]{36})\.([\w-]{22})\.([0-9a-z]{1,9})\.([\w-]{43})$/;
const SEPARATOR = '~';
/** Far above what `deviceCookieMaxAccounts` entries take; anything longer is not ours and is ignored whole. */
const MAX_VALUE_CHARS = 2048;

/** The device-cookie MAC key: HKDF-SHA256 of the hub's key-encryption key, under a label of its own. */
export function deviceCookieKey(keyEncryptionKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', keyEncryptionKey, Buffer.alloc(0), 'orbit/device-cookie/v1', 32));
}

/**
 * Device cookies (OWASP, "Slow Down Online Guessing Attacks with Device Cookies"): after a successful sign-in the
 * browser keeps a signed entry for the account. An attempt that brings a valid entry for the account it targets
 * is counted against that device alone, so failures from elsewhere can't lock the owner's own browser out. The
 * cookie holds nothing secret, only an HMAC that the hub alone can make; forged, expired, malformed and
 * other-account entries simply don't count.
 */
export function createDeviceTrust({
  key,
  clock,
  config,
}: {
  key: Buffer;
  clock: Clock;
  config: Pick<Config['throttle'], 'deviceCookieMs' | 'deviceCookieMaxAccounts'>;
}) {
  const mac = (payload: string) => createHmac('sha256', key).update(payload).digest('base64url');

  function verify(text: string): DeviceEntry | undefined {
    const match = ENTRY.exec(text);
    if (!match) return undefined;
    const [, accountId, device, expiry, signature] = match as unknown as [
      string,
      string,
      string,
      string,
      string,
    ];
    const expected = Buffer.from(mac(`${accountId}.${device}.${expiry}`));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    const expiresAt = new Date(Number.parseInt(expiry, 36) * 1000);
    if (expiresAt <= clock.now()) return undefined;
    return { accountId, device, expiresAt };
  }

  function read(value: string | undefined): DeviceEntry[] {
    if (!value || value.length > MAX_VALUE_CHARS) return [];
    const seen = new Set<string>();
    const entries: DeviceEntry[] = [];
    for (const part of value.split(SEPARATOR).slice(0, config.deviceCookieMaxAccounts)) {
      const entry = verify(part);
      if (entry && !seen.has(entry.accountId)) {
        seen.add(entry.accountId);
        entries.push(entry);
      }
    }
    return entries;
  }

  return {
    /** The cookie's valid entries, at most `deviceCookieMaxAccounts`, one per account. */
    read,

    /** The device id the cookie vouches for on this account, or undefined when it doesn't. */
    deviceFor(value: string | undefined, accountId: string): string | undefined {
      return read(value).find((entry) => entry.accountId === accountId)?.device;
    },

    /**
     * The cookie value after a successful sign-in to the account: a fresh entry for it first, then the browser's
     * other accounts, oldest dropped past the bound. Answers the value and when the newest entry expires.
     */
    remember(value: string | undefined, accountId: string): { value: string; expiresAt: Date } {
      const expiresAt = new Date(Math.floor((clock.now().getTime() + config.deviceCookieMs) / 1000) * 1000);
      const expiry = (expiresAt.getTime() / 1000).toString(36);
      const payload = `${accountId}.${randomToken(16)}.${expiry}`;
      const others = read(value)
        .filter((entry) => entry.accountId !== accountId)
        .slice(0, config.deviceCookieMaxAccounts - 1)
        .map(
          (entry) => `${entry.accountId}.${entry.device}.${(entry.expiresAt.getTime() / 1000).toString(36)}`,
        )
        .map((payload) => `${payload}.${mac(payload)}`);
      return { value: [`${payload}.${mac(payload)}`, ...others].join(SEPARATOR), expiresAt };
    },
  };
}

export type DeviceTrust = ReturnType<typeof createDeviceTrust>;
