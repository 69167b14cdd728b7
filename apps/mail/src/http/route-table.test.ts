import { declaredBodyFields, fuzzCases, problemWith, routesOf } from '@orbit/http/route-fuzz';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailEndpoints } from '../contracts.js';
import { type MailPlatform, startMailPlatform } from '../test/platform.js';

/**
 * Mail's whole route table (its API, the SDK's sign-in routes, its pages), walked with hostile input (NUL bytes,
 * lone surrogates, 1 MiB strings, deep nesting, wrong types; in paths, queries and bodies), anonymously and
 * signed in through the real hub: no answer may be a 5xx, and every 4xx says why in an error shape.
 */
describe('Mail’s route table under hostile input', () => {
  let p: MailPlatform;
  beforeAll(async () => {
    p = await startMailPlatform();
  });
  afterAll(async () => {
    await p?.close();
  });

  it('answers every route, every method and every hostile input with a 4xx in an error shape, never a 5xx', async () => {
    const routes = routesOf(p.app.app);
    expect(routes.length).toBeGreaterThan(15);
    // A declared route gets its own body fields one at a time; an undeclared one (the SDK's) every field name.
    const fieldsOf = declaredBodyFields(mailEndpoints);
    const problems: string[] = [];
    const codes = new Set<string>();
    for (const route of routes) {
      // A fresh person for each route: a route may sign its caller out.
      const { browser } = await p.person('Fuzz');
      const cookie = [...browser.cookies(p.mail.url)].map(([name, value]) => `${name}=${value}`).join('; ');
      const identities: Record<string, Record<string, string>> = { anonymous: {}, user: { cookie } };
      for (const fuzz of fuzzCases(route, {
        bodyFields: fieldsOf(route),
      })) {
        for (const [who, headers] of Object.entries(identities)) {
          const response = await p.app.app.request(new URL(fuzz.url, p.mail.url).href, {
            method: fuzz.method,
            headers: {
              origin: new URL(p.mail.url).origin,
              'idempotency-key': crypto.randomUUID(),
              ...headers,
              ...fuzz.headers,
            },
            body: fuzz.body,
          });
          // An event stream (the shell's bell) answers 200 and stays open: nothing to read to its end.
          if (response.headers.get('content-type')?.startsWith('text/event-stream')) {
            await response.body?.cancel();
            continue;
          }
          const problem = await problemWith(response.clone());
          if (problem) problems.push(`${fuzz.name} (${who}): ${problem}`);
          if (response.status >= 400 && response.headers.get('content-type')?.includes('json')) {
            const body = (await response.json()) as { error?: { code?: string } | string };
            codes.add(typeof body.error === 'string' ? body.error : (body.error?.code ?? ''));
          }
        }
      }
    }
    expect(problems).toEqual([]);
    // The hostile input reached Mail's own validation behind sign-in.
    expect([...codes]).toEqual(expect.arrayContaining(['request.invalid_text', 'request.invalid']));
  }, 600_000);

  it('refuses a NUL or a lone surrogate in an otherwise good draft or message with 400', async () => {
    const alice = await p.person('Alice');
    const bob = await p.person('Bob');
    const to = JSON.stringify([bob.account.handle]);
    // JSON escapes, so the body is valid JSON carrying the bad text.
    const bodies = ['\\u0000', 'a\\u0000b', '\\ud800'].flatMap((bad) => [
      `{"to":${to},"subject":"${bad}","bodyText":"Hello"}`,
      `{"to":${to},"subject":"Hi","bodyText":"${bad}"}`,
      `{"to":${to},"subject":"Hi","bodyHtml":"<p>${bad}</p>"}`,
      `{"to":["${bad}"],"subject":"Hi","bodyText":"Hello"}`,
      `{"to":${to},"subject":"Hi","attachments":[{"filename":"a${bad}.txt","contentType":"text/plain","dataBase64":"aGk="}]}`,
    ]);
    for (const raw of bodies) {
      for (const path of ['/drafts', '/send']) {
        const res = await alice.browser.fetch(`${p.mail.url}/api${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
          body: raw,
        });
        expect(res.status, `${path} ${raw}`).toBe(400);
        expect(((await res.json()) as { error: { code: string } }).error.code).toBe('request.invalid_text');
      }
    }
  });
});
