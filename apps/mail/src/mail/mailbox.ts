import type { MailDb } from '../db/open.js';
import { downloadAttachment } from './attachments.js';
import type { Clock } from './clock.js';
import { createDrafts } from './drafts.js';
import { createFiling } from './filing.js';
import { createFolders } from './folders.js';
import { pruneIdempotencyKeys } from './idempotency.js';
import { type Directory, type LimitsOf, MAX_RECIPIENTS, type SendRate } from './ports.js';
import { usedBytes } from './quota.js';
import { createSender } from './send.js';

export interface MailboxDeps {
  db: MailDb;
  clock: Clock;
  /** Finds recipients by account number or handle (the hub's account lookup). */
  directory: Directory;
  /** Quota and attachment size per account (configured defaults, raised by membership perks). */
  limits: LimitsOf;
  rate: SendRate;
}

/** What `GET /api/me` shows besides the user. */
export interface Overview {
  quota: { usedBytes: number; limitBytes: number };
  limits: { attachmentBytes: number; maxRecipients: number };
  unread: { inbox: number };
}

/**
 * Orbit Mail's domain, wired once: every function takes the owner (the signed-in account's `sub`, or its
 * `Address` where the owner also writes as sender) and only ever reads or changes that owner's copies.
 *
 * @example
 * const mailbox = createMailbox({ db, clock: systemClock, directory, limits: fixedLimits(defaults), rate });
 * const page = await mailbox.list(user.sub, { folder: 'inbox', limit: 50 });
 */
export function createMailbox(deps: MailboxDeps) {
  const { db, clock, limits } = deps;
  const folders = createFolders(deps);
  return {
    ...folders,
    ...createFiling(deps),
    ...createDrafts(deps),
    ...createSender(deps),

    /** `GET /api/attachments/:id`: the file, if a copy in the owner's mailbox carries it. */
    downloadAttachment: (owner: string, attachmentId: string) => downloadAttachment(db, owner, attachmentId),

    async overview(owner: string): Promise<Overview> {
      const [own, used, unread] = await Promise.all([
        limits(owner),
        usedBytes(db, owner),
        folders.unreadCount(owner),
      ]);
      return {
        quota: { usedBytes: used, limitBytes: own.quotaBytes },
        limits: { attachmentBytes: own.attachmentBytes, maxRecipients: MAX_RECIPIENTS },
        unread: { inbox: unread },
      };
    },

    /** Housekeeping: forgets idempotency keys past their day; answers how many. */
    pruneIdempotencyKeys: () => pruneIdempotencyKeys(db, clock.now()),
  };
}

export type Mailbox = ReturnType<typeof createMailbox>;
