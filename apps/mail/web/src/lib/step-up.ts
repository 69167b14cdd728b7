import { safeReturnPath } from '@orbit/return-path';
import { ApiError } from '@orbit/ui/api';

/*
 * Confirming an action with a passkey (the SDK's `requireStepUp()`, apps/mail/API.md): the server refuses with
 * `401 step_up_required` and the URL that sends the browser to the hub and back. The page goes there with a
 * full page load and comes back to itself with a flag naming the action, which it then offers again — it never
 * does the action by itself, so a link carrying the flag can't make anyone empty their trash.
 */

/** The query parameter that names the action to offer again after a step-up. */
export const RESUME_PARAM = 'confirm';

/** The actions a page can come back to after a step-up. */
export type ResumableAction = 'empty-trash';
const RESUMABLE: readonly string[] = ['empty-trash'] satisfies ResumableAction[];

/**
 * Where to confirm a refused action with a passkey: the `step_up_required` answer's `details.location` (a path
 * on Mail), coming back to `returnTo`, in the UI's language. Null when `error` is anything else, or names no
 * path on this site.
 *
 * @example
 * stepUpLocation(error, '/trash?confirm=empty-trash', 'en');
 * // '/auth/login?return_to=%2Ftrash%3Fconfirm%3Dempty-trash&acr=urn%3Aorbit%3Aacr%3Apasskey&max_age=300&ui_locales=en'
 */
export function stepUpLocation(error: unknown, returnTo: string, language?: string): string | null {
  if (!(error instanceof ApiError) || error.code !== 'step_up_required') return null;
  const details = error.details;
  const location =
    typeof details === 'object' && details !== null && 'location' in details ? details.location : undefined;
  const local = typeof location === 'string' ? safeReturnPath(location, '') : '';
  if (!local) return null;
  const url = new URL(local, 'http://mail.invalid');
  url.searchParams.set('return_to', safeReturnPath(returnTo, '/'));
  if (language) url.searchParams.set('ui_locales', language);
  return `${url.pathname}${url.search}`;
}

/** `path` with the flag that offers `action` again once the browser is back. */
export function resumePath(path: string, action: ResumableAction): string {
  const url = new URL(path, 'http://mail.invalid');
  url.searchParams.set(RESUME_PARAM, action);
  return `${url.pathname}${url.search}`;
}

/** Reads the resume flag from a page's query string, and the query string without it (for the address bar). */
export function takeResumeFlag(search: string): { action: ResumableAction | null; search: string } {
  const params = new URLSearchParams(search);
  const value = params.get(RESUME_PARAM);
  if (value === null) return { action: null, search };
  params.delete(RESUME_PARAM);
  const rest = params.toString();
  return {
    action: RESUMABLE.includes(value) ? (value as ResumableAction) : null,
    search: rest ? `?${rest}` : '',
  };
}
