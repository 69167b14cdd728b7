/**
 * The service shell's bell on a service's own origin (docs/services.md, "The bell"): the page asks its own server,
 * with its session cookie; the SDK asks the hub's `/api/v1/me/notifications…` with the signed-in user's own access
 * token (the one the hub issued to this service at sign-in, kept sealed in the session and refreshed when due). So
 * a service shows one unread count across every service, live, without CORS or a hub cookie on its origin.
 */
import { markReadBody, notificationsApi, SHELL_PATHS, shellBellQuery } from '@orbit/contracts';
import { AppError, readJson } from '@orbit/http';
import { type Context, Hono, type MiddlewareHandler } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { hubUnavailable } from './hub-api.js';
import type { OrbitVariables } from './service.js';
import type { OrbitUser } from './user.js';

/** The first pause before following the hub's stream again after it failed, doubled up to the most. */
export const BELL_RETRY_MS = 1000;
export const BELL_RETRY_MAX_MS = 30_000;
/** How long a call to the hub may take (the stream excepted). */
const HUB_TIMEOUT_MS = 5000;

export interface BellProxyDeps {
  hubUrl: string;
  requireUser: MiddlewareHandler<{ Variables: OrbitVariables }>;
  /** The user's own hub access token (`session.required` when there is none any more). */
  userAccessToken: (user: OrbitUser) => Promise<string>;
  /** Backoff of the stream's reconnections (tests shorten it). */
  retryMs?: number | undefined;
}

const sessionRequired = () => new AppError(401, 'session.required', 'Sign in again to continue.');
const serviceDisabled = () =>
  new AppError(503, 'service.disabled', 'Orbit does not let this service in right now.');

/** What the hub's refusal of a user's token means here: this service turned off, or the user must sign in again. */
async function refusal(response: Response): Promise<AppError> {
  const body = (await response.json().catch(() => undefined)) as
    | { error?: { code?: string; message?: string; details?: { reason?: string } } }
    | undefined;
  if (response.status === 401) {
    return body?.error?.details?.reason === 'client_disabled' ? serviceDisabled() : sessionRequired();
  }
  if (response.status >= 400 && response.status < 500 && body?.error?.code) {
    return new AppError(
      response.status as ContentfulStatusCode,
      body.error.code,
      body.error.message ?? 'The hub refused the request.',
    );
  }
  return hubUnavailable(new Error(`the hub answered ${response.status}`));
}

/** Waits `ms`, or less when `signal` aborts. */
const pause = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });

/**
 * `GET /orbit/notifications` (the latest few and the unread count), `POST /orbit/notifications/read` (`{ ids }` or
 * `{ all: true }`) and `GET /orbit/notifications/stream` (the unread count, live: Server-Sent Events).
 *
 * The stream follows the hub's: when that ends (the user's token expired, the hub restarted or stopped) or fails,
 * it is opened again — at once after a clean end, after a pause that doubles up to 30 s after a failure — and its
 * first event brings the count up to date. It ends when the browser goes (the hub's is closed with it) or when the
 * user's session can't reach the hub any more.
 */
export function bellProxy(deps: BellProxyDeps) {
  const hubUrl = deps.hubUrl.replace(/\/+$/, '');
  const retryMs = deps.retryMs ?? BELL_RETRY_MS;

  /** One call to the hub's user API for this user; its error answered as this service's. */
  async function toHub(user: OrbitUser, path: string, init: RequestInit = {}): Promise<unknown> {
    const token = await deps.userAccessToken(user);
    let response: Response;
    try {
      response = await fetch(`${hubUrl}${path}`, {
        ...init,
        headers: {
          accept: 'application/json',
          ...(init.body ? { 'content-type': 'application/json' } : {}),
          authorization: `Bearer ${token}`,
        },
        redirect: 'manual',
        signal: AbortSignal.timeout(HUB_TIMEOUT_MS),
      });
    } catch (error) {
      throw hubUnavailable(error);
    }
    if (!response.ok) throw await refusal(response);
    return response.json();
  }

  async function followHub(c: Context<{ Variables: OrbitVariables }>) {
    const user = c.get('user');
    // Fails before the stream starts when the session has no tokens: the page gets a 401, not an empty stream.
    await deps.userAccessToken(user);
    c.header('Cache-Control', 'no-store');
    return streamSSE(c, async (stream) => {
      const gone = new AbortController();
      stream.onAbort(() => gone.abort());
      let wait = retryMs;
      while (!gone.signal.aborted) {
        let failed = true;
        const opened = Date.now();
        try {
          const token = await deps.userAccessToken(user);
          const upstream = await fetch(`${hubUrl}${notificationsApi.userStream.path}`, {
            headers: { accept: 'text/event-stream', authorization: `Bearer ${token}` },
            redirect: 'manual',
            signal: gone.signal,
          });
          if (upstream.status === 401 || upstream.status === 403) {
            await upstream.body?.cancel();
            return; // the session can't reach the hub any more: the page's next request says so
          }
          if (!upstream.ok || !upstream.body) {
            await upstream.body?.cancel();
            throw new Error(`the hub answered ${upstream.status}`);
          }
          wait = retryMs;
          // Whole events only, so a stream cut mid-event never sends half of one.
          let buffered = '';
          for await (const chunk of upstream.body.pipeThrough(new TextDecoderStream())) {
            buffered += chunk;
            const end = buffered.lastIndexOf('\n\n');
            if (end < 0) continue;
            await stream.write(buffered.slice(0, end + 2));
            buffered = buffered.slice(end + 2);
          }
          // The hub ended it (the token's expiry, a restart): follow it again at once — unless it ends as soon as
          // it opens, which is a failure to wait out like any other.
          failed = Date.now() - opened < retryMs;
        } catch (error) {
          if (gone.signal.aborted) return;
          if (error instanceof AppError && error.status === 401) return;
        }
        if (failed) {
          await pause(wait, gone.signal);
          wait = Math.min(wait * 2, BELL_RETRY_MAX_MS);
        }
      }
    });
  }

  return new Hono<{ Variables: OrbitVariables }>()
    .get(SHELL_PATHS.notifications, deps.requireUser, async (c) => {
      const query = shellBellQuery.safeParse({ limit: c.req.query('limit') });
      if (!query.success) {
        throw new AppError(400, 'request.invalid', 'limit is a whole number from 1 to 20.', {
          fields: [{ path: 'limit', message: 'from 1 to 20' }],
        });
      }
      const page = await toHub(c.get('user'), `${notificationsApi.userList.path}?limit=${query.data.limit}`);
      c.header('Cache-Control', 'no-store');
      return c.json(page as object);
    })
    .post(SHELL_PATHS.notificationsRead, deps.requireUser, async (c) => {
      const body = await readJson(c, markReadBody);
      const answer = await toHub(c.get('user'), notificationsApi.userMarkRead.path, {
        method: 'POST',
        body: JSON.stringify(body),
      });
      c.header('Cache-Control', 'no-store');
      return c.json(answer as object);
    })
    .get(SHELL_PATHS.notificationsStream, deps.requireUser, followHub);
}
