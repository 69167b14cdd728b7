import { describe, expect, it } from 'vitest';
import { ACCOUNT_SECTIONS, attentionItems, legacyTarget, sectionOf, sectionPath } from './sections';

const verified = { email: 'ada@example.com', emailVerified: true, pendingEmail: null };
const protectedWith = (remaining: number) => ({
  passkeyProtection: true,
  recoveryCodes: { remaining, generatedAt: null },
});
const unprotected = { passkeyProtection: false, recoveryCodes: { remaining: 0, generatedAt: null } };

describe('account center sections', () => {
  it('gives each section its own address, and reads it back', () => {
    expect(ACCOUNT_SECTIONS.map(sectionPath)).toEqual([
      '/account',
      '/account/profile',
      '/account/security',
      '/account/sessions',
      '/account/apps',
      '/account/privacy',
      '/account/membership',
    ]);
    for (const section of ACCOUNT_SECTIONS) expect(sectionOf(sectionPath(section))).toBe(section);
  });

  it.each([
    ['/account/', 'overview'],
    ['/account/security/', 'security'],
    ['/account/membership/receipts', 'membership'],
    ['/account/overview', null],
    ['/account/nope', null],
    ['/accounts', null],
    ['/admin/accounts', null],
    ['/', null],
  ] as const)('%s is the section %s', (path, section) => {
    expect(sectionOf(path)).toBe(section);
  });

  it.each([
    ['#passkeys', '/account/security#passkeys'],
    ['#PASSWORD', '/account/security#password'],
    ['#security', '/account/security'],
    ['#sessions', '/account/sessions'],
    ['#email', '/account/profile#email'],
    ['#connected-apps', '/account/apps'],
    ['#delete', '/account/privacy#delete'],
    ['#membership', '/account/membership'],
    ['#', null],
    ['', null],
    ['#constructor', null],
    ['#unknown', null],
  ] as const)('sends the old one-page link /account%s to %s', (hash, target) => {
    expect(legacyTarget(hash)).toBe(target);
  });
});

describe('what needs attention', () => {
  it('is nothing for a protected account with a confirmed address and codes left', () => {
    expect(attentionItems(verified, protectedWith(10))).toEqual([]);
  });

  it('asks for a passkey first, then a confirmed address', () => {
    expect(
      attentionItems({ email: 'ada@example.com', emailVerified: false, pendingEmail: null }, unprotected),
    ).toEqual([
      { kind: 'no-passkey', to: '/account/security#passkeys' },
      { kind: 'email-unverified', to: '/account/profile#email', email: 'ada@example.com' },
    ]);
  });

  it('names the new address waiting for its link, and asks for an address when there is none', () => {
    expect(
      attentionItems({ ...verified, pendingEmail: 'new@example.com' }, protectedWith(10)).map((a) => a.email),
    ).toEqual(['new@example.com']);
    expect(
      attentionItems({ email: null, emailVerified: false, pendingEmail: null }, protectedWith(10)),
    ).toEqual([{ kind: 'no-email', to: '/account/profile#email' }]);
  });

  it('warns when three or fewer recovery codes are left, only with passkey protection', () => {
    expect(attentionItems(verified, protectedWith(4))).toEqual([]);
    expect(attentionItems(verified, protectedWith(3))).toEqual([
      { kind: 'recovery-codes-low', to: '/account/security#recovery-codes', count: 3 },
    ]);
    expect(attentionItems(verified, protectedWith(0))[0]?.count).toBe(0);
    expect(attentionItems(verified, unprotected).map((a) => a.kind)).toEqual(['no-passkey']);
  });

  it('claims nothing about passkeys while the security overview loads', () => {
    expect(attentionItems(verified, null)).toEqual([]);
  });
});
