/**
 * Thrown by a handler to say retrying cannot help (the client is gone, the payload is invalid, …): the job
 * ends `failed` at once, whatever attempts it has left.
 */
export class PermanentJobError extends Error {
  override name = 'PermanentJobError';
}

/** True for a `PermanentJobError`, also one from another copy of this package. */
export function isPermanent(error: unknown): boolean {
  return error instanceof PermanentJobError || (error instanceof Error && error.name === 'PermanentJobError');
}

/** What `last_error` keeps of a thrown value. */
export function describeError(error: unknown): string {
  let text: string;
  if (error instanceof Error)
    text = error.name && error.name !== 'Error' ? `${error.name}: ${error.message}` : error.message;
  else if (typeof error === 'string') text = error;
  else {
    try {
      text = JSON.stringify(error) ?? String(error);
    } catch {
      text = String(error);
    }
  }
  return text.length > 4000 ? `${text.slice(0, 4000)}…` : text;
}
