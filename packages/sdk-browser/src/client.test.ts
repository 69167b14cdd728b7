import { ApiError, NetworkError } from '@orbit/ui/api';
import { describe, expect, it } from 'vitest';
import { createOrbitClient, isLeavingPage, type PageLocation } from './client';
import { RESUME_PARAM, STASH_TTL_MS } from './stash';

/** An in-memory `sessionStorage`. */
function memoryStorage() {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
  };
}

/** A page at `url` that records where it was sent; `assign` moves it (as a redirect chain would end up). */
function page(url: string) {
  const visits: string[] = [];
  let current = new URL(url, 'http://svc.test');
  const location: PageLocation = {
    get pathname() {
      return current.pathname;
    },
    get search() {
      return current.search;
    },
    get hash() {
      return current.hash;
    },
    assign: (to: string) => void visits.push(to),
  };
  return {
    location,
    visits,
    go: (to: string) => {
      current = new URL(to, 'http://svc.test');
    },
    replaceUrl: (to: string) => {
      current = new URL(to, 'http://svc.test');
    },
    get url() {
      return `${current.pathname}${current.search}${current.hash}`;
    },
  };
}

type Call = { method: string; path: string; body: string | undefined };
const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

/** A server that answers from a list, in order, and records each request. */
function server(...answers: (() => Response)[]) {
  const calls: Call[] = [];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    calls.push({
      method: init?.method ?? 'GET',
      path: String(input),
      body: init?.body as string | undefined,
    });
    const next = answers.shift();
    if (!next) throw new TypeError('Failed to fetch');
    return next();
  }) as typeof globalThis.fetch;
  return { calls, fetch };
}

const stepUpRequired = () =>
  json(401, {
    error: {
      code: 'step_up_required',
      message: 'Confirm this action with your passkey.',
      details: {
        location: '/auth/login?return_to=%2F&acr=urn%3Aorbit%3Aacr%3Apasskey&max_age=300',
        maxAgeSeconds: 300,
      },
    },
  });
const sessionRequired = () =>
  json(401, { error: { code: 'session.required', message: 'Sign in to continue.' } });

