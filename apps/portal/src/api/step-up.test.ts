import { ApiError } from '@orbit/ui/api';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { onPasskeyRequired, onStepUpRequired, request } from './client';
import {
  isPasskeyRequired,
  isStepUpRequired,
  retryAfterStepUp,
  type StepUpHandler,
  sharedStepUp,
} from './step-up';

const stepUpRequired = () =>
  new ApiError(401, 'step_up_required', 'Confirm this action with your passkey.', { maxAgeSeconds: 300 });

/** An attempt that answers each of `outcomes` in turn (an Error is thrown), counting its calls. */
function attempts<T>(...outcomes: (T | Error)[]) {
  let calls = 0;
  const attempt = async (): Promise<T> => {
    const outcome = outcomes[Math.min(calls++, outcomes.length - 1)] as T | Error;
    if (outcome instanceof Error) throw outcome;
    return outcome;
  };
  return { attempt, calls: () => calls };
}

const answering = (confirmed: boolean) => {
  const asked: ApiError[] = [];
  const handler: StepUpHandler = async (error) => {
    asked.push(error);
    return confirmed;
  };
  return { handler, asked };
};

describe('isStepUpRequired', () => {
  it('recognises only the 401 step_up_required answer', () => {
    expect(isStepUpRequired(stepUpRequired())).toBe(true);
    expect(isStepUpRequired(new ApiError(401, 'session.required', 'x'))).toBe(false);
    expect(isStepUpRequired(new ApiError(403, 'step_up_required', 'x'))).toBe(false);
    expect(isStepUpRequired(new Error('step_up_required'))).toBe(false);
  });
});

describe('isPasskeyRequired', () => {
  it('recognises only the 403 admin.passkey_required answer', () => {
    expect(isPasskeyRequired(new ApiError(403, 'admin.passkey_required', 'Add a passkey.'))).toBe(true);
    expect(isPasskeyRequired(new ApiError(403, 'auth.forbidden', 'x'))).toBe(false);
    expect(isPasskeyRequired(stepUpRequired())).toBe(false);
  });
});

describe('retryAfterStepUp', () => {
  it('answers as if nothing happened once the reader confirmed with a passkey', async () => {
    const { attempt, calls } = attempts<string>(stepUpRequired(), 'removed');
    const { handler, asked } = answering(true);
    await expect(retryAfterStepUp(attempt, handler)).resolves.toBe('removed');
    expect(calls()).toBe(2);
    expect(asked.map((e) => e.code)).toEqual(['step_up_required']);
  });

  it("rejects with the hub's error when the reader cancels, without sending again", async () => {
    const refusal = stepUpRequired();
    const { attempt, calls } = attempts<string>(refusal, 'removed');
    await expect(retryAfterStepUp(attempt, answering(false).handler)).rejects.toBe(refusal);
    expect(calls()).toBe(1);
  });

  it('retries only once, even if the hub refuses again', async () => {
    const { attempt, calls } = attempts<string>(stepUpRequired(), stepUpRequired());
    const { handler, asked } = answering(true);
    await expect(retryAfterStepUp(attempt, handler)).rejects.toMatchObject({ code: 'step_up_required' });
    expect(calls()).toBe(2);
    expect(asked).toHaveLength(1);
  });

  it('leaves other errors, and a missing handler, alone', async () => {
    const other = new ApiError(401, 'passkey.verification_failed', 'x');
    const { handler, asked } = answering(true);
    await expect(retryAfterStepUp(attempts(other).attempt, handler)).rejects.toBe(other);
    expect(asked).toHaveLength(0);
    const refusal = stepUpRequired();
    await expect(retryAfterStepUp(attempts(refusal).attempt, null)).rejects.toBe(refusal);
  });
});

describe('sharedStepUp', () => {
  it('asks once for requests refused together, and again for a later one', async () => {
    let resolve: (confirmed: boolean) => void = () => {};
    let asked = 0;
    const shared = sharedStepUp(() => {
      asked++;
      return new Promise<boolean>((r) => {
        resolve = r;
      });
    });
    const first = shared(stepUpRequired());
    const second = shared(stepUpRequired());
    resolve(true);
    expect(await Promise.all([first, second])).toEqual([true, true]);
    expect(asked).toBe(1);
    const third = shared(stepUpRequired());
    resolve(false);
    expect(await third).toBe(false);
    expect(asked).toBe(2);
  });
});

describe('request', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('sends the same request again after the step-up handler confirmed', async () => {
    const sent: { method: string; body: unknown }[] = [];
    const answers = [
      new Response(JSON.stringify({ error: { code: 'step_up_required', message: 'Confirm.' } }), {
        status: 401,
      }),
      new Response(null, { status: 204 }),
    ];
    vi.stubGlobal('fetch', async (_path: string, init: RequestInit) => {
      sent.push({ method: init.method ?? 'GET', body: init.body });
      return answers.shift();
    });
    const stop = onStepUpRequired(async () => true);
    try {
      await expect(request('POST', '/api/me/export', { json: { a: 1 } })).resolves.toBeUndefined();
    } finally {
      stop();
    }
    expect(sent).toEqual([
      { method: 'POST', body: '{"a":1}' },
      { method: 'POST', body: '{"a":1}' },
    ]);
  });

  it('tells the passkey-required listener, without sending again, and still fails the request', async () => {
    let sent = 0;
    vi.stubGlobal('fetch', async () => {
      sent++;
      return new Response(
        JSON.stringify({
          error: {
            code: 'admin.passkey_required',
            message: 'Add a passkey to your account before making admin changes.',
          },
        }),
        { status: 403 },
      );
    });
    let told = 0;
    const stopPasskey = onPasskeyRequired(() => told++);
    const stopStepUp = onStepUpRequired(async () => true);
    try {
      await expect(request('POST', '/api/admin/services/mail/disable')).rejects.toMatchObject({
        code: 'admin.passkey_required',
      });
    } finally {
      stopPasskey();
      stopStepUp();
    }
    expect(told).toBe(1);
    expect(sent).toBe(1);
  });
});
