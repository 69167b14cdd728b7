/**
 * The one check of a `return_to` value, shared by the hub, the portal, the SDK and every service's web UI, so
 * that sign-in, step-up and sign-out can't be used as an open redirect.
 *
 * The value is parsed against a stand-in origin and judged AFTER the URL parser has normalised it: a check on the
 * raw text is fooled by dot segments (`/a/..//evil.example` normalises to `//evil.example`, which a browser reads
 * as another host). Only a path on the same origin is kept, with its query and fragment; anything else gives the
 * fallback.
 *
 * @example
 * safeReturnPath('/apps/chat?room=42#latest'); // '/apps/chat?room=42#latest'
 * safeReturnPath('/a/..//evil.example/stolen', '/account'); // '/account'
 */
export function safeReturnPath(value: string | null | undefined, fallback = '/'): string {
  return returnPathOf(value) ?? fallback;
}

/** Whether `value` is a return path that `safeReturnPath` keeps as it is (already normalised). */
export function isSafeReturnPath(value: string | null | undefined): value is string {
  return typeof value === 'string' && returnPathOf(value) === value;
}

// A reserved name (RFC 2606) that no browser will ever be on: only an origin to resolve relative paths against.
const BASE = new URL('https://return-path.invalid');

/** Longer than any path Orbit makes; a cap keeps the parse cheap on hostile input. */
const MAX_LENGTH = 4096;

function returnPathOf(value: string | null | undefined): string | undefined {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_LENGTH) return undefined;
  // Only a path: no scheme (`javascript:`, `https:`), no bare name that the parser would resolve somewhere.
  if (!value.startsWith('/')) return undefined;
  // Browsers drop tabs and newlines inside URLs and read `\` as `/` (WHATWG URL, "special" schemes), so
  // `/\evil.example` and `/\t/evil.example` both mean `//evil.example`. Nothing legitimate carries them raw.
  if (hasUnsafeCharacter(value)) return undefined;
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return undefined;
  }
  if (url.origin !== BASE.origin) return undefined;
  const path = `${url.pathname}${url.search}${url.hash}`;
  if (!startsAsOnePath(path)) return undefined;
  // A router or server that decodes the path once more (and normalises it again) must not find `//host` or
  // `/\host` either: `/a/..%2F%2Fevil.example` is harmless to a browser but not to such a server.
  if (!staysOnePathWhenDecoded(url.pathname)) return undefined;
  // Normalising must be finished: the kept path, parsed again, is itself (no second round of dot segments).
  const again = new URL(path, BASE);
  if (again.origin !== BASE.origin || `${again.pathname}${again.search}${again.hash}` !== path)
    return undefined;
  return path;
}

function startsAsOnePath(path: string): boolean {
  return path.startsWith('/') && !path.startsWith('//') && !path.startsWith('/\\');
}

function hasUnsafeCharacter(value: string): boolean {
  for (const char of value) {
    const code = char.codePointAt(0) ?? 0;
    if (char === '\\' || code <= 0x20 || (code >= 0x7f && code <= 0x9f)) return true;
  }
  return false;
}

function staysOnePathWhenDecoded(pathname: string): boolean {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    // Malformed escapes can't be decoded by anyone further on either; judged as written above.
    return true;
  }
  if (decoded === pathname) return true;
  if (!startsAsOnePath(decoded) || decoded.includes('\\')) return false;
  try {
    return startsAsOnePath(new URL(decoded, BASE).pathname);
  } catch {
    return false;
  }
}
