/** Where to go after signing in when no (usable) `return_to` was given. */
export const DEFAULT_AFTER_SIGN_IN = '/account';

const BASE = 'https://portal.orbit.invalid';

/**
 * A `return_to` value made safe to navigate to: only a same-origin relative path starting with exactly one
 * `/` is kept (with its query and fragment). Anything else — `//evil.com`, `/\evil.com`, `https://…`,
 * `javascript:…`, control characters — gives the fallback, so sign-in can't be used as an open redirect.
 */
export function safeReturnTo(value: string | null | undefined, fallback = DEFAULT_AFTER_SIGN_IN): string {
  if (!value?.startsWith('/') || value.startsWith('//')) return fallback;
  for (const char of value) {
    const code = char.codePointAt(0) ?? 0;
    // Browsers read `\` as `/` and drop tabs and newlines, so `/\evil.com` or `/\t/evil.com` could escape.
    if (char === '\\' || code <= 0x20 || code === 0x7f) return fallback;
  }
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}

/** The sign-in page's address that comes back to `path` afterwards, e.g. `/signin?return_to=/account`. */
export function signInPathFor(path: string): string {
  return `/signin?return_to=${encodeURIComponent(path).replaceAll('%2F', '/')}`;
}
