/**
 * What the shell shows, as plain data: the shape the SDK's `GET /orbit/me` answers (`OrbitMe` in
 * `@orbit/contracts`), typed here by structure so `@orbit/ui` depends on no server package.
 */
import { type Language, toLanguage } from '../i18n/languages';

export interface ShellBadges {
  vipLevel: number;
  activityLevel: number;
}

export interface ShellUser {
  accountNumber: string;
  displayName: string;
  /** Absolute URL of the avatar on the hub, or null. */
  picture: string | null;
  /** The account's language at the hub (`en`, `zh-CN`), or null when unknown. */
  locale: string | null;
  badges: ShellBadges | null;
}

export interface ShellService {
  id: string;
  name: string;
  names: Partial<Record<string, string>>;
  iconUrl: string;
  homeUrl: string;
}

export interface ShellMe {
  user: ShellUser;
  service: { id: string };
  hub: { url: string; accountUrl: string };
  services: ShellService[];
  /** `notifications`: where the SDK answers the bell (absent from an SDK without it: no bell). */
  paths: { logout: string; notifications?: string };
}

/** A service's name in `language`, else the name its manifest gives. */
export function serviceName(service: Pick<ShellService, 'name' | 'names'>, language: string): string {
  return service.names[language]?.trim() || service.name;
}

/**
 * Up to two letters for an avatar without a picture: the first letters of the first two words that start with a
 * letter (a name's numbers are skipped), two letters of a single Latin word, one character of a CJK name.
 */
export function initials(name: string): string {
  const all = name.trim().split(/\s+/).filter(Boolean);
  const lettered = all.filter((word) => /^\p{L}/u.test(word));
  const words = lettered.length > 0 ? lettered : all;
  const first = words[0];
  if (first === undefined) return '?';
  if (words.length === 1)
    return [...first]
      .slice(0, /^[A-Za-z]/.test(first) ? 2 : 1)
      .join('')
      .toUpperCase();
  return words
    .slice(0, 2)
    .map((word) => [...word][0] ?? '')
    .join('')
    .toUpperCase();
}

/**
 * The language the page should switch to so it shows the account's choice: the account's language when it is
 * one we speak and the page shows another, else null (nothing to do).
 */
export function accountLanguageToApply(
  locale: string | null | undefined,
  current: string | undefined,
): Language | null {
  const language = locale ? toLanguage(locale) : null;
  return language && language !== current ? language : null;
}

/** The activity level as the family draws it: in base 4, 4 stars = 1 moon, 4 moons = 1 sun, 4 suns = 1 crown. */
export function activityGlyphs(level: number): string {
  const n = Math.max(0, Math.floor(level));
  const counts: [string, number][] = [
    ['♛', Math.floor(n / 64)],
    ['☀', Math.floor(n / 16) % 4],
    ['☾', Math.floor(n / 4) % 4],
    ['★', n % 4],
  ];
  return counts.map(([glyph, count]) => glyph.repeat(count)).join('');
}

/** Which system page an error calls for. */
export type SystemPageKind = 'signedOut' | 'error' | 'serviceDisabled' | 'stepUpCancelled';

/**
 * The system page for an error a request ended in (an `ApiError`'s `code`): no session, a step-up not done,
 * the service turned off at the hub, or anything else.
 */
export function systemPageFor(error: unknown): SystemPageKind {
  const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
  switch (code) {
    case 'session.required':
      return 'signedOut';
    case 'step_up_required':
      return 'stepUpCancelled';
    case 'service.disabled':
    case 'client.disabled':
      return 'serviceDisabled';
    default:
      return 'error';
  }
}
