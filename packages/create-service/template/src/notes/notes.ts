import type { Clock } from '@orbit/sdk';
import { count, countDistinct, desc, eq } from 'drizzle-orm';
import type { ServiceDb } from '../database.js';
import { notes } from '../schema.js';

export type Note = typeof notes.$inferSelect;

/** What a new note may hold. */
export { newNote } from '../contracts.js';

/** The most notes one listing shows, newest first. */
export const NOTES_PER_LIST = 100;

/**
 * Notes, each owned by one account: every query is scoped to its owner's `sub`, so nobody reads or writes
 * another account's notes.
 */
export function createNotes({ db, clock }: { db: ServiceDb; clock: Clock }) {
  return {
    list(ownerSub: string): Promise<Note[]> {
      return db
        .select()
        .from(notes)
        .where(eq(notes.ownerSub, ownerSub))
        .orderBy(desc(notes.createdAt), desc(notes.id))
        .limit(NOTES_PER_LIST);
    },

    async add(ownerSub: string, text: string): Promise<Note> {
      const [note] = await db.insert(notes).values({ ownerSub, text, createdAt: clock.now() }).returning();
      if (!note) throw new Error('the note was not saved');
      return note;
    },

    /** How many notes there are and how many accounts wrote them: counts only, never a note's text. */
    async stats(): Promise<{ notes: number; authors: number }> {
      const [row] = await db.select({ notes: count(), authors: countDistinct(notes.ownerSub) }).from(notes);
      return { notes: Number(row?.notes ?? 0), authors: Number(row?.authors ?? 0) };
    },
  };
}

export type Notes = ReturnType<typeof createNotes>;

/** A note as the API shows it (the owner is always the caller). */
export const noteView = (note: Note) => ({
  id: note.id,
  text: note.text,
  createdAt: note.createdAt.toISOString(),
});
