import { createOrbitClient, type OrbitRequestOptions } from '@orbit/sdk-browser';
import i18n from '../i18n';

/**
 * The one place that talks HTTP to the Mail server: the browser SDK's client (same-origin JSON with the
 * session cookie; errors as `ApiError` / `NetworkError` from `@orbit/ui/api`). It also answers the SDK's two
 * round trips: `session.required` sends the page to sign in again and back, `step_up_required` to confirm with
 * a passkey and back, where `orbit.resume()` sends the refused request again.
 */
export const orbit = createOrbitClient({ server: 'Mail', language: () => i18n.resolvedLanguage });

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface RequestOptions {
  json?: unknown;
  headers?: Record<string, string>;
  /** What a `step_up_required` answer does (`OrbitRequestOptions.stepUp`); by default it is thrown. */
  stepUp?: OrbitRequestOptions['stepUp'];
}

export function request<T>(method: Method, path: string, options: RequestOptions = {}): Promise<T> {
  return orbit.request<T>(method, path, {
    ...(options.json !== undefined ? { json: options.json } : {}),
    ...(options.headers ? { headers: options.headers } : {}),
    // Only the actions that ask for it go to confirm with a passkey; anything else is shown as an error.
    stepUp: options.stepUp ?? false,
  });
}
