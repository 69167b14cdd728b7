import type { Messages } from './error-messages';

/** The OAuth scopes that have their own wording under `scopes.*`. */
export const KNOWN_SCOPES = ['openid', 'profile', 'email', 'offline_access', 'membership'] as const;

function isKnownScope(scope: string): scope is (typeof KNOWN_SCOPES)[number] {
  return (KNOWN_SCOPES as readonly string[]).includes(scope);
}

/** A scope in plain words in the reader's language; a scope we have no words for is shown by its name. */
export function describeScope(scope: string, m: Pick<Messages, 't'>): string {
  return isKnownScope(scope) ? m.t(`scopes.${scope}`) : scope;
}

/** The scopes to list: each once, in the order given, without empty names. */
export function scopesToShow(scopes: readonly string[]): string[] {
  return [...new Set(scopes.filter((scope) => scope.trim() !== ''))];
}
