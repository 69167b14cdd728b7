/** The address outside the app: the hub. (Signing in again is the browser SDK's: `orbit.loginUrl()`.) */

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
