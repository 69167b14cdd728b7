import { badCursor } from './errors.js';

/** Where a page of a newest-first list ended: the last item's time and id (ties broken by id). */
export interface Cursor {
  at: Date;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The opaque `?cursor=` of the page after `last` (base64url of `<ISO time>|<id>`). */
export function encodeCursor(last: Cursor): string {
  return Buffer.from(`${last.at.toISOString()}|${last.id}`).toString('base64url');
}

/** The position a `?cursor=` names; undefined when none is given; 400 `space.bad_cursor` for anything else. */
export function decodeCursor(cursor: string | undefined): Cursor | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw badCursor();
  const [time, id, ...rest] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const at = new Date(time ?? '');
  if (rest.length > 0 || !id || !UUID.test(id) || Number.isNaN(at.getTime()) || !/^\d{4}-/.test(time ?? '')) {
    throw badCursor();
  }
  return { at, id: id.toLowerCase() };
}
