import type { MembershipChangeReason } from '@orbit/contracts';
import type { JobHandler, JobQueue } from '@orbit/jobs';
import { and, desc, eq, gt, lte } from 'drizzle-orm';
import type { Clock } from '../clock.js';
import type { IdentityDb, Queryable } from '../kernel/db.js';
import { describeDevice } from '../kernel/devices.js';
import { subscriptions, tiers } from '../membership/index.js';
import { type SecurityLogListener, securityEvents } from '../security/index.js';
import type { HubNotice, Notifications } from './notifications.js';

/** Where the hub's notices link: the account center's security section and the membership page. */
export const SECURITY_PATH = '/account/security';
export const MEMBERSHIP_PATH = '/account/membership';
/** The queue of the "your membership ends in 3 days" notices, one per subscription and period. */
export const MEMBERSHIP_NOTICE_QUEUE = 'notifications.membership-ending';
/** How long before a membership that won't renew ends its member is told. */
export const ENDING_NOTICE_DAYS = 3;
const DAY_MS = 24 * 60 * 60 * 1000;
/** Earlier sign-ins compared with a new one to tell whether its device is new. */
const KNOWN_SIGN_INS = 200;

type Notice = Omit<HubNotice, 'recipient'>;
type Text = HubNotice['text'];

/** "Chrome on macOS": a device as a person names it, without the browser's version (which every update changes). */
const deviceKind = (userAgent: string) => describeDevice(userAgent).replace(/ \d+(?= on |$)/, '');

const security = (type: string, text: Text, mailedAlready: boolean, data = {}): Notice => ({
  type,
  category: 'security',
  url: SECURITY_PATH,
  text,
  data,
  mailedAlready,
});

/**
 * Whether a sign-in (already recorded in `q`, with this User-Agent) is from a device the account has not signed in
 * from before: no earlier sign-in from the same kind of device. The very first sign-in (at sign-up) is not news.
 */
async function fromNewDevice(q: Queryable, accountId: string, userAgent: string): Promise<boolean> {
  const rows = await q
    .select({ userAgent: securityEvents.userAgent })
    .from(securityEvents)
    .where(and(eq(securityEvents.accountId, accountId), eq(securityEvents.type, 'sign_in.succeeded')))
    .orderBy(desc(securityEvents.id))
    .limit(KNOWN_SIGN_INS + 1);
  const earlier = rows.slice(1); // the newest is this sign-in
  if (earlier.length === 0) return false;
  const kind = deviceKind(userAgent);
  return !earlier.some((row) => deviceKind(row.userAgent) === kind);
}

