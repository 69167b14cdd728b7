import type { ListScope } from '../api/types';

/**
 * What the page shows, kept in its address so reload, back and shared links work: `/inbox`, `/sent/<id>`,
 * `/all?q=report`. The Mail server answers every page path with the app.
 */
export interface Route {
  scope: ListScope;
  /** The search within the scope; empty for none. */
  q: string;
  /** The message open in the reader. */
  messageId: string | null;
}

export const SCOPES: readonly ListScope[] = ['inbox', 'starred', 'sent', 'drafts', 'trash', 'all'];

export function isScope(value: string): value is ListScope {
  return (SCOPES as readonly string[]).includes(value);
}

/** The route of a page address; anything unknown is the inbox. */
export function parseRoute(pathname: string, search: string): Route {
  const parts = pathname.split('/').filter(Boolean).map(safeDecode);
  const [first, second] = parts;
  const q = new URLSearchParams(search).get('q')?.trim() ?? '';
  if (first === undefined || !isScope(first) || parts.length > 2)
    return { scope: 'inbox', q: '', messageId: null };
  return { scope: first, q, messageId: second || null };
}

/** The page address of a route. */
export function routePath({ scope, q, messageId }: Route): string {
  const path = messageId ? `/${scope}/${encodeURIComponent(messageId)}` : `/${scope}`;
  const query = q.trim() ? `?${new URLSearchParams({ q: q.trim() })}` : '';
  return path + query;
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
