import { type Client, createClient } from '@orbit/contracts';
import type { TestBrowser } from './client.js';

/**
 * The typed client of `@orbit/contracts` on a test browser, with every answer parsed by its declared response
 * schema (`validateResponses`): a hub answer that drifted from its declaration fails the test that reads it. A
 * refusal throws with its status and body.
 */
export function contractClient(browser: TestBrowser, headers: Record<string, string> = {}): Client {
  return createClient({
    validateResponses: true,
    send: async (url, init) => {
      const body = typeof init.body === 'string' ? init.body : undefined;
      const reply = await browser.request(init.method ?? 'GET', url, undefined, {
        ...(body !== undefined ? { raw: body } : {}),
        headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      });
      if (reply.status >= 400)
        throw new Error(`${init.method} ${url}: ${reply.status} ${JSON.stringify(reply.body)}`);
      return reply.body;
    },
  });
}
