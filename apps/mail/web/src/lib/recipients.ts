import type { Address } from '../api/types';

/**
 * The recipients typed into To or Cc: account numbers or handles separated by commas, semicolons (ASCII or
 * full-width, as Chinese keyboards type them) or spaces. A leading `@` on a handle is dropped; repeats are
 * kept once, the first spelling winning.
 */
export function splitRecipients(input: string): string[] {
  const seen = new Set<string>();
  const recipients: string[] = [];
  for (const part of input.split(/[\s,;，；、]+/)) {
    const recipient = part.replace(/^@+/, '');
    if (!recipient) continue;
    const key = recipient.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    recipients.push(recipient);
  }
  return recipients;
}

/** Recipients for the To or Cc field, as the reader would type them. */
export function joinRecipients(recipients: readonly string[]): string {
  return recipients.join(', ');
}

/** How an address reads in a list or header: the display name, else the handle. */
export function addressName(address: Address): string {
  return address.displayName.trim() || address.handle;
}

/** The identifier a reply goes to: the account number, which never changes (a handle can). */
export function addressIdentifier(address: Address): string {
  return address.accountNumber;
}

export interface ReplyRecipients {
  to: string[];
  cc: string[];
}

/**
 * Who a reply goes to. Reply: the sender — or, answering a message the reader sent, its recipients again.
 * Reply all: also everyone else on To and Cc, without the reader and without repeats.
 */
export function replyRecipients(
  message: { from: Address; to: Address[]; cc: Address[] },
  me: Pick<Address, 'sub'>,
  all: boolean,
): ReplyRecipients {
  const fromMe = message.from.sub === me.sub;
  const primary = fromMe ? message.to : [message.from];
  const toAddresses = all && !fromMe ? [message.from, ...message.to] : primary;
  const seen = new Set<string>([me.sub]);
  const take = (addresses: Address[]) =>
    addresses.filter((address) => {
      if (seen.has(address.sub)) return false;
      seen.add(address.sub);
      return true;
    });
  let to = take(toAddresses);
  // Answering one's own note to oneself: it still goes somewhere.
  if (to.length === 0 && fromMe) to = [message.from];
  const cc = all ? take(message.cc) : [];
  return { to: to.map(addressIdentifier), cc: cc.map(addressIdentifier) };
}
