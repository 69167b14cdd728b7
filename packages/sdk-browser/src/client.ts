import { safeReturnPath } from '@orbit/return-path';
import { ApiError, fetchJson } from '@orbit/ui/api';
import { createResumeStash, RESUME_PARAM, type ResumeStash, type StashedRequest } from './stash';

/** Why the page is going away: to sign in again, or to confirm an action with a passkey at the hub. */
export type LeaveReason = 'signIn' | 'stepUp';

/**
 * Thrown by a request whose answer sent the page away (to sign in, or to step up). The page is unloading: show
 * nothing, retry nothing. `isLeavingPage(error)` tells it apart.
 */
export class LeavingPageError extends Error {
  override name = 'LeavingPageError';
  constructor(readonly reason: LeaveReason) {
    super(reason === 'signIn' ? 'Signing in again.' : 'Confirming with a passkey.');
  }
}

export const isLeavingPage = (error: unknown): error is LeavingPageError => error instanceof LeavingPageError;

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface OrbitRequestOptions {
  /** A body sent as JSON. */
  json?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /**
   * What a `step_up_required` answer does. By default the page goes to the hub to confirm with a passkey and
   * comes back to where it was, and `resume()` sends this request again. `tag` names the action for the page
   * that resumes it (`'empty-trash'`); `returnTo` is where to come back to (a path on this site). `false`:
   * throw the `ApiError` instead.
   */
  stepUp?: false | { tag?: string; returnTo?: string };
  /** `false`: a `session.required` answer throws instead of sending the page to sign in again. */
  signIn?: false;
}

/** Where the client navigates and what it reads of the page's address; the browser's own unless a test gives one. */
export interface PageLocation {
  readonly pathname: string;
  readonly search: string;
  readonly hash: string;
  assign(url: string): void;
}

export interface OrbitClientOptions {
  /** The network (the global `fetch` unless given; tests give a fake). */
  fetch?: typeof fetch;
  location?: PageLocation;
  /** Replaces the address without a reload (removes the resume marker); `history.replaceState` by default. */
  replaceUrl?: (url: string) => void;
  /** Where stashed requests and the sign-in guard live: `sessionStorage` (this tab only) by default. */
  storage?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null;
  /** The page's language, sent to the hub as `ui_locales`. */
  language?: () => string | undefined;
  /** The SDK's sign-in route on this service (default `/auth/login`). */
  loginPath?: string;
  /** The service's name, for messages ("Mail could not be reached."). */
  server?: string;
  now?: () => number;
}

/** A request sent again after the step-up it needed: its tag and the server's answer. */
export interface Resumed<T = unknown> {
  tag: string | undefined;
  method: string;
  path: string;
  result: T;
}

/** A sign-in round trip that started this recently and came back without a session is not tried again. */
const SIGN_IN_GUARD_MS = 30_000;
const SIGN_IN_GUARD_KEY = 'orbit.signin.started';

/**
 * The fetch wrapper every Orbit service page uses to talk to its own server (same origin, session cookie):
 * JSON in and out, errors in the one shape (`ApiError`, `NetworkError` from `@orbit/ui/api`), and the two
 * answers the SDK's middleware gives a page handled for it:
 *
 * - 401 `session.required` (`requireUser()`): the page goes to the SDK's `/auth/login` and comes back to where
 *   it was (the hub signs the user straight in when it still has a session). If that round trip came back
 *   without a session less than 30 s ago, the error is thrown instead — no loop; show `signedOut`.
 * - 401 `step_up_required` (`requireStepUp()`): the request is stashed in this tab's `sessionStorage`, the page
 *   goes to `details.location` (the hub's passkey step) with `return_to` = the page plus a one-time marker,
 *   and once back `resume()` sends it again. Only the tab that made the request holds it, and the marker is a
 *   random id, so a link can't make anyone do anything.
 *
 * Why a full-page redirect, not a popup: a popup opened after an `await` has lost the click's user activation
 * and is blocked; and the hub's pages refuse to be framed. The redirect is what the SDK's `requireStepUp()`
 * already drives, and it works in every browser.
 *
 * @example
 * const orbit = createOrbitClient({ server: 'Mail', language: () => i18n.resolvedLanguage });
 * const me = await orbit.get<Me>('/api/me');
 * await orbit.post('/api/trash/empty', undefined, { stepUp: { tag: 'empty-trash' } });
 */
