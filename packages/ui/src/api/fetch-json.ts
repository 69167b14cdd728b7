import { NetworkError, toApiError } from './errors';

/** What a UI may set on a request; cookies always go same-origin, as every Orbit UI talks to its own server. */
export type JsonRequest = Omit<RequestInit, 'credentials'>;

/**
 * Sends one request to the page's own server and reads the answer: the parsed JSON body of a 2xx (`undefined`
 * when it is empty or not JSON), an `ApiError` for any other status, a `NetworkError` when no whole answer
 * came. `server` names the other end in the `NetworkError`'s message ("the hub", "Mail").
 *
 * @example
 * const me = (await fetchJson('/api/me', { method: 'GET' }, 'Mail')) as Me;
 */
export async function fetchJson(
  path: string,
  init: JsonRequest,
  server: string,
  /** The network: the global `fetch` unless given (`@orbit/sdk-browser`'s tests give a fake). */
  send: typeof fetch = (input, options) => fetch(input, options),
): Promise<unknown> {
  let response: Response;
  try {
    response = await send(path, { ...init, credentials: 'same-origin' });
  } catch (cause) {
    const name = server.charAt(0).toUpperCase() + server.slice(1);
    throw new NetworkError(`${name} could not be reached.`, { cause });
  }

  const body = await readBody(response, server);
  if (!response.ok) throw toApiError(response.status, body, response.headers.get('Retry-After'));
  return body;
}

async function readBody(response: Response, server: string): Promise<unknown> {
  if (response.status === 204) return undefined;
  let text: string;
  try {
    text = await response.text();
  } catch (cause) {
    throw new NetworkError(`The answer from ${server} was cut off.`, { cause });
  }
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
