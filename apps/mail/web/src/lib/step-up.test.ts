import { ApiError } from '@orbit/ui/api';
import { describe, expect, it } from 'vitest';
import { resumePath, stepUpLocation, takeResumeFlag } from './step-up';

const refused = (details: unknown) =>
  new ApiError(401, 'step_up_required', 'Confirm this action with your passkey.', details);
const location = '/auth/login?return_to=%2F&acr=urn%3Aorbit%3Aacr%3Apasskey&max_age=300';

describe('stepUpLocation', () => {
  it('keeps the server’s step-up URL, coming back to the page in the UI’s language', () => {
    const to = stepUpLocation(
      refused({ location, maxAgeSeconds: 300 }),
      '/trash?confirm=empty-trash',
      'zh-CN',
    );
    const url = new URL(to ?? '', 'http://mail.test');
    expect(url.pathname).toBe('/auth/login');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      return_to: '/trash?confirm=empty-trash',
      acr: 'urn:orbit:acr:passkey',
      max_age: '300',
      ui_locales: 'zh-CN',
    });
  });

  it('goes nowhere for other errors, or a location off this site', () => {
    expect(stepUpLocation(new ApiError(401, 'session.required', 'x'), '/trash')).toBeNull();
    expect(stepUpLocation(new Error('x'), '/trash')).toBeNull();
    expect(stepUpLocation(refused(undefined), '/trash')).toBeNull();
    expect(stepUpLocation(refused({ location: '/a/..//evil.example/auth/login' }), '/trash')).toBeNull();
    expect(stepUpLocation(refused({ location: 'https://evil.example/auth/login' }), '/trash')).toBeNull();
    expect(stepUpLocation(refused({ location: '//evil.example/x' }), '/trash')).toBeNull();
  });

  it('comes back only to a path on this site', () => {
    const to = stepUpLocation(refused({ location }), '//evil.example');
    expect(new URL(to ?? '', 'http://mail.test').searchParams.get('return_to')).toBe('/');
  });
});

describe('the resume flag', () => {
  it('is added to a page path and read back, leaving the rest of the query', () => {
    expect(resumePath('/trash', 'empty-trash')).toBe('/trash?confirm=empty-trash');
    expect(takeResumeFlag('?confirm=empty-trash')).toEqual({ action: 'empty-trash', search: '' });
    expect(takeResumeFlag('?q=x&confirm=empty-trash')).toEqual({ action: 'empty-trash', search: '?q=x' });
  });

  it('names no action when absent or unknown, but is still taken out of the address', () => {
    expect(takeResumeFlag('?q=x')).toEqual({ action: null, search: '?q=x' });
    expect(takeResumeFlag('?confirm=delete-account')).toEqual({ action: null, search: '' });
  });
});
