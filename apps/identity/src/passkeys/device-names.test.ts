import { describe, expect, it } from 'vitest';
import { defaultPasskeyName, deviceOf, passkeyProviderOf } from './device-names.js';

/** Real User-Agent strings, as browsers sent them. */
const UA = {
  chromeLinux:
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36',
  headlessChrome:
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0.0.0 Safari/537.36',
  safariIphone:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1',
  safariIpad:
    'Mozilla/5.0 (iPad; CPU OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1',
  chromeIphone:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/120.0.6099.119 Mobile/15E148 Safari/604.1',
  safariMac:
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15',
  edgeWindows:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.2210.91',
  chromeAndroid:
    'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.144 Mobile Safari/537.36',
  samsungAndroid:
    'Mozilla/5.0 (Linux; Android 13; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/23.0 Chrome/115.0.0.0 Mobile Safari/537.36',
  firefoxUbuntu: 'Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0',
  chromebook:
    'Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36',
};

describe('passkey default names', () => {
  it.each([
    [UA.chromeLinux, 'Chrome on Linux'],
    [UA.headlessChrome, 'Chrome on Linux'],
    [UA.safariIphone, 'Safari on iPhone'],
    [UA.safariIpad, 'Safari on iPad'],
    [UA.chromeIphone, 'Chrome on iPhone'],
    [UA.safariMac, 'Safari on Mac'],
    [UA.edgeWindows, 'Edge on Windows'],
    [UA.chromeAndroid, 'Chrome on Android'],
    [UA.samsungAndroid, 'Samsung Internet on Android'],
    [UA.firefoxUbuntu, 'Firefox on Linux'],
    [UA.chromebook, 'Chrome on ChromeOS'],
  ])('names the device a User-Agent describes: %s', (userAgent, name) => {
    expect(deviceOf(userAgent)).toBe(name);
    expect(defaultPasskeyName({ userAgent }, [])).toBe(name);
  });

  it('names a well-known passkey provider by its AAGUID, whatever the browser', () => {
    expect(passkeyProviderOf('fbfc3007-154e-4ecc-8c0b-6e020557d7bd')).toBe('iCloud Keychain');
    expect(passkeyProviderOf('EA9B8D66-4D01-1D21-3CE4-B6B48CB575D4')).toBe('Google Password Manager');
    expect(
      defaultPasskeyName({ userAgent: UA.edgeWindows, aaguid: '08987058-cadc-4b81-b6e1-30de50dcbe96' }, []),
    ).toBe('Windows Hello');
    expect(
      defaultPasskeyName({ userAgent: UA.safariIphone, aaguid: 'fbfc3007-154e-4ecc-8c0b-6e020557d7bd' }, []),
    ).toBe('iCloud Keychain');
  });

  it('falls back to the browser for an unknown or all-zero AAGUID', () => {
    const zero = '00000000-0000-0000-0000-000000000000';
    expect(passkeyProviderOf(zero)).toBeUndefined();
    expect(defaultPasskeyName({ userAgent: UA.chromeLinux, aaguid: zero }, [])).toBe('Chrome on Linux');
    expect(defaultPasskeyName({ userAgent: UA.chromeLinux, aaguid: null }, [])).toBe('Chrome on Linux');
  });

  it('numbers a name the account already uses, from 2, ignoring case and spaces', () => {
    expect(defaultPasskeyName({ userAgent: UA.chromeLinux }, ['Chrome on Linux'])).toBe(
      'Chrome on Linux (2)',
    );
    expect(
      defaultPasskeyName({ userAgent: UA.chromeLinux }, [' chrome on linux ', 'Chrome on Linux (2)', 'Work']),
    ).toBe('Chrome on Linux (3)');
    expect(defaultPasskeyName({ userAgent: UA.chromeLinux }, ['Chrome on Linux (2)'])).toBe(
      'Chrome on Linux',
    );
  });

  it('says "Passkey" when nothing is known, and keeps names within 64 characters', () => {
    expect(defaultPasskeyName({ userAgent: '' }, [])).toBe('Passkey');
    expect(defaultPasskeyName({ userAgent: '   ' }, ['Passkey'])).toBe('Passkey (2)');
    const long = 'x'.repeat(300);
    const taken = [defaultPasskeyName({ userAgent: long }, [])];
    const second = defaultPasskeyName({ userAgent: long }, taken);
    expect(taken[0]!.length).toBeLessThanOrEqual(64);
    expect(second.length).toBeLessThanOrEqual(64);
    expect(second).not.toBe(taken[0]);
  });
});
