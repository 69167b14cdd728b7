/** The signed-in account, as `GET /api/me` describes it. */
export interface Me {
  sub: string;
  accountNumber: string;
  handle: string;
  displayName: string;
}

export interface Note {
  id: string;
  text: string;
  createdAt: string;
}

/** An API error in Orbit's shape, `{ error: { code, message } }`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const response = await fetch(path, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 401) {
    // The session here ended (signed out elsewhere, or expired): sign in through the hub and come back.
    window.location.assign(`/auth/login?return_to=${encodeURIComponent(window.location.pathname)}`);
  }
  const data = await response.json().catch(() => undefined);
  if (!response.ok) {
    const error = (data as { error?: { code?: string; message?: string } } | undefined)?.error;
    throw new ApiError(response.status, error?.code ?? 'unknown', error?.message ?? response.statusText);
  }
  return data as T;
}

export const fetchMe = () => call<{ user: Me }>('GET', '/api/me').then((r) => r.user);
export const fetchNotes = () => call<{ notes: Note[] }>('GET', '/api/notes').then((r) => r.notes);
export const addNote = (text: string) =>
  call<{ note: Note }>('POST', '/api/notes', { text }).then((r) => r.note);
