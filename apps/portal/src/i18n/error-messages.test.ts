import { HUB_ERROR_CODES } from '@orbit/contracts';
import { ApiError, NetworkError, toApiError } from '@orbit/ui/api';
import { createInstance } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeError, describeFieldErrors, type Messages, messagesOf } from './error-messages';
import { resources } from './resources';

async function messagesIn(lng: 'en' | 'zh-CN'): Promise<Messages> {
  const i18n = createInstance();
  await i18n.init({ resources, lng, fallbackLng: 'en', interpolation: { escapeValue: false } });
  return messagesOf(i18n);
}

let en: Messages;
let zh: Messages;
beforeAll(async () => {
  en = await messagesIn('en');
  zh = await messagesIn('zh-CN');
});

describe('describeError', () => {
  it('translates known codes', () => {
    const error = new ApiError(401, 'auth.invalid_credentials', 'The account or password is not right.');
    expect(describeError(error, en)).toBe('The account or password is not right.');
    expect(describeError(error, zh)).toBe('账号或密码不正确。');
    expect(describeError(new ApiError(500, 'internal', 'Boom'), zh)).toBe('服务器出错了，请重试。');
  });

  it("falls back to the server's message for unknown codes", () => {
    expect(describeError(new ApiError(418, 'teapot.brewing', 'I am a teapot.'), zh)).toBe('I am a teapot.');
    // A code naming a group of messages, not a message, is unknown too.
    expect(describeError(new ApiError(400, 'errors', 'Odd.'), en)).toBe('Odd.');
    expect(describeError(new ApiError(400, 'auth', 'Odd.'), en)).toBe('Odd.');
  });

  it('says how long to wait after too many attempts', () => {
    const wait = (seconds?: number) => new ApiError(429, 'auth.too_many_attempts', 'Too many.', {}, seconds);
    expect(describeError(wait(30), en)).toBe('Too many attempts, try again in 30 seconds.');
    expect(describeError(wait(1), en)).toBe('Too many attempts, try again in 1 second.');
    expect(describeError(wait(60), en)).toBe('Too many attempts, try again in 1 minute.');
    expect(describeError(wait(61), en)).toBe('Too many attempts, try again in 2 minutes.');
    expect(describeError(wait(900), zh)).toBe('尝试次数过多，请 15 分钟后再试。');
    expect(describeError(wait(), en)).toBe('Too many attempts. Please wait a while, then try again.');
  });

  it('has messages for failures without an API error', () => {
    expect(describeError(new NetworkError('offline'), en)).toMatch(/could not be reached/);
    expect(describeError(new Error('bug'), en)).toBe('Something went wrong. Please try again.');
    expect(describeError(toApiError(502, 'not json', null), en)).toBe('The request failed (HTTP 502).');
  });
});

describe('describeFieldErrors', () => {
  it('gives each invalid field its translated rule, or the server message', () => {
    const error = new ApiError(400, 'request.invalid', 'The request is not valid.', [
      { path: 'handle', message: 'Invalid handle' },
      { path: 'email', message: 'Invalid email address' },
      { path: 'mystery', message: 'Something about mystery' },
      { path: 'handle', message: 'A second handle problem' },
    ]);
    expect(describeFieldErrors(error, en)).toEqual({
      handle: 'Use 3–32 letters, digits, _ . or -, starting with a letter.',
      email: 'Enter a valid email address.',
      mystery: 'Something about mystery',
    });
    expect(describeFieldErrors(error, zh).email).toBe('请输入有效的邮箱地址。');
  });

  it("puts a one-field error's translation beside that field", () => {
    const tooShort = new ApiError(400, 'password.too_short', 'Use at least 8 characters.', [
      { path: 'newPassword', message: 'Use at least 8 characters.' },
    ]);
    expect(describeFieldErrors(tooShort, zh)).toEqual({ newPassword: '密码至少需要 8 个字符。' });
    const taken = new ApiError(409, 'account.handle_taken', 'This handle is taken.', [
      { path: 'handle', message: 'This handle is taken.' },
    ]);
    expect(describeFieldErrors(taken, en)).toEqual({ handle: 'This handle is taken. Try another one.' });
  });

  it('says why a password is too weak, with the estimate’s warning and suggestions in the reader’s language', () => {
    const tooWeak = new ApiError(400, 'password.too_weak', 'Too easy to guess.', [
      {
        path: 'password',
        message: 'Too easy to guess.',
        warning: 'similarToCommon',
        suggestions: ['anotherWord'],
      },
    ]);
    expect(describeFieldErrors(tooWeak, en)).toEqual({
      password:
        'This password is too easy to guess. Choose a longer or less predictable one. This is similar to a commonly used password. Add more words that are less common.',
    });
    expect(describeFieldErrors(tooWeak, zh).password).toBe(
      '这个密码太容易被猜到了，请换一个更长或更难预料的密码。这个密码和常用密码很相似。再加几个不常见的单词。',
    );
    const unknownKeys = new ApiError(400, 'password.too_weak', 'x', [
      { path: 'newPassword', message: 'x', warning: 'somethingNew', suggestions: [7] },
    ]);
    expect(describeFieldErrors(unknownKeys, en)).toEqual({
      newPassword: 'This password is too easy to guess. Choose a longer or less predictable one.',
    });
  });

  it('ignores details that are not a list of field problems', () => {
    expect(
      describeFieldErrors(new ApiError(429, 'auth.too_many_attempts', 'x', { retryAfterSeconds: 3 }), en),
    ).toEqual({});
    expect(describeFieldErrors(new Error('x'), en)).toEqual({});
  });
});

describe("the hub's error codes", () => {
  // Every code a hub module answers with (its errors.ts catalogue, listed in @orbit/contracts) reads as a
  // sentence in both languages, not as the server's English message.
  it('each has English and Chinese text', () => {
    expect(HUB_ERROR_CODES.length).toBeGreaterThan(90);
    const missing = (m: Messages) => HUB_ERROR_CODES.filter((code) => !m.has(`errors.${code}`));
    expect(missing(en)).toEqual([]);
    expect(missing(zh)).toEqual([]);
  });
});
