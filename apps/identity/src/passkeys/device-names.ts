import Bowser from 'bowser';

/**
 * Passkey providers by authenticator AAGUID (WebAuthn §6.5.1), for the ones people recognise by name. From the
 * community list at github.com/passkeydeveloper/passkey-authenticator-aaguids; an AAGUID not listed (or the
 * all-zero one that `attestation: none` often leaves) names the passkey after the browser instead.
 */
const PROVIDERS: Readonly<Record<string, string>> = {
  'fbfc3007-154e-4ecc-8c0b-6e020557d7bd': 'iCloud Keychain',
  'dd4ec289-e01d-41c9-bb89-70fa845d4bf2': 'iCloud Keychain',
  'ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4': 'Google Password Manager',
  'adce0002-35bc-c60a-648b-0b25f1f05503': 'Chrome on Mac',
  '771b48fd-d3d4-4f74-9232-fc157ab0507a': 'Edge on Mac',
  '08987058-cadc-4b81-b6e1-30de50dcbe96': 'Windows Hello',
  '9ddd1817-af5a-4672-a2b9-3e3dd95000a9': 'Windows Hello',
  '6028b017-b1d4-4c02-b4b3-afcdafc96bb2': 'Windows Hello',
  '53414d53-554e-4700-0000-000000000000': 'Samsung Pass',
  'bada5566-a7aa-401f-bd96-45619a55120d': '1Password',
  'd548826e-79b4-db40-a3d8-11116f7e8349': 'Bitwarden',
  '531126d6-e717-415c-9320-3d9aa6981239': 'Dashlane',
  '0ea242b4-43c4-4a1b-8b17-dd6d0b6baec6': 'Keeper',
  'b78a0a55-6ef8-d246-a042-ba0f6d55050c': 'LastPass',
  'cb69481e-8ff7-4039-93ec-0a2729a154a8': 'YubiKey 5',
  'ee882879-721c-4913-9775-3dfcce97072a': 'YubiKey 5',
  'fa2b99dc-9e39-4257-8f92-4a30d23c4118': 'YubiKey 5',
  '2fc0579f-8113-47ea-b116-bb5a8db9202a': 'YubiKey 5',
  '73bb0cd4-e502-49b8-9c6f-b59445bf720b': 'YubiKey 5',
};

/** Passkey names are at most 64 characters (`PASSKEY_NAME_MAX`); this leaves room for " (99)". */
const BASE_MAX = 59;

/** Browser names as people say them (Bowser's are the vendors' full names). */
const BROWSERS: Readonly<Record<string, string>> = {
  'Microsoft Edge': 'Edge',
  'Samsung Internet for Android': 'Samsung Internet',
  Chromium: 'Chrome',
};

/** The provider an AAGUID names, if it is one of the well-known ones. */
export function passkeyProviderOf(aaguid: string | null | undefined): string | undefined {
  return aaguid ? PROVIDERS[aaguid.toLowerCase()] : undefined;
}

/** The device a User-Agent describes, as a person would: "Safari on iPhone", "Edge on Windows". */
export function deviceOf(userAgent: string): string | undefined {
  if (!userAgent.trim()) return undefined;
  const parsed = Bowser.parse(userAgent);
  const browser = parsed.browser.name ? (BROWSERS[parsed.browser.name] ?? parsed.browser.name) : '';
  const os = systemOf(parsed);
  if (browser && os) return `${browser} on ${os}`;
  return browser || os || undefined;
}

function systemOf(parsed: Bowser.Parser.ParsedResult): string {
  switch (parsed.os.name) {
    case 'iOS':
      // Bowser names the model from the UA ("iPhone", "iPad"); iPadOS in desktop mode says Macintosh instead.
      return parsed.platform.model === 'iPad' ? 'iPad' : parsed.platform.model === 'iPod' ? 'iPod' : 'iPhone';
    case 'macOS':
      return 'Mac';
    case 'Chrome OS':
      return 'ChromeOS';
    default:
      return parsed.os.name ?? '';
  }
}

/**
 * The name a passkey gets when it is added without one: the passkey provider when its AAGUID is well known
 * ("iCloud Keychain"), else the browser and system it was made on ("Chrome on Linux"), else "Passkey". A name the
 * account already uses gets the first free number: "Chrome on Linux (2)".
 */
export function defaultPasskeyName(
  device: { userAgent: string; aaguid?: string | null | undefined },
  taken: readonly string[],
): string {
  const base = (passkeyProviderOf(device.aaguid) ?? deviceOf(device.userAgent) ?? 'Passkey').slice(
    0,
    BASE_MAX,
  );
  const used = new Set(taken.map((name) => name.trim().toLowerCase()));
  if (!used.has(base.toLowerCase())) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base} (${n})`;
    if (!used.has(candidate.toLowerCase())) return candidate;
  }
}
