import { safeReturnPath } from '@orbit/return-path';

/** Where to go after signing in when no (usable) `return_to` was given. */
export const DEFAULT_AFTER_SIGN_IN = '/account';

const BASE = 'https://portal.orbit.invalid';

/**
 * A `return_to` value made safe to navigate to: only a same-origin path is kept (with its query and fragment),
 * judged after normalisation by the one check the hub, the SDK and every service share (`@orbit/return-path`).
 * Anything else — `//evil.com`, `/a/..//evil.com`, `/\\evil.com`, `https://…`, `javascript:…`, control
 * characters — gives the fallback, so sign-in can't be used as an open redirect.
 */
export function safeReturnTo(value: string | null | undefined, fallback = DEFAULT_AFTER_SIGN_IN): string {
  return safeReturnPath(value, fallback);
}

/** The sign-in page's address that comes back to `path` afterwards, e.g. `/signin?return_to=/account`. */
export function signInPathFor(path: string): string {
  return withReturnTo('/signin', path);
}

/** `page` asked to go on to `returnTo` afterwards, e.g. `/signup?return_to=/oidc/authorize/resume/abc`. */
export function withReturnTo(page: string, returnTo: string): string {
  return `${page}?return_to=${encodeURIComponent(returnTo).replaceAll('%2F', '/')}`;
}

/**
 * Paths the hub answers itself rather than the portal's router: its OpenID Connect endpoints, where the
 * authorization request continues once the reader has signed in.
 */
const HUB_PATH_PREFIXES = ['/oidc/'] as const;

/**
 * Whether going on to `path` (a value from `safeReturnTo`) needs a full page load: the router would show its
 * "page not found" for a path only the hub knows. Everything else stays an in-app navigation.
 */
export function needsFullPageLoad(path: string): boolean {
  return HUB_PATH_PREFIXES.some((prefix) => path.startsWith(prefix));
}

/**
 * `path` (a value from `safeReturnTo`) with the query parameter `name=value` added, keeping its other
 * parameters and its fragment, e.g. `/oidc/authorize/resume/abc?step_up=cancel`.
 */
export function withQueryParameter(path: string, name: string, value: string): string {
  const url = new URL(path, BASE);
  url.searchParams.append(name, value);
  return `${url.pathname}${url.search}${url.hash}`;
}
