import { createInstance } from 'i18next';
import { describe, expect, it } from 'vitest';
import { describeError, messagesOf } from '../i18n/error-messages';
import { resources } from '../i18n/resources';
import { type CeremonyFailure, ceremonyFailure, isAborted, PasskeyCeremonyError } from './ceremony-error';

/** What @simplewebauthn/browser throws: a `WebAuthnError` named after the DOM error, with its own code. */
const webAuthnError = (name: string, code: string) => Object.assign(new Error('x'), { name, code });
const domError = (name: string) => Object.assign(new Error('x'), { name });

describe('ceremonyFailure', () => {
  it('reads a closed or timed-out prompt as cancelled', () => {
    expect(ceremonyFailure(webAuthnError('NotAllowedError', 'ERROR_PASSTHROUGH_SEE_CAUSE_PROPERTY'))).toBe(
      'cancelled',
    );
    expect(ceremonyFailure(domError('NotAllowedError'))).toBe('cancelled');
  });

  it('tells an aborted ceremony, an authenticator already registered and a wrong address apart', () => {
    expect(ceremonyFailure(webAuthnError('AbortError', 'ERROR_CEREMONY_ABORTED'))).toBe('aborted');
    expect(
      ceremonyFailure(webAuthnError('InvalidStateError', 'ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED')),
    ).toBe('already_registered');
    expect(ceremonyFailure(webAuthnError('SecurityError', 'ERROR_INVALID_RP_ID'))).toBe('security');
    expect(ceremonyFailure(webAuthnError('NotSupportedError', 'ERROR_MALFORMED_PUBKEYCREDPARAMS'))).toBe(
      'unsupported',
    );
  });

  it('calls anything else a failure', () => {
    for (const error of [
      new Error('boom'),
      'text',
      null,
      undefined,
      domError('UnknownError'),
      { code: 'toString' },
    ]) {
      expect(ceremonyFailure(error)).toBe('failed');
    }
  });

  it('keeps the reason of its own error', () => {
    expect(ceremonyFailure(new PasskeyCeremonyError('unsupported'))).toBe('unsupported');
    expect(isAborted(new PasskeyCeremonyError('aborted'))).toBe(true);
    expect(isAborted(new PasskeyCeremonyError('cancelled'))).toBe(false);
  });
});

describe('a ceremony failure shown to the reader', () => {
  it('has its own message in both languages', async () => {
    const reasons: CeremonyFailure[] = [
      'cancelled',
      'aborted',
      'already_registered',
      'unsupported',
      'security',
      'failed',
    ];
    for (const lng of ['en', 'zh-CN'] as const) {
      const i18n = createInstance();
      await i18n.init({ resources, lng, interpolation: { escapeValue: false } });
      const m = messagesOf(i18n);
      const texts = reasons.map((reason) => describeError(new PasskeyCeremonyError(reason), m));
      expect(new Set(texts).size, lng).toBe(reasons.length);
      expect(texts).not.toContain(m.t('errors.generic'));
    }
    const i18n = createInstance();
    await i18n.init({ resources, lng: 'en', interpolation: { escapeValue: false } });
    expect(describeError(new PasskeyCeremonyError('cancelled'), messagesOf(i18n))).toBe(
      'The passkey request was cancelled or timed out.',
    );
  });
});
