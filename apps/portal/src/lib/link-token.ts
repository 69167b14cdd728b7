import { useState } from 'react';

/**
 * The token of an emailed link (`?token=…`), read once; then the address bar (and so the history entry, and any
 * bookmark or screenshot of it) keeps the page's path without it. The hub's `Referrer-Policy: no-referrer` keeps
 * it out of requests this page makes.
 */
export function useLinkToken(): string {
  const [token] = useState(() => {
    const url = new URL(window.location.href);
    const found = url.searchParams.get('token') ?? '';
    if (found) {
      url.searchParams.delete('token');
      window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
    }
    return found;
  });
  return token;
}
