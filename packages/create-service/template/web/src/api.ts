import { createOrbitClient } from '@orbit/sdk-browser';
import i18n from './i18n';

/**
 * The service's own API, through the browser SDK: JSON with the session cookie, errors as `ApiError`; an ended
 * session sends the page to sign in and back, a `step_up_required` to confirm with a passkey and back.
 */
export const orbit = createOrbitClient({
  server: '__SERVICE_NAME__',
  language: () => i18n.resolvedLanguage,
});

export interface Note {
  id: string;
  text: string;
  createdAt: string;
}

export const fetchNotes = () => orbit.get<{ notes: Note[] }>('/api/notes').then((r) => r.notes);
export const addNote = (text: string) =>
  orbit.post<{ note: Note }>('/api/notes', { text }).then((r) => r.note);
