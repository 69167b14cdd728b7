import { safeReturnPath } from '@orbit/return-path';

/** Addresses outside the app: the hub, and signing in again. */

export const DEFAULT_HUB_URL = 'http://localhost:4000';

/**
 * The Orbit hub's address, from the `<meta name="orbit-hub" content="…">` the Mail server writes into the
 * page; the local default when it is missing or not an http(s) URL.
 */
export function hubUrl(doc: Pick<Document, 'querySelector'> = document): string {
  const content = doc.querySelector<HTMLMetaElement>('meta[name="orbit-hub"]')?.content?.trim();
  if (!content) return DEFAULT_HUB_URL;
  try {
    const url = new URL(content);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return DEFAULT_HUB_URL;
    return url.href.replace(/\/+$/, '');
  } catch {
    return DEFAULT_HUB_URL;
  }
}

/** Mail's sign-in (through the hub), coming back to `returnTo` — the current page — in the UI's language. */
export function loginUrl(returnTo: string, language?: string): string {
  const params = new URLSearchParams({ return_to: safeReturnPath(returnTo, '/') });
  if (language) params.set('ui_locales', language);
  return `/auth/login?${params}`;
}