describe('createOrbitClient', () => {
  it('sends JSON to its own server and reads JSON back', async () => {
    const net = server(() => json(201, { saved: true }));
    const client = createOrbitClient({ fetch: net.fetch, storage: null, location: page('/').location });
    expect(await client.post('/api/notes', { text: 'hi' })).toEqual({ saved: true });
    expect(net.calls).toEqual([{ method: 'POST', path: '/api/notes', body: '{"text":"hi"}' }]);
  });

  it('turns error answers into ApiError and no answer into NetworkError', async () => {
    const net = server(() =>
      json(429, { error: { code: 'mail.rate_limited', message: 'Slow.' } }, { 'Retry-After': '7' }),
    );
    const client = createOrbitClient({
      fetch: net.fetch,
      storage: null,
      server: 'Mail',
      location: page('/').location,
    });
    const refused = await client.get('/api/x').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ApiError);
    expect(refused).toMatchObject({ status: 429, code: 'mail.rate_limited', retryAfterSeconds: 7 });
    const lost = await client.get('/api/x').catch((e: unknown) => e);
    expect(lost).toBeInstanceOf(NetworkError);
    expect((lost as Error).message).toBe('Mail could not be reached.');
  });

  it('answers session.required with the sign-in round trip, back to the same page, in the page’s language', async () => {
    const p = page('/inbox?q=hello');
    const left: string[] = [];
    const client = createOrbitClient({
      fetch: server(sessionRequired).fetch,
      storage: memoryStorage(),
      location: p.location,
      language: () => 'zh-CN',
    });
    client.onLeave((reason) => left.push(reason));
    const error = await client.get('/api/me').catch((e: unknown) => e);
    expect(isLeavingPage(error)).toBe(true);
    expect(left).toEqual(['signIn']);
    expect(p.visits).toEqual(['/auth/login?return_to=%2Finbox%3Fq%3Dhello&ui_locales=zh-CN']);
  });

  it('only ever comes back to a path on this site', () => {
    const client = createOrbitClient({ fetch: server().fetch, storage: null, location: page('/').location });
    expect(client.loginUrl('/inbox/abc?q=x')).toBe('/auth/login?return_to=%2Finbox%2Fabc%3Fq%3Dx');
    for (const returnTo of [
      'https://evil.example',
      '//evil.example',
      '/a/..//evil.example/x',
      '/\tjavascript:x',
    ]) {
      expect(client.loginUrl(returnTo), returnTo).toBe('/auth/login?return_to=%2F');
    }
  });

  it('does not loop: a sign-in that came back without a session moments ago throws instead', async () => {
    let clock = 1_000_000;
    const storage = memoryStorage();
    const p = page('/');
    const client = createOrbitClient({
      fetch: server(sessionRequired, sessionRequired, () => json(200, { ok: 1 }), sessionRequired).fetch,
      storage,
      location: p.location,
      now: () => clock,
    });
    expect(isLeavingPage(await client.get('/api/me').catch((e: unknown) => e))).toBe(true);
    const second = await client.get('/api/me').catch((e: unknown) => e);
    expect(second).toMatchObject({ code: 'session.required' });
    expect(p.visits).toHaveLength(1);
    // A session that works clears the guard: a later expiry signs in again.
    await client.get('/api/ok');
    clock += 5_000;
    expect(isLeavingPage(await client.get('/api/me').catch((e: unknown) => e))).toBe(true);
    expect(p.visits).toHaveLength(2);
  });

  it('answers step_up_required with the step-up round trip, then sends the request again once back', async () => {
    const storage = memoryStorage();
    const p = page('/trash');
    const net = server(stepUpRequired, () => json(200, { deleted: 3 }));
    const client = createOrbitClient({
      fetch: net.fetch,
      storage,
      location: p.location,
      replaceUrl: p.replaceUrl,
      language: () => 'en',
    });
    const left = await client
      .post('/api/trash/empty', { all: true }, { stepUp: { tag: 'empty-trash' } })
      .catch((e: unknown) => e);
    expect(isLeavingPage(left)).toBe(true);
    const to = new URL(p.visits[0] ?? '', 'http://svc.test');
    expect(to.pathname).toBe('/auth/login');
    expect(to.searchParams.get('acr')).toBe('urn:orbit:acr:passkey');
    expect(to.searchParams.get('max_age')).toBe('300');
    expect(to.searchParams.get('ui_locales')).toBe('en');
    const back = to.searchParams.get('return_to') ?? '';
    expect(back).toMatch(new RegExp(`^/trash\\?${RESUME_PARAM}=[0-9a-f]{32}$`));

    // The hub sends the browser back; the page loads again and resumes.
    p.go(back);
    expect(client.resuming()).toBe(true);
    const resumed = await client.resume();
    expect(resumed).toEqual({
      tag: 'empty-trash',
      method: 'POST',
      path: '/api/trash/empty',
      result: { deleted: 3 },
    });
    expect(net.calls[1]).toEqual({ method: 'POST', path: '/api/trash/empty', body: '{"all":true}' });
    expect(p.url).toBe('/trash');
    // Once only.
    p.go(back);
    expect(await client.resume()).toBeNull();
    expect(net.calls).toHaveLength(2);
  });

  it('never resumes a request another tab stashed, a made-up id, or one left for too long', async () => {
    let clock = 0;
    const storage = memoryStorage();
    const p = page('/trash');
    const net = server(stepUpRequired, () => json(200, {}));
    const client = createOrbitClient({
      fetch: net.fetch,
      storage,
      location: p.location,
      replaceUrl: p.replaceUrl,
      now: () => clock,
    });
    await client.post('/api/trash/empty').catch(() => undefined);
    const back = new URL(p.visits[0] ?? '', 'http://svc.test').searchParams.get('return_to') ?? '';

    // A link with the same marker opened in another tab: that tab's storage holds nothing.
    const other = page(back);
    const elsewhere = createOrbitClient({
      fetch: net.fetch,
      storage: memoryStorage(),
      location: other.location,
      replaceUrl: other.replaceUrl,
    });
    expect(await elsewhere.resume()).toBeNull();
    expect(other.url).toBe('/trash');

    p.go(`/trash?${RESUME_PARAM}=${'0'.repeat(32)}`);
    expect(await client.resume()).toBeNull();

    clock += STASH_TTL_MS + 1;
    p.go(back);
    expect(await client.resume()).toBeNull();
    expect(net.calls).toHaveLength(1);
  });

  it('throws a second step_up_required on resume instead of going round again', async () => {
    const storage = memoryStorage();
    const p = page('/');
    const net = server(stepUpRequired, stepUpRequired);
    const client = createOrbitClient({
      fetch: net.fetch,
      storage,
      location: p.location,
      replaceUrl: p.replaceUrl,
    });
    await client.post('/api/danger').catch(() => undefined);
    p.go(new URL(p.visits[0] ?? '', 'http://svc.test').searchParams.get('return_to') ?? '');
    await expect(client.resume()).rejects.toMatchObject({ code: 'step_up_required' });
    expect(p.visits).toHaveLength(1);
  });

  it('throws step_up_required as it is with stepUp: false, or when its location is not on this site', async () => {
    const p = page('/');
    const offsite = () =>
      json(401, {
        error: { code: 'step_up_required', message: 'x', details: { location: 'https://evil.example/' } },
      });
    const storage = memoryStorage();
    const client = createOrbitClient({
      fetch: server(stepUpRequired, offsite).fetch,
      storage,
      location: p.location,
    });
    await expect(client.post('/api/danger', undefined, { stepUp: false })).rejects.toMatchObject({
      code: 'step_up_required',
    });
    await expect(client.post('/api/danger')).rejects.toMatchObject({ code: 'step_up_required' });
    expect(p.visits).toEqual([]);
    expect(storage.items.size).toBe(0);
  });
});
