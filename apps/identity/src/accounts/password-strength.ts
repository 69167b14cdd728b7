import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary as commonDictionary } from '@zxcvbn-ts/language-common';
import { dictionary as englishDictionary, translations } from '@zxcvbn-ts/language-en';

/**
 * zxcvbn's score (0–4) a password needs: 3 is "safely unguessable: moderate protection from an offline slow-hash
 * scenario" (about 10^10 guesses), the level zxcvbn's authors recommend as a minimum where hashes are slow (we use
 * argon2id).
 */
export const MIN_STRENGTH_SCORE = 3;

/**
 * zxcvbn's matching grows worse than linearly with length (a 256-character l33t pattern took 400 ms here), so
 * only the first 64 characters are estimated, as the library's `maxLength` option intends: anything that long
 * and still weak in its first 64 characters is weak, and anything that isn't is far past the guessing range.
 */
export const ESTIMATED_LENGTH = 64;
/** Caps the l33t substitutions tried per password (default 100), the other slow path on hostile input. */
const L33T_MAX_SUBSTITUTIONS = 4;

/** What the estimate says about a weak password: zxcvbn's stable keys, which the portal translates. */
export interface StrengthFeedback {
  score: number;
  /** A key of zxcvbn's `warnings` (`similarToCommon`, `userInputs`…), or null when it has none. */
  warning: string | null;
  /** Keys of zxcvbn's `suggestions` (`anotherWord`, `repeated`…). */
  suggestions: string[];
}

let factory: ZxcvbnFactory | undefined;
// Built on first use: ranking the dictionaries takes a moment nobody should pay at start-up.
function estimator(): ZxcvbnFactory {
  factory ??= new ZxcvbnFactory({
    dictionary: { ...commonDictionary, ...englishDictionary },
    graphs: adjacencyGraphs,
    // Keys instead of sentences: the answer names the feedback; each language says it in its own words.
    translations: keysOf(translations),
    maxLength: ESTIMATED_LENGTH,
    l33tMaxSubstitutions: L33T_MAX_SUBSTITUTIONS,
  });
  return factory;
}

/**
 * zxcvbn's estimate of `password`, with `userInputs` (the account's handle, display name, email) counted as
 * words an attacker would try first. The email is also split at `@` so its local part counts on its own.
 */
export function estimateStrength(password: string, userInputs: readonly string[] = []): StrengthFeedback {
  const inputs = userInputs.flatMap((input) => {
    const trimmed = input.trim();
    if (!trimmed) return [];
    const local = trimmed.includes('@') ? trimmed.slice(0, trimmed.indexOf('@')) : '';
    return local ? [trimmed, local] : [trimmed];
  });
  // Cut here as well as by `maxLength`, so what reaches the matchers is bounded whatever the library does.
  const estimated = [...password].slice(0, ESTIMATED_LENGTH).join('');
  const { score, feedback } = estimator().check(estimated, inputs);
  return { score, warning: feedback.warning ?? null, suggestions: feedback.suggestions };
}

function keysOf(source: typeof translations): typeof translations {
  const mapped: Record<string, Record<string, string>> = {};
  for (const [group, entries] of Object.entries(source)) {
    mapped[group] = Object.fromEntries(Object.keys(entries).map((key) => [key, key]));
  }
  return mapped as typeof translations;
}
