import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AppError } from '../http/errors.js';
import { GOOD_PASSWORD, TestBrowser, uniqueHandle } from '../test/client.js';
import { startTestHub, type TestHub } from '../test/hub.js';
import { ESTIMATED_LENGTH } from './password-strength.js';
import { checkPasswordPolicy } from './passwords.js';

function refusalOf(password: string, userInputs?: string[]): AppError | undefined {
  try {
    checkPasswordPolicy(password, 'password', userInputs);
    return undefined;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
}

describe('checkPasswordPolicy', () => {
  it('refuses a long but guessable password, naming zxcvbn’s feedback', () => {
    const refusal = refusalOf('12345678901234');
    expect(refusal).toMatchObject({ status: 400, code: 'password.too_weak' });
    expect(refusal?.details).toEqual([
      expect.objectContaining({
        path: 'password',
        warning: expect.any(String),
        suggestions: expect.any(Array),
      }),
    ]);
  });

  it.each([['aaaaaaaaaaaa'], ['qwertyuiopasdf'], ['abcdefghijklmn'], ['1qaz2wsx3edc'], ['P@ssw0rd2024']])(
    'refuses %j as too weak or too common',
    (password) => {
      expect(['password.too_weak', 'password.too_common']).toContain(refusalOf(password)?.code);
    },
  );

  it('counts the account’s own handle, name and email as guessable words', () => {
    const password = 'zebrafinch.quill';
    expect(refusalOf(password)).toBeUndefined();
    const refusal = refusalOf(password, ['zebrafinch', 'Quill Zebrafinch', 'zebrafinch.quill@example.com']);
    expect(refusal?.code).toBe('password.too_weak');
    expect(refusal?.details).toEqual([expect.objectContaining({ warning: 'userInputs' })]);
  });

  it('accepts a passphrase', () => {
    expect(refusalOf(GOOD_PASSWORD, ['alice', 'Alice', 'alice@example.com'])).toBeUndefined();
    expect(refusalOf('a brand new passphrase')).toBeUndefined();
  });

  it('estimates only the first 64 characters of the longest, most repetitive passwords it accepts', () => {
    // zxcvbn's matching grows worse than linearly with length (unbounded, the l33t one alone took 400 ms); how
    // long the bounded check takes is measured by `npm run bench` (the sign-in bench), not here.
    const hostile = ['p4ssw0rd'.repeat(32), '1!'.repeat(128), 'aB3$'.repeat(64), '$'.repeat(256)];
    const check = vi.spyOn(ZxcvbnFactory.prototype, 'check');
    try {
      for (const password of hostile) refusalOf(password, ['alice', 'Alice Liddell', 'alice@example.com']);
      expect(check.mock.calls.map(([password]) => password)).toEqual(
        hostile.map((password) => password.slice(0, ESTIMATED_LENGTH)),
      );
    } finally {
      check.mockRestore();
    }
  });
});

describe('password strength on the hub', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(async () => {
    await hub.close();
  });

  it('refuses a weak password at sign-up, and one made of the new account’s own handle', async () => {
    const weak = await new TestBrowser(hub).signUp({ password: '12345678901234' });
    expect(weak.status).toBe(400);
    expect(weak.body.error).toMatchObject({ code: 'password.too_weak', details: [{ path: 'password' }] });

    const handle = uniqueHandle('quillfinch');
    const own = await new TestBrowser(hub).signUp({ handle, password: `${handle}2024` });
    expect(own.status).toBe(400);
    expect(own.body.error.code).toBe('password.too_weak');
  });

  it('refuses a weak new password on password change, with the account’s handle counted', async () => {
    const browser = new TestBrowser(hub);
    const handle = uniqueHandle('marblewren');
    expect((await browser.signUp({ handle })).status).toBe(201);
    for (const newPassword of ['12345678901234', `${handle}2024`]) {
      const res = await browser.request('POST', '/api/me/password', {
        currentPassword: GOOD_PASSWORD,
        newPassword,
      });
      expect(res.status, newPassword).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'password.too_weak', details: [{ path: 'newPassword' }] });
    }
    const strong = await browser.request('POST', '/api/me/password', {
      currentPassword: GOOD_PASSWORD,
      newPassword: 'another correct horse battery',
    });
    expect(strong.status).toBe(204);
  });
});
