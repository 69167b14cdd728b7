import { and, desc, eq, sql } from 'drizzle-orm';
import type { SpaceCore } from '../deps.js';
import { notFound } from '../errors.js';
import { posts } from '../schema.js';
import { plainText } from './render.js';
import { postColumns } from './views.js';

/** Items a feed holds at most. */
export const RSS_ITEMS = 50;

const XML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};
/** Text as XML character data; characters XML 1.0 forbids (controls other than tab and newlines) are dropped. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: exactly the characters XML 1.0 can't carry.
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;
const xml = (text: string) => text.replace(NOT_XML, '').replace(/[&<>"']/g, (c) => XML_ESCAPES[c] ?? c);

/** A moment's title in a feed: its first line, cut to 80 characters. */
function momentTitle(text: string): string {
  const line = text.split('\n')[0]?.trim() ?? '';
  return line.length > 80 ? `${line.slice(0, 79)}…` : line || 'Moment';
}

/**
 * An account's RSS 2.0 feed (https://www.rssboard.org/rss-specification): its latest public, published posts and
 * moments — never anything else, whoever asks, since a feed reader signs in as nobody and feeds are copied around.
 * 404 for an account Space's hub doesn't know.
 */
export function createRss(core: SpaceCore) {
  return async function feed(ownerSub: string): Promise<string> {
    const owner = ownerSub.toLowerCase();
    const card = await core.people.card(owner);
    if (card.deleted) throw notFound();
    const rows = await core.db
      .select(postColumns)
      .from(posts)
      .where(
        and(
          eq(posts.ownerSub, owner),
          eq(posts.status, 'published'),
          sql`${posts.audience}->>'type' = 'public'`,
        ),
      )
      .orderBy(desc(posts.publishedAt), desc(posts.id))
      .limit(RSS_ITEMS);
    // The one rule again (a public item is everyone's, signed out too): nothing non-public gets through.
    const visible = await core.visibility.filter(null, rows);
    const origin = core.orbit.publicUrl;
    const items = visible.map((row) => {
      const link = `${origin}/p/${row.id}`;
      const title = row.kind === 'post' ? (row.title ?? '') : momentTitle(plainText(row.bodyHtml));
      return [
        '<item>',
        `<title>${xml(title)}</title>`,
        `<link>${xml(link)}</link>`,
        `<guid isPermaLink="true">${xml(link)}</guid>`,
        `<pubDate>${(row.publishedAt ?? row.createdAt).toUTCString()}</pubDate>`,
        `<description>${xml(row.bodyHtml)}</description>`,
        '</item>',
      ].join('');
    });
    const name = card.displayName || card.handle;
    return [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<rss version="2.0"><channel>',
      `<title>${xml(`${name} · Space`)}</title>`,
      `<link>${xml(`${origin}/u/${owner}`)}</link>`,
      `<description>${xml(`Public posts and moments of ${name}`)}</description>`,
      ...items,
      '</channel></rss>',
      '',
    ].join('\n');
  };
}
