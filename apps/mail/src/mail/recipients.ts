import type { Address } from '../db/schema.js';
import { noRecipients, tooManyRecipients, unknownRecipients } from './errors.js';
import { type Directory, MAX_RECIPIENTS, toAddress } from './ports.js';

/** How an identifier is looked up: `@Alice ` and `alice` are the same handle. */
export const normaliseIdentifier = (typed: string) => typed.trim().replace(/^@/, '').toLowerCase();

/** Drafts keep recipients as typed: trimmed, blanks dropped. */
export const typedRecipients = (list: string[] | undefined) =>
  (list ?? []).map((s) => s.trim()).filter((s) => s !== '');

export interface ResolvedRecipients {
  to: Address[];
  /** Cc'd accounts not already in `to`. */
  cc: Address[];
  /** Every distinct account that gets an Inbox copy. */
  all: Address[];
}

function distinctBySub(addresses: Address[], except = new Set<string>()): Address[] {
  const seen = new Set(except);
  return addresses.filter((a) => !seen.has(a.sub) && seen.add(a.sub));
}

/**
 * Turns typed recipients into account snapshots through the directory. Nothing is sent unless every one is
 * known: unknown ones are answered, as typed, in `mail.unknown_recipients`.
 */
export async function resolveRecipients(
  directory: Directory,
  to: string[],
  cc: string[],
): Promise<ResolvedRecipients> {
  const typedByKey = new Map<string, string>();
  for (const typed of [...to, ...cc]) {
    const key = normaliseIdentifier(typed);
    if (key !== '' && !typedByKey.has(key)) typedByKey.set(key, typed.trim());
  }
  if (typedByKey.size === 0) throw noRecipients();
  if (typedByKey.size > MAX_RECIPIENTS) throw tooManyRecipients(MAX_RECIPIENTS);
  const { accounts } = await directory.lookup([...typedByKey.keys()]);
  const unknown = [...typedByKey].filter(([key]) => !accounts[key]).map(([, typed]) => typed);
  if (unknown.length > 0) throw unknownRecipients(unknown);
  const addressesOf = (list: string[]) =>
    list
      .map(normaliseIdentifier)
      .filter((key) => key !== '')
      .map((key) => toAddress(accounts[key]!));
  const toAddresses = distinctBySub(addressesOf(to));
  const ccAddresses = distinctBySub(addressesOf(cc), new Set(toAddresses.map((a) => a.sub)));
  return { to: toAddresses, cc: ccAddresses, all: [...toAddresses, ...ccAddresses] };
}
