import { isLeavingPage, useOrbitUser } from '@orbit/sdk-browser';
import { BusyPage, ServiceShell, SystemPage, systemPageFor } from '@orbit/ui/shell';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { addNote, fetchNotes, type Note, orbit } from './api';

export function App() {
  const { t } = useTranslation();
  // Who is signed in (name, avatar, badges, language, as the hub has them now) and the app switcher's list.
  const shell = useOrbitUser(orbit);
  const [notes, setNotes] = useState<Note[]>([]);
  const [draft, setDraft] = useState('');
  const [problem, setProblem] = useState<string>();
  const signedIn = shell.state.status === 'ready';

  useEffect(() => {
    if (!signedIn) return;
    fetchNotes().then(setNotes, (error: unknown) => {
      if (!isLeavingPage(error)) setProblem(t('notes.loadFailed'));
    });
  }, [signedIn, t]);

  async function save(event: FormEvent) {
    event.preventDefault();
    try {
      const note = await addNote(draft);
      setNotes((list) => [note, ...list]);
      setDraft('');
      setProblem(undefined);
    } catch (error) {
      if (!isLeavingPage(error)) setProblem((error as Error).message);
    }
  }

  const name = t('app.name');
  if (shell.state.status === 'loading') return <BusyPage kind="loading" serviceName={name} />;
  if (shell.state.status === 'error') {
    const kind = systemPageFor(shell.state.error);
    return (
      <SystemPage
        kind={kind}
        serviceName={name}
        action={kind === 'signedOut' ? orbit.loginUrl() : kind === 'error' ? shell.retry : undefined}
      />
    );
  }
  const { me } = shell.state;
  return (
    <ServiceShell
      service={{ name }}
      me={me}
      // The page has switched already; saving the choice at the hub is for every other service.
      onLanguageChange={(language) => void shell.setLanguage(language).catch(() => undefined)}
    >
      <main className="notes">
        <p>{t('notes.hello', { name: me.user.displayName, number: me.user.accountNumber })}</p>
        {problem && <p role="alert">{problem}</p>}
        <form onSubmit={save}>
          <label htmlFor="note">{t('notes.newNote')}</label>
          <textarea id="note" value={draft} onChange={(e) => setDraft(e.target.value)} maxLength={2000} />
          <button type="submit" className="button button-primary" disabled={!draft.trim()}>
            {t('notes.save')}
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
    </ServiceShell>
  );
}