/** The notice a security-log entry makes, or null. `mailedAlready`: email/notices.ts mails that entry itself. */
async function securityNotice(
  event: Parameters<SecurityLogListener>[0],
  q: Queryable,
): Promise<Notice | null> {
  const details = event.details ?? {};
  switch (event.type) {
    case 'sign_in.succeeded': {
      if (!(await fromNewDevice(q, event.accountId, event.userAgent))) return null;
      const device = describeDevice(event.userAgent);
      return security(
        'security.new_device',
        { en: `New sign-in to your account on ${device}`, 'zh-CN': `你的账号在新设备上登录：${device}` },
        false,
        { device, ip: event.ip },
      );
    }
    case 'password.changed':
      return security(
        'security.password_changed',
        { en: 'Your password was changed', 'zh-CN': '你的密码已更改' },
        true,
      );
    case 'password.reset':
      return security(
        'security.password_changed',
        { en: 'Your password was reset through an email link', 'zh-CN': '你的密码已通过邮件链接重置' },
        true,
      );
    case 'passkey.added':
    case 'passkey.removed': {
      const name = String(details.name ?? '');
      const added = event.type === 'passkey.added';
      return security(
        added ? 'security.passkey_added' : 'security.passkey_removed',
        added
          ? {
              en: `A passkey “${name}” was added to your account`,
              'zh-CN': `你的账号添加了通行密钥“${name}”`,
            }
          : {
              en: `The passkey “${name}” was removed from your account`,
              'zh-CN': `你的账号移除了通行密钥“${name}”`,
            },
        true,
        { name },
      );
    }
    case 'recovery_code.used': {
      const remaining = Number(details.remaining ?? 0);
      return security(
        'security.recovery_code_used',
        {
          en: `A recovery code was used to sign in (${remaining} left)`,
          'zh-CN': `有人使用恢复码登录了你的账号（还剩 ${remaining} 个）`,
        },
        true,
        { remaining },
      );
    }
    case 'recovery_codes.generated':
      return security(
        'security.recovery_codes_generated',
        {
          en: 'New recovery codes were made for your account; any earlier ones no longer work',
          'zh-CN': '你的账号生成了新的恢复码，之前的恢复码已失效',
        },
        false,
      );
    case 'email.changed': {
      // Mailed to the old address by the recovery module (with a link to undo it).
      const removed = details.to === null;
      return security(
        'security.email_changed',
        removed
          ? { en: 'The email address was removed from your account', 'zh-CN': '你的账号已移除邮箱地址' }
          : { en: 'Your account’s email address was changed', 'zh-CN': '你的账号邮箱地址已更改' },
        true,
      );
    }
    default:
      return null;
  }
}

/** The membership's name in both languages: its tier's. */
const tierText = (tier: { name: string; names: Record<string, string | undefined> }) => ({
  en: tier.names.en ?? tier.name,
  zh: tier.names['zh-CN'] ?? tier.name,
});

const payment = (type: string, text: Text, data: Record<string, unknown>): Notice => ({
  type,
  category: 'payment',
  url: MEMBERSHIP_PATH,
  text,
  data,
  mailedAlready: false,
});

interface MembershipNoticeText {
  type: string;
  en: (tier: string) => string;
  zh: (tier: string) => string;
}
const started: MembershipNoticeText = {
  type: 'membership.started',
  en: (tier) => `Your ${tier} membership has started`,
  zh: (tier) => `你的${tier}会员已开通`,
};
const ended: MembershipNoticeText = {
  type: 'membership.ended',
  en: (tier) => `Your ${tier} membership has ended`,
  zh: (tier) => `你的${tier}会员已到期`,
};
/**
 * What each membership change tells its member, for the tier's name in each language: an admin's grant starts one
 * as a purchase does, a revocation ends it as an expiry does. Other changes (a cancellation scheduled, a level
 * changed) say nothing.
 */
const MEMBERSHIP_NOTICES: Partial<Record<MembershipChangeReason, MembershipNoticeText>> = {
  subscribed: started,
  granted: started,
  renewed: {
    type: 'membership.renewed',
    en: (tier) => `Your ${tier} membership was renewed`,
    zh: (tier) => `你的${tier}会员已续费`,
  },
  expired: ended,
  revoked: ended,
};

export interface EndingNoticeJob {
  accountId: string;
  subscriptionId: string;
  endsAt: string;
}

/**
 * The hub's own notices (issue 19, point 4): security events (a sign-in from a new device, a password changed, a
 * passkey added or removed, recovery codes used or made anew, an email change) and membership changes (started,
 * renewed, ending in 3 days, ended) become notifications from `hub`, in categories the reader can't turn off,
 * linking into the account center. Each is written in the transaction that records its change: the security
 * log's entry, the membership change its notifier is told of.
 */
