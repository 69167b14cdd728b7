import { type FormEvent, useEffect, useState } from 'react';
import { addNote, fetchMe, fetchNotes, type Me, type Note } from './api';

const SERVICE_NAME = '__SERVICE_NAME__';

export function App() {
  const [me, setMe] = useState<Me>();
  const [notes, setNotes] = useState<Note[]>([]);
  const [draft, setDraft] = useState('');
  const [problem, setProblem] = useState<string>();

  useEffect(() => {
    Promise.all([fetchMe(), fetchNotes()])
      .then(([user, list]) => {
        setMe(user);
        setNotes(list);
      })
      .catch((error: Error) => setProblem(error.message));
  }, []);

  async function save(event: FormEvent) {
    event.preventDefault();
    try {
      const note = await addNote(draft);
      setNotes((list) => [note, ...list]);
      setDraft('');
      setProblem(undefined);
    } catch (error) {
      setProblem((error as Error).message);
    }
  }

  return (
    <main>
      <header>
        <h1>{SERVICE_NAME}</h1>
        {/* A form, not a link: sign-out changes state, and a cross-site POST carries no session cookie. */}
        <form method="post" action="/auth/logout">
          <button type="submit" className="link">
            Sign out
          </button>
        </form>
      </header>
      {me && (
        <p>
          Hello, {me.displayName} ({me.accountNumber})
        </p>
      )}
      {problem && <p role="alert">{problem}</p>}
      <form onSubmit={save}>
        <label htmlFor="note">New note</label>
        <textarea id="note" value={draft} onChange={(e) => setDraft(e.target.value)} maxLength={2000} />
        <button type="submit" disabled={!draft.trim()}>
          Save
        </button>
      </form>
      <ul>
        {notes.map((note) => (
          <li key={note.id}>
            <p>{note.text}</p>
            <time dateTime={note.createdAt}>{new Date(note.createdAt).toLocaleString()}</time>
          </li>
        ))}
      </ul>
    </main>
  );
}
