import { ApiError, NetworkError } from '@orbit/ui/api';
import { describe, expect, it } from 'vitest';
import { describeError, outcomeUnknown, type Translate, unknownRecipients } from './errors';

/** Shows which message was picked and with what, instead of translating. */
const t: Translate = (key, options) => (options ? `${key} ${JSON.stringify(options)}` : key);

const apiError = (status: number, code: string, details?: unknown, retryAfter?: number) =>
  new ApiError(status, code, 'server words', details, retryAfter);

describe('describeError', () => {
  it('lists the unknown recipients', () => {
    const error = apiError(400, 'mail.unknown_recipients', { unknown: ['nobody', '99999'] });
    expect(describeError(error, t)).toBe('errors.unknownRecipients {"count":2,"list":"nobody, 99999"}');
    expect(unknownRecipients(error)).toEqual(['nobody', '99999']);
  });

  it('names the attachment that is too large and the limit', () => {
    const error = apiError(413, 'mail.attachment_too_large', {
      filename: 'big.zip',
      limitBytes: 10 * 1024 ** 2,
    });
    expect(describeError(error, t)).toBe('errors.attachmentTooLarge {"filename":"big.zip","limit":"10 MB"}');
  });

  it('tells the sender their own mailbox is full', () => {
    const error = apiError(413, 'mail.quota_exceeded', { who: 'sender', limitBytes: 1024 ** 3 });
    expect(describeError(error, t)).toBe('errors.quotaSender {"limit":"1 GB"}');
  });

  it('names the recipients whose mailbox is full', () => {
    const error = apiError(413, 'mail.quota_exceeded', { who: ['ada'], limitBytes: 1024 });
    expect(describeError(error, t)).toBe('errors.quotaRecipients {"count":1,"list":"ada"}');
  });

  it('asks for a passkey confirmation the page could not go and get', () => {
    expect(describeError(apiError(401, 'step_up_required', { maxAgeSeconds: 300 }), t)).toBe(
      'errors.stepUpRequired',
    );
  });

  it('says how long to wait when sending too fast', () => {
    expect(describeError(apiError(429, 'mail.rate_limited', undefined, 30), t)).toBe(
      'errors.rateLimitedFor {"count":30}',
    );
    expect(describeError(apiError(429, 'mail.rate_limited'), t)).toBe('errors.rateLimited');
  });

  it('explains an ended session', () => {
    expect(describeError(apiError(401, 'session.required'), t)).toBe('errors.sessionRequired');
  });

  it('falls back to plain words for other errors, never the server’s', () => {
    expect(describeError(apiError(418, 'mail.teapot'), t)).toBe('errors.generic');
    expect(describeError(apiError(503, 'hub.unavailable'), t)).toBe('errors.server');
    expect(describeError(new NetworkError('offline'), t)).toBe('errors.network');
    expect(describeError(new TypeError('bug'), t)).toBe('errors.generic');
  });

  it('copes with details of the wrong shape', () => {
    expect(describeError(apiError(400, 'mail.unknown_recipients', 'nope'), t)).toBe(
      'errors.unknownRecipientsAny',
    );
    expect(describeError(apiError(413, 'mail.quota_exceeded', null), t)).toBe('errors.quotaAny');
  });
});

describe('outcomeUnknown', () => {
  it('is true only when the send may have gone out', () => {
    expect(outcomeUnknown(new NetworkError('offline'))).toBe(true);
    expect(outcomeUnknown(apiError(502, 'http.502'))).toBe(true);
    expect(outcomeUnknown(apiError(400, 'mail.unknown_recipients'))).toBe(false);
    expect(outcomeUnknown(apiError(429, 'mail.rate_limited'))).toBe(false);
  });
});
