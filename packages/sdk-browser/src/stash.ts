/**
 * Requests waiting for a step-up, kept in this tab's `sessionStorage` while the page visits the hub. Each is
 * stored under a random id that the page's address carries back (`?orbit_resume=<id>`): only the tab that made
 * the request holds it, so a link carrying an id does nothing anywhere else.
 */

/** The query parameter that carries a stashed request's id back from the hub. */
export const RESUME_PARAM = 'orbit_resume';

/** A stashed request older than this is dropped: the user gave up on that step-up. */
export const STASH_TTL_MS = 10 * 60_000;
const PREFIX = 'orbit.resume.';

export interface StashedRequest {
  method: string;
  path: string;
  json?: unknown;
  headers?: Record<string, string>;
  /** The action's name, for the page that resumes it. */
  tag?: string;
}

type Storage = Pick<globalThis.Storage, 'getItem' | 'setItem' | 'removeItem'>;

const randomId = () => {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
};

export function createResumeStash(storage: Storage | null, now: () => number) {
  return {
    /** Stores `request` and answers its id (stored or not: without storage there is just nothing to resume). */
    put(request: StashedRequest): string {
      const id = randomId();
      try {
        storage?.setItem(`${PREFIX}${id}`, JSON.stringify({ at: now(), request }));
      } catch {
        // storage full or blocked: the step-up still happens, the retry doesn't
      }
      return id;
    },
    /** The request stored under `id`, once (it is removed), unless it expired or the id is not one of ours. */
    take(id: string): StashedRequest | null {
      if (!/^[0-9a-f]{32}$/.test(id) || !storage) return null;
      const key = `${PREFIX}${id}`;
      let raw: string | null;
      try {
        raw = storage.getItem(key);
        storage.removeItem(key);
      } catch {
        return null;
      }
      if (!raw) return null;
      try {
        const { at, request } = JSON.parse(raw) as { at: number; request: StashedRequest };
        if (typeof at !== 'number' || now() - at > STASH_TTL_MS || now() < at) return null;
        if (typeof request?.method !== 'string' || typeof request.path !== 'string') return null;
        if (!request.path.startsWith('/') || request.path.startsWith('//')) return null;
        return request;
      } catch {
        return null;
      }
    },
  };
}

export type ResumeStash = ReturnType<typeof createResumeStash>;
