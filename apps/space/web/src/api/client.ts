import { createOrbitClient } from '@orbit/sdk-browser';
import { ApiError, NetworkError, toApiError } from '@orbit/ui/api';
import i18n from '../i18n';

/**
 * The one place that talks HTTP to the Space server: the browser SDK's client (same-origin JSON with the
 * session cookie; errors as `ApiError` / `NetworkError`). An ended session sends the page to sign in and back.
 */
export const orbit = createOrbitClient({ server: 'Space', language: () => i18n.resolvedLanguage });

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** A JSON request to Space's API; a step-up is never asked for here, so it is shown as an error. */
export function request<T>(method: Method, path: string, json?: unknown): Promise<T> {
  return orbit.request<T>(method, path, { ...(json !== undefined ? { json } : {}), stepUp: false });
}

/** A query string from the defined values only (`?` included; empty when there are none). */
export function query(params: Record<string, string | number | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** How far an upload has come: bytes sent of the total (the request's body, not only the file). */
export interface UploadProgress {
  loaded: number;
  total: number;
}

/**
 * Sends a multipart form with `XMLHttpRequest` — `fetch` has no upload progress — reporting progress as the
 * bytes go out, and answers the JSON reply. Errors come in the same shapes as the SDK's (`ApiError`,
 * `NetworkError`); a `session.required` answer sends the page to sign in again, as the SDK does.
 */
export function uploadForm<T>(
  path: string,
  form: FormData,
  onProgress: (progress: UploadProgress) => void,
  signal?: AbortSignal,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress({ loaded: event.loaded, total: event.total });
    };
    xhr.onerror = () => reject(new NetworkError('Space could not be reached.'));
    xhr.onabort = () => reject(new NetworkError('The upload was cancelled.'));
    xhr.onload = () => {
      let body: unknown;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        body = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve(body as T);
        return;
      }
      const error = toApiError(xhr.status, body, xhr.getResponseHeader('Retry-After'));
      if (error.code === 'session.required') {
        try {
          orbit.signIn();
        } catch (leaving) {
          reject(leaving);
          return;
        }
      }
      reject(error);
    };
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(form);
  });
}

export { ApiError, NetworkError };