export function createOrbitClient(options: OrbitClientOptions = {}) {
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const page = (): PageLocation => options.location ?? window.location;
  const replaceUrl =
    options.replaceUrl ?? ((url: string) => window.history.replaceState(window.history.state, '', url));
  const storage = options.storage === undefined ? sessionStorageOrNull() : options.storage;
  const now = options.now ?? Date.now;
  const server = options.server ?? 'The service';
  const loginPath = options.loginPath ?? '/auth/login';
  const stash: ResumeStash = createResumeStash(storage, now);
  const leaveListeners = new Set<(reason: LeaveReason) => void>();

  const here = () => {
    const { pathname, search, hash } = page();
    return `${pathname}${search}${hash}`;
  };

  function leave(reason: LeaveReason, url: string): never {
    for (const listener of leaveListeners) listener(reason);
    page().assign(url);
    throw new LeavingPageError(reason);
  }

  /** The SDK's sign-in URL, coming back to `returnTo` (this page by default), in the page's language. */
  function loginUrl(returnTo = here()): string {
    const params = new URLSearchParams({ return_to: safeReturnPath(returnTo, '/') });
    const language = options.language?.();
    if (language) params.set('ui_locales', language);
    return `${loginPath}?${params}`;
  }

  function signIn(returnTo?: string): never {
    try {
      storage?.setItem(SIGN_IN_GUARD_KEY, String(now()));
    } catch {
      // storage refused: no guard, the round trip still works
    }
    return leave('signIn', loginUrl(returnTo));
  }

  function signInTriedJustNow(): boolean {
    const started = Number(readItem(storage, SIGN_IN_GUARD_KEY));
    return Number.isFinite(started) && started > 0 && now() - started < SIGN_IN_GUARD_MS;
  }

  /** Where a `step_up_required` answer sends the page: its `details.location` (a path here), to come back. */
  function stepUpUrl(error: ApiError, returnTo: string, id: string): string | null {
    const details = error.details;
    const location =
      typeof details === 'object' && details !== null && 'location' in details ? details.location : undefined;
    const local = typeof location === 'string' ? safeReturnPath(location, '') : '';
    if (!local) return null;
    const back = new URL(safeReturnPath(returnTo, '/'), 'http://page.invalid');
    back.searchParams.set(RESUME_PARAM, id);
    const url = new URL(local, 'http://page.invalid');
    url.searchParams.set('return_to', `${back.pathname}${back.search}${back.hash}`);
    const language = options.language?.();
    if (language) url.searchParams.set('ui_locales', language);
    return `${url.pathname}${url.search}`;
  }

  async function send(method: Method, path: string, opts: OrbitRequestOptions): Promise<unknown> {
    const headers = new Headers({ Accept: 'application/json', ...opts.headers });
    let body: string | undefined;
    if (opts.json !== undefined) {
      headers.set('Content-Type', 'application/json');
      body = JSON.stringify(opts.json);
    }
    const init = { method, headers, body, ...(opts.signal ? { signal: opts.signal } : {}) };
    const answer = await fetchJson(path, init, server, doFetch);
    forgetSignIn();
    return answer;
  }

  function forgetSignIn() {
    if (readItem(storage, SIGN_IN_GUARD_KEY) !== null) {
      try {
        storage?.removeItem(SIGN_IN_GUARD_KEY);
      } catch {
        // nothing to forget
      }
    }
  }

  async function request<T>(method: Method, path: string, opts: OrbitRequestOptions = {}): Promise<T> {
    try {
      return (await send(method, path, opts)) as T;
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 401) throw error;
      if (error.code === 'session.required' && opts.signIn !== false && !signInTriedJustNow()) {
        signIn();
      }
      if (error.code === 'step_up_required' && opts.stepUp !== false) {
        const request: StashedRequest = {
          method,
          path,
          ...(opts.json !== undefined ? { json: opts.json } : {}),
          ...(opts.headers ? { headers: opts.headers } : {}),
          ...(opts.stepUp?.tag ? { tag: opts.stepUp.tag } : {}),
        };
        const id = stash.put(request);
        const url = stepUpUrl(error, opts.stepUp?.returnTo ?? here(), id);
        if (url) leave('stepUp', url);
        stash.take(id); // no place to go: nothing will come back for it
      }
      throw error;
    }
  }

  return {
    request,
    get: <T>(path: string, opts?: Omit<OrbitRequestOptions, 'json'>) => request<T>('GET', path, opts),
    post: <T>(path: string, json?: unknown, opts?: OrbitRequestOptions) =>
      request<T>('POST', path, { ...opts, json }),
    put: <T>(path: string, json?: unknown, opts?: OrbitRequestOptions) =>
      request<T>('PUT', path, { ...opts, json }),
    patch: <T>(path: string, json?: unknown, opts?: OrbitRequestOptions) =>
      request<T>('PATCH', path, { ...opts, json }),
    delete: <T>(path: string, opts?: OrbitRequestOptions) => request<T>('DELETE', path, opts),

    /**
     * Back from a step-up: takes the marker off the address, and sends the request that needed the step-up
     * again (once; a second refusal is thrown, not another round trip). Null when the page did not come back
     * from one, or the stashed request expired (10 minutes) or was already resumed.
     */
    async resume<T = unknown>(): Promise<Resumed<T> | null> {
      const params = new URLSearchParams(page().search);
      const id = params.get(RESUME_PARAM);
      if (id === null) return null;
      params.delete(RESUME_PARAM);
      const rest = params.toString();
      replaceUrl(`${page().pathname}${rest ? `?${rest}` : ''}${page().hash}`);
      const stashed = stash.take(id);
      if (!stashed) return null;
      const result = await request<T>(stashed.method as Method, stashed.path, {
        ...(stashed.json !== undefined ? { json: stashed.json } : {}),
        ...(stashed.headers ? { headers: stashed.headers } : {}),
        stepUp: false,
      });
      return { tag: stashed.tag, method: stashed.method, path: stashed.path, result };
    },

    /** Whether the address carries the marker of a request waiting for `resume()`. */
    resuming(): boolean {
      return new URLSearchParams(page().search).has(RESUME_PARAM);
    },

    /** Sends the page to sign in (again), coming back to `returnTo` (this page by default). */
    signIn,
    loginUrl,

    /**
     * Runs just before the page goes away to sign in or step up, e.g. to keep a draft. Answers the unsubscribe.
     */
    onLeave(listener: (reason: LeaveReason) => void): () => void {
      leaveListeners.add(listener);
      return () => leaveListeners.delete(listener);
    },
  };
}

export type OrbitClient = ReturnType<typeof createOrbitClient>;

function readItem(storage: Pick<Storage, 'getItem'> | null, key: string): string | null {
  try {
    return storage?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

function sessionStorageOrNull(): Storage | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    return null; // storage blocked
  }
}
