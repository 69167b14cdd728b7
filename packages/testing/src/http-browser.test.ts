import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchSite, formOrigin, HttpBrowser, parseReferrerPolicy, referrerFor } from './http-browser.js';
import { type ServedApp, serveApp } from './serve.js';

/**
 * A server that answers every request with the headers it received, and serves pages with the referrer policy
 * `?policy=` names, so the tests see what the browser stand-in really sent.
 */
let server: ServedApp;
let other: ServedApp;
const seen: { url: string; method: string; headers: Record<string, string> }[] = [];

const echo = async (request: Request) => {
  const url = new URL(request.url);
  seen.push({ url: url.pathname, method: request.method, headers: Object.fromEntries(request.headers) });
  if (url.pathname === '/set') {
    const headers = new Headers();
    headers.append('set-cookie', 'lax=1; Path=/; SameSite=Lax');
    headers.append('set-cookie', 'strict=1; Path=/; SameSite=Strict');
    headers.append('set-cookie', 'plain=1; Path=/');
    return new Response('ok', { headers });
  }
  if (url.pathname === '/form') {
    return new Response('<form method="post" action="/post"></form>', {
      headers: { 'referrer-policy': url.searchParams.get('policy') ?? '' },
    });
  }
  if (url.pathname === '/post') return new Response(null, { status: 302, headers: { location: '/done' } });
  return new Response('done');
};

beforeAll(async () => {
  [server, other] = await Promise.all([serveApp(echo), serveApp(echo)]);
});
afterAll(async () => {
  await server?.close();
  await other?.close();
});

const last = (path: string) => {
  const found = seen.filter((request) => request.url === path).at(-1);
  if (!found) throw new Error(`no request to ${path}`);
  return found;
};

