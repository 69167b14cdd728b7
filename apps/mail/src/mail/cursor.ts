import { badCursor } from './errors.js';

/** Where a page ended in a newest-first listing: the last message's date and id. */
export interface Position {
  date: Date;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (value: string) => UUID.test(value);

/** An opaque cursor for the page after `position` (base64url of `<ISO date>|<id>`). */
export function encodeCursor(position: Position): string {
  return Buffer.from(`${position.date.toISOString()}|${position.id}`).toString('base64url');
}

/** Reads a cursor made by `encodeCursor`; anything else is a 400 `request.invalid`. */
export function decodeCursor(cursor: string): Position {
  const [iso, id, extra] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const date = new Date(iso ?? '');
  if (
    extra !== undefined ||
    !id ||
    !isUuid(id) ||
    Number.isNaN(date.getTime()) ||
    date.toISOString() !== iso
  ) {
    throw badCursor();
  }
  return { date, id };
}
