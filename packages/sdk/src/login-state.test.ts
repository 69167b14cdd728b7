import { describe, expect, it } from 'vitest';
import { createLoginSealer, safeReturnTo } from './login-state.js';

describe('where a sign-in may return to', () => {
  it('keeps paths on this origin', () => {
    expect(safeReturnTo('/inbox?folder=sent')).toBe('/inbox?folder=sent');
  });
  it('refuses anything that could leave this origin', () => {
    for (const evil of [
      '//evil.example',
      '/\\evil.example',
      'https://evil.example/',
      'evil',
      '/\t/evil.example',
      '',
    ]) {
      expect(safeReturnTo(evil)).toBe('/');
    }
    expect(safeReturnTo(undefined, '/home')).toBe('/home');
  });
  it('judges the path after normalising it, so dot segments cannot reach another host', () => {
    for (const evil of [
      '/a/..//evil.example/stolen',
      '/a/./../..//evil.example',
      '/a/%2e%2e//evil.example',
    ]) {
      expect(safeReturnTo(evil)).toBe('/');
    }
  });
});

describe('sealed sign-in state', () => {
  const login = { state: 's', nonce: 'n', codeVerifier: 'v'.repeat(43), returnTo: '/x' };
  const now = new Date('2026-11-23T10:00:00Z');

  it('opens what it sealed', async () => {
    const sealer = createLoginSealer(async () => 'secret', 'mail');
    expect(await sealer.open(await sealer.seal(login, now), now)).toMatchObject(login);
  });
  it('refuses a seal made under another secret or for another service', async () => {
    const sealed = await createLoginSealer(async () => 'secret', 'mail').seal(login, now);
    expect(await createLoginSealer(async () => 'other', 'mail').open(sealed, now)).toBeUndefined();
    expect(await createLoginSealer(async () => 'secret', 'blog').open(sealed, now)).toBeUndefined();
  });
  it('refuses a seal older than ten minutes', async () => {
    const sealer = createLoginSealer(async () => 'secret', 'mail');
    const sealed = await sealer.seal(login, now);
    expect(await sealer.open(sealed, new Date(now.getTime() + 11 * 60_000))).toBeUndefined();
  });
  it('names each sign-in’s cookie after its state, so two tabs don’t collide', () => {
    const sealer = createLoginSealer(async () => 'secret', 'mail');
    expect(sealer.cookieName('a')).not.toBe(sealer.cookieName('b'));
  });
});