describe('HttpBrowser sends what Chromium sends', () => {
  it('posts a form under no-referrer with Origin: null, Sec-Fetch-Site same-origin and no Referer', async () => {
    const browser = new HttpBrowser();
    await browser.navigate(`${server.url}/form?policy=no-referrer`);
    expect(browser.page?.referrerPolicy).toBe('no-referrer');
    const done = await browser.submit('/post', { a: '1' });
    expect(done.url).toBe(`${server.url}/done`);
    const post = last('/post');
    expect(post.method).toBe('POST');
    expect(post.headers).toMatchObject({
      origin: 'null',
      'sec-fetch-site': 'same-origin',
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(post.headers.referer).toBeUndefined();
    // The 302 continues as a GET, which carries no Origin.
    expect(last('/done').method).toBe('GET');
    expect(last('/done').headers.origin).toBeUndefined();
  });

  it('keeps the origin and the referrer under the default policy and same-origin', async () => {
    const browser = new HttpBrowser();
    for (const policy of ['', 'same-origin', 'unknown-policy, strict-origin-when-cross-origin']) {
      const form = `${server.url}/form?policy=${encodeURIComponent(policy)}`;
      await browser.navigate(form);
      await browser.submit('/post');
      expect(last('/post').headers.origin, policy).toBe(server.url);
      expect(last('/post').headers.referer, policy).toBe(form);
    }
  });

  it('sends Sec-Fetch-Site none for what the user typed, and same-origin for a script’s API call', async () => {
    const browser = new HttpBrowser();
    await browser.navigate(`${server.url}/typed`);
    expect(last('/typed').headers['sec-fetch-site']).toBe('none');
    await browser.fetch(`${server.url}/api`, { method: 'POST', body: '{}' });
    expect(last('/api').headers).toMatchObject({ origin: server.url, 'sec-fetch-site': 'same-origin' });
  });

  it('holds SameSite cookies back from cross-site requests, and sends them across ports (same site)', async () => {
    const browser = new HttpBrowser();
    await browser.navigate(`${server.url}/set`);
    const cookies = () => last('/c').headers.cookie ?? '';

    await browser.fetch(`${server.url}/c`, { method: 'POST', fromOrigin: other.url });
    expect(last('/c').headers['sec-fetch-site']).toBe('same-site');
    expect(cookies()).toBe('lax=1; strict=1; plain=1');

    browser.page = { url: 'https://evil.example/', referrerPolicy: 'no-referrer' };
    await browser.submit(`${server.url}/c`);
    expect(last('/c').headers['sec-fetch-site']).toBe('cross-site');
    expect(last('/c').headers.origin).toBe('null');
    expect(cookies()).toBe('');

    browser.page = { url: 'https://evil.example/', referrerPolicy: 'strict-origin-when-cross-origin' };
    await browser.click(`${server.url}/c`);
    expect(last('/c').headers.referer).toBe('https://evil.example/'); // localhost counts as secure
    // A top-level GET from another site carries Lax cookies (and those without SameSite), never Strict ones.
    expect(cookies()).toBe('lax=1; plain=1');
  });

  it('can be an older browser without Fetch Metadata', async () => {
    const browser = new HttpBrowser({ fetchMetadata: false });
    await browser.navigate(`${server.url}/form?policy=no-referrer`);
    await browser.submit('/post');
    expect(last('/post').headers.origin).toBe('null');
    expect(last('/post').headers['sec-fetch-site']).toBeUndefined();
  });
});

describe('the rules it follows', () => {
  const page = (url: string, policy: string) => ({ url, referrerPolicy: parseReferrerPolicy(policy) });

  it('serializes the Origin of a form post per referrer policy', () => {
    expect(formOrigin(page('https://a.example/x', 'no-referrer'), 'https://a.example/y')).toBe('null');
    expect(formOrigin(page('https://a.example/x', 'same-origin'), 'https://b.example/y')).toBe('null');
    expect(formOrigin(page('https://a.example/x', 'same-origin'), 'https://a.example/y')).toBe(
      'https://a.example',
    );
    expect(formOrigin(page('https://a.example/x', ''), 'http://b.example/')).toBe('null');
    expect(formOrigin(page('https://a.example/x', ''), 'http://localhost:1/')).toBe('https://a.example');
    expect(formOrigin(page('http://a.example/x', 'origin'), 'https://b.example/')).toBe('http://a.example');
  });

  it('computes the Referer per referrer policy', () => {
    const from = 'https://a.example/page?q=1#frag';
    expect(referrerFor(page(from, ''), 'https://a.example/z')).toBe('https://a.example/page?q=1');
    expect(referrerFor(page(from, ''), 'https://b.example/z')).toBe('https://a.example/');
    expect(referrerFor(page(from, 'origin'), 'https://a.example/z')).toBe('https://a.example/');
    expect(referrerFor(page(from, 'same-origin'), 'https://b.example/z')).toBeUndefined();
    expect(referrerFor(page(from, 'no-referrer-when-downgrade'), 'http://b.example/')).toBeUndefined();
    expect(referrerFor(page(from, 'unsafe-url'), 'http://b.example/')).toBe('https://a.example/page?q=1');
  });

  it('tells same-origin, same-site and cross-site apart over a redirect chain', () => {
    expect(fetchSite(undefined, ['http://localhost:1/'])).toBe('none');
    expect(fetchSite('http://localhost:1', ['http://localhost:1/a'])).toBe('same-origin');
    expect(fetchSite('http://localhost:1', ['http://localhost:1/a', 'http://localhost:2/b'])).toBe(
      'same-site',
    );
    expect(fetchSite('https://mail.orbit.example', ['https://news.orbit.example/'])).toBe('same-site');
    expect(fetchSite('https://a.example', ['https://a.example/', 'https://b.example/'])).toBe('cross-site');
    expect(fetchSite('http://a.example', ['https://a.example/'])).toBe('cross-site');
    expect(fetchSite('null', ['http://localhost:1/'])).toBe('cross-site');
    expect(fetchSite('http://localhost:1', ['http://127.0.0.1:1/'])).toBe('cross-site');
  });
});