export function createHubNotices({
  db,
  clock,
  queue,
  notifications,
}: {
  db: IdentityDb;
  clock: Clock;
  queue: JobQueue;
  notifications: Pick<Notifications, 'hubNotice'>;
}) {
  /** The latest subscription of an account (the one a change was about) and its tier. */
  async function latestMembership(q: Queryable, accountId: string) {
    const [row] = await q
      .select({
        id: subscriptions.id,
        endsAt: subscriptions.currentPeriodEnd,
        name: tiers.name,
        names: tiers.names,
      })
      .from(subscriptions)
      .innerJoin(tiers, eq(tiers.id, subscriptions.tierId))
      .where(eq(subscriptions.accountId, accountId))
      .orderBy(desc(subscriptions.updatedAt))
      .limit(1);
    return row;
  }

  const onSecurityEvent: SecurityLogListener = async (event, q) => {
    const notice = await securityNotice(event, q);
    if (notice) await notifications.hubNotice(q, { recipient: event.accountId, ...notice });
  };

  async function onMembershipChange(q: Queryable, accountId: string, reason: MembershipChangeReason) {
    const told = MEMBERSHIP_NOTICES[reason];
    if (!told) return;
    const membership = await latestMembership(q, accountId);
    if (!membership) return;
    const tier = tierText(membership);
    await notifications.hubNotice(q, {
      recipient: accountId,
      ...payment(
        told.type,
        { en: told.en(tier.en), 'zh-CN': told.zh(tier.zh) },
        { subscriptionId: membership.id, endsAt: membership.endsAt.toISOString() },
      ),
    });
  }

  /**
   * Queues the "ends in 3 days" notice of every membership that won't renew and ends within that time: one per
   * subscription and period end (the queue's dedupe key), however often this runs.
   */
  async function queueEndingNotices(): Promise<number> {
    const now = clock.now();
    const s = subscriptions;
    const ending = await db
      .select({ id: s.id, accountId: s.accountId, endsAt: s.currentPeriodEnd })
      .from(s)
      .where(
        and(
          eq(s.status, 'active'),
          eq(s.autoRenew, false),
          gt(s.currentPeriodEnd, now),
          lte(s.currentPeriodEnd, new Date(now.getTime() + ENDING_NOTICE_DAYS * DAY_MS)),
        ),
      );
    let queued = 0;
    for (const row of ending) {
      const job: EndingNoticeJob = {
        accountId: row.accountId,
        subscriptionId: row.id,
        endsAt: row.endsAt.toISOString(),
      };
      const id = await queue.enqueue(MEMBERSHIP_NOTICE_QUEUE, job, {
        dedupeKey: `ending:${row.id}:${job.endsAt}`,
      });
      if (id) queued++;
    }
    return queued;
  }

  /** Writes one "ends in 3 days" notice, unless the membership was renewed, resumed or ended meanwhile. */
  const sendEndingNotice: JobHandler<EndingNoticeJob> = async ({ payload }) => {
    const [row] = await db
      .select({
        status: subscriptions.status,
        autoRenew: subscriptions.autoRenew,
        endsAt: subscriptions.currentPeriodEnd,
        name: tiers.name,
        names: tiers.names,
      })
      .from(subscriptions)
      .innerJoin(tiers, eq(tiers.id, subscriptions.tierId))
      .where(eq(subscriptions.id, payload.subscriptionId));
    if (row?.status !== 'active' || row.autoRenew) return;
    if (row.endsAt.toISOString() !== payload.endsAt || row.endsAt <= clock.now()) return;
    const tier = tierText(row);
    const days = Math.max(1, Math.ceil((row.endsAt.getTime() - clock.now().getTime()) / DAY_MS));
    const notice = payment(
      'membership.ending',
      {
        en: `Your ${tier.en} membership ends in ${days === 1 ? '1 day' : `${days} days`}`,
        'zh-CN': `你的${tier.zh}会员将在 ${days} 天后到期`,
      },
      { subscriptionId: payload.subscriptionId, endsAt: payload.endsAt },
    );
    await db.transaction((tx) => notifications.hubNotice(tx, { recipient: payload.accountId, ...notice }));
  };

  return { onSecurityEvent, onMembershipChange, queueEndingNotices, sendEndingNotice };
}

export type HubNotices = ReturnType<typeof createHubNotices>;
