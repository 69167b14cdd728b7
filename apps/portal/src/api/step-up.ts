import { ApiError } from '@orbit/ui/api';

/**
 * Asks the reader to confirm with their passkey (docs/passkeys.md, "Step-up"): resolves true once the session
 * made a fresh passkey assertion, false when the reader cancelled. It never rejects.
 */
export type StepUpHandler = (error: ApiError) => Promise<boolean>;

/** Whether the hub refused a sensitive action until the session confirms with a passkey. */
export function isStepUpRequired(error: unknown): error is ApiError {
  return error instanceof ApiError && error.status === 401 && error.code === 'step_up_required';
}

/**
 * Whether the hub refused a staff write because the staff account has no passkey yet: unlike a step-up, nothing
 * can confirm it in place; the reader has to add a passkey first (account center → Security).
 */
export function isPasskeyRequired(error: unknown): error is ApiError {
  return error instanceof ApiError && error.status === 403 && error.code === 'admin.passkey_required';
}

/**
 * Runs `attempt`; when the hub answers `step_up_required`, lets `stepUp` confirm with a passkey and runs it once
 * more. Without a handler, or when the reader cancels, it rejects with the hub's `step_up_required` error, so
 * the caller shows it like any other refusal. A second refusal after a step-up is not retried again.
 *
 * @example
 * await retryAfterStepUp(() => send('DELETE', '/api/me/passkeys/p1'), stepUpHandler);
 */
export async function retryAfterStepUp<T>(
  attempt: () => Promise<T>,
  stepUp: StepUpHandler | null,
): Promise<T> {
  try {
    return await attempt();
  } catch (error) {
    if (!isStepUpRequired(error) || !stepUp) throw error;
    if (!(await stepUp(error))) throw error;
    return attempt();
  }
}

/**
 * `handler`, shared by concurrent callers: requests refused together (a page loading two sensitive things)
 * wait for one step-up instead of opening one dialog each.
 */
export function sharedStepUp(handler: StepUpHandler): StepUpHandler {
  let inFlight: Promise<boolean> | null = null;
  return (error) => {
    if (!inFlight) {
      inFlight = handler(error).finally(() => {
        inFlight = null;
      });
    }
    return inFlight;
  };
}
