import { hubEndpoints } from '@orbit/contracts';
import { declaredBodyFields, fuzzCases, problemWith, routesOf } from '@orbit/http/route-fuzz';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csrfTokenFor } from '../kernel/guards.js';
import { newStaff } from '../test/admin.js';
import { GOOD_PASSWORD, uniqueHandle } from '../test/client.js';
import { startTestHub, type TestHub } from '../test/hub.js';

/**
 * The whole route table of the real hub, walked with hostile input (NUL bytes, lone surrogates, 1 MiB strings,
 * deep nesting, wrong types; in paths, queries and bodies), anonymously, signed in and as an admin: no answer may
 * be a 5xx, and every 4xx says why in the error shape (the OAuth shape or the hub's error page on /oidc).
 */
describe('the hub’s route table under hostile input', () => {
  let hub: TestHub;
  const accountIds: Record<'user' | 'admin', string> = { user: '', admin: '' };

  beforeAll(async () => {
    hub = await startTestHub();
    const user = await hub.services.accounts.create({
      handle: uniqueHandle('user'),
      displayName: 'Fuzz user',
      password: GOOD_PASSWORD,
    });
    accountIds.user = user.id;
    // An admin with a passkey, so hostile input to admin writes gets past the staff step-up to the handlers.
    accountIds.admin = (await newStaff(hub, ['admin'], { displayName: 'Fuzz admin' })).account.id;
  });
  afterAll(async () => {
    await hub.close();
  });

  /** A fresh session's headers (a route may end the session it is called with, or the account). */
  async function signedIn(role: 'user' | 'admin'): Promise<Record<string, string>> {
    const { token } = await hub.services.sessions.start(
      accountIds[role],
      ['pwd'],
      { userAgent: 'route-table fuzz', ip: '203.0.113.77' },
      undefined,
      role === 'admin' ? { passkeyAt: hub.clock.now() } : {},
    );
    return { cookie: `orbit_session=${token}`, 'x-csrf-token': csrfTokenFor(token) };
  }

  it('answers every route, every method and every hostile input with a 4xx in an error shape, never a 5xx', async () => {
    const routes = routesOf(hub.app);
    // A declared route gets its own body fields one at a time; an undeclared one (OIDC, pages) every field name.
    const fieldsOf = declaredBodyFields(hubEndpoints);
    expect(routes.length).toBeGreaterThan(50);
    const problems: string[] = [];
    const codes = new Set<string>();
    for (const route of routes) {
      // Signed in, each case goes once, as the caller the route is for: an admin for admin routes (where a user
      // meets the role check before any input is read), a user elsewhere (where an admin runs the same handler).
      const caller = route.path.includes('/admin/') ? 'admin' : 'user';
      const identities: Record<string, Record<string, string>> = {
        anonymous: {},
        [caller]: await signedIn(caller),
      };
      for (const fuzz of fuzzCases(route, {
        bodyFields: fieldsOf(route),
      })) {
        for (const [who, headers] of Object.entries(identities)) {
          // Anonymous callers mostly meet "sign in first": the NUL cases are enough to prove that path.
          if (who === 'anonymous' && (!fuzz.name.endsWith(':nul') || fuzz.name.includes(' field:'))) continue;
          const response = await hub.app.request(fuzz.url, {
            method: fuzz.method,
            headers: {
              origin: hub.config.issuer,
              'x-forwarded-for': '203.0.113.77',
              ...headers,
              ...fuzz.headers,
            },
            body: fuzz.body,
          });
          // An event stream (the bell's) answers 200 and stays open: nothing to read to its end.
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
    // The hostile input reached the routes' own validation behind sign-in, and the OAuth endpoints' checks.
    expect([...codes]).toEqual(
      expect.arrayContaining([
        'request.invalid_text',
        'request.invalid',
        'request.too_large',
        'invalid_request',
      ]),
    );
  }, 600_000);
});
