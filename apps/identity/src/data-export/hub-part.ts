import { toCsv } from '@orbit/contracts';
import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm';
import { rolesOf, viewAccount } from '../accounts/index.js';
import { accounts, avatars, type SessionRow, sessions } from '../db/schema.js';
import type { IdentityDb } from '../kernel/db.js';
import { type Notifications, notificationItems } from '../notifications/index.js';
import { clients, grants, type OidcExports } from '../oidc/index.js';
import { passkeys, recoveryCodes } from '../passkeys/index.js';
import { securityEvents, viewSecurityEvent } from '../security/index.js';
import type { SessionView } from '../sessions/index.js';
import type { Privacy, Social } from '../social/index.js';
import type { ArchiveEntry } from './archive.js';

const iso = (date: Date | null) => date?.toISOString() ?? null;

/** The file extension of an avatar's media type (the types accounts accept). */
const AVATAR_EXTENSIONS: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
  'image/gif': 'gif',
};

/** What the membership layer holds about an account: subscriptions, receipts, growth and active days. */
export interface MembershipPart {
  subscriptions: unknown;
  receipts: {
    number: string;
    kind: string;
    tierName: string;
    amountMinor: number;
    currency: string;
    periodStart: string | null;
    periodEnd: string | null;
    description: string;
    createdAt: string;
  }[];
  levels: unknown;
}

export interface HubPartDeps {
  db: IdentityDb;
  sessions: { view(row: SessionRow, currentId: string | undefined): SessionView };
  membership: (accountId: string) => Promise<MembershipPart>;
  social: Pick<Social, 'friends' | 'requests' | 'blocks' | 'mutes' | 'discoverability'>;
  privacy: Pick<Privacy, 'privacy'>;
  notifications: Pick<Notifications, 'preferences'>;
  consents: Pick<OidcExports['consents'], 'list'>;
}

/**
 * The hub's part of an export: everything it holds about the account, as files under `hub/` — JSON for
 * everything, CSV beside the tables one reads in a spreadsheet (sessions, security log, friends, receipts) and
 * the avatar as the image uploaded. Never a secret: no password hash, session or refresh token, passkey public
 * key or credential id, recovery code hash. Undefined when the account is gone.
 */
export function createHubPart(deps: HubPartDeps) {
  const { db } = deps;

  async function account(accountId: string) {
    const [row] = await db.select().from(accounts).where(eq(accounts.id, accountId));
    return row;
  }

  async function security(accountId: string) {
    const passkeyRows = await db
      .select()
      .from(passkeys)
      .where(eq(passkeys.accountId, accountId))
      .orderBy(asc(passkeys.createdAt));
    const [codes] = await db
      .select({ remaining: sql<number>`count(*)::int` })
      .from(recoveryCodes)
      .where(and(eq(recoveryCodes.accountId, accountId), isNull(recoveryCodes.usedAt)));
    const sessionRows = await db
      .select()
      .from(sessions)
      .where(eq(sessions.accountId, accountId))
      .orderBy(desc(sessions.createdAt));
    const events = await db
      .select()
      .from(securityEvents)
      .where(eq(securityEvents.accountId, accountId))
      .orderBy(desc(securityEvents.id));
    return {
      // Only what the user can recognise a passkey by: never its public key, credential id or counter.
      passkeys: passkeyRows.map((p) => ({
        id: p.id,
        name: p.name,
        createdAt: p.createdAt.toISOString(),
        lastUsedAt: iso(p.lastUsedAt),
        deviceType: p.deviceType,
        backedUp: p.backedUp,
        transports: p.transports,
        aaguid: p.aaguid,
      })),
      recoveryCodes: { remaining: codes?.remaining ?? 0 },
      sessions: sessionRows.map((row) => ({
        ...deps.sessions.view(row, undefined),
        revokedAt: iso(row.revokedAt),
      })),
      securityLog: events.map(viewSecurityEvent),
    };
  }

  async function connectedApps(accountId: string) {
    const grantRows = await db
      .select({ grant: grants, clientName: clients.name })
      .from(grants)
      .innerJoin(clients, eq(clients.id, grants.clientId))
      .where(eq(grants.accountId, accountId))
      .orderBy(desc(grants.createdAt));
    return {
      consents: await deps.consents.list(accountId),
      grants: grantRows.map(({ grant, clientName }) => ({
        id: grant.id,
        clientId: grant.clientId,
        clientName,
        scope: grant.scope,
        sessionId: grant.sessionId,
        acr: grant.acr,
        amr: grant.amr,
        createdAt: grant.createdAt.toISOString(),
        revokedAt: iso(grant.revokedAt),
        revokedReason: grant.revokedReason,
      })),
    };
  }

  async function socialFiles(accountId: string): Promise<ArchiveEntry[]> {
    const [friends, requests, blocked, muted, discoverability, privacy] = await Promise.all([
      deps.social.friends(accountId),
      deps.social.requests(accountId),
      deps.social.blocks(accountId),
      deps.social.mutes(accountId),
      deps.social.discoverability(accountId),
      deps.privacy.privacy(accountId),
    ]);
    const groupName = new Map(friends.groups.map((g) => [g.id, g.name]));
    const file = (path: string, description: string, data: unknown): ArchiveEntry => ({
      path: `hub/social/${path}`,
      source: 'hub',
      description,
      data,
    });
    return [
      file(
        'friends.json',
        'Your friends and friend groups, with your remarks and special-care marks.',
        friends,
      ),
      file(
        'friends.csv',
        'Your friends as a table.',
        toCsv(
          ['account_number', 'handle', 'display_name', 'group', 'remark', 'special_care', 'muted', 'since'],
          friends.friends.map((f) => [
            f.accountNumber,
            f.handle,
            f.displayName,
            f.groupId === null ? '' : (groupName.get(f.groupId) ?? ''),
            f.remark,
            f.specialCare,
            f.muted,
            f.since,
          ]),
        ),
      ),
      file(
        'requests.json',
        'Friend requests you received and have not answered, and those you sent.',
        requests,
      ),
      file('blocks.json', 'The people you blocked.', blocked),
      file('mutes.json', 'The people whose activity you muted, and until when.', muted),
      file(
        'privacy.json',
        'Who may find you and send you requests, who sees each profile field, and your posts’ default audience.',
        { discoverability, profile: privacy },
      ),
    ];
  }

  async function notificationFiles(accountId: string): Promise<ArchiveEntry[]> {
    const t = notificationItems;
    const items = await db
      .select({
        id: t.id,
        source: t.source,
        type: t.type,
        category: t.category,
        groupKey: t.groupKey,
        actorIds: t.actorIds,
        actorCount: t.actorCount,
        target: t.target,
        url: t.url,
        text: t.text,
        data: t.data,
        createdAt: t.createdAt,
        updatedAt: t.updatedAt,
        readAt: t.readAt,
      })
      .from(t)
      .where(eq(t.accountId, accountId))
      .orderBy(desc(t.updatedAt), desc(t.id));
    return [
      {
        path: 'hub/notifications.json',
        source: 'hub',
        description: 'Your notifications from the hub and every service, read and unread.',
        data: items,
      },
      {
        path: 'hub/notification-preferences.json',
        source: 'hub',
        description: 'Which notifications reach you in the bell and by email, and your quiet hours.',
        data: await deps.notifications.preferences(accountId),
      },
    ];
  }

  return async function hubPart(accountId: string): Promise<ArchiveEntry[] | undefined> {
    const row = await account(accountId);
    if (!row) return undefined;
    const [avatar] = await db
      .select({ contentType: avatars.contentType, data: avatars.data })
      .from(avatars)
      .where(eq(avatars.accountId, accountId));
    const {
      passkeys: keys,
      recoveryCodes: codes,
      sessions: sessionViews,
      securityLog,
    } = await security(accountId);
    const membership = await deps.membership(accountId);
    const file = (path: string, description: string, data: unknown, contentType?: string): ArchiveEntry => ({
      path: `hub/${path}`,
      source: 'hub',
      description,
      data,
      ...(contentType ? { contentType } : {}),
    });
    const avatarFile = avatar ? `avatar.${AVATAR_EXTENSIONS[avatar.contentType] ?? 'bin'}` : null;
    return [
      file('account.json', 'Your account: number, handle, profile, email, roles, language and time zone.', {
        ...viewAccount(row, await rolesOf(db, accountId)),
        timeZone: row.timeZone,
        updatedAt: row.updatedAt.toISOString(),
        passwordChangedAt: row.passwordChangedAt.toISOString(),
        avatar: avatar
          ? { file: avatarFile, contentType: avatar.contentType, bytes: avatar.data.length }
          : null,
      }),
      ...(avatar && avatarFile
        ? [
            file(
              avatarFile,
              'Your profile picture, as you uploaded it.',
              new Uint8Array(avatar.data),
              avatar.contentType,
            ),
          ]
        : []),
      file(
        'passkeys.json',
        'Your passkeys (names and devices, never their keys) and unused recovery codes.',
        {
          passkeys: keys,
          recoveryCodes: codes,
        },
      ),
      file(
        'sessions.json',
        'Every browser and device signed in to your account, ended ones too.',
        sessionViews,
      ),
      file(
        'sessions.csv',
        'Your sessions as a table.',
        toCsv(
          ['id', 'device', 'ip', 'created_at', 'last_seen_at', 'expires_at', 'revoked_at'],
          sessionViews.map((s) => [
            s.id,
            s.device,
            s.ip,
            s.createdAt,
            s.lastSeenAt,
            s.expiresAt,
            s.revokedAt,
          ]),
        ),
      ),
      file(
        'connected-apps.json',
        'The services and apps you allowed to use your account, and their sign-ins.',
        await connectedApps(accountId),
      ),
      file('security-log.json', 'Your security log: sign-ins and changes to your account.', securityLog),
      file(
        'security-log.csv',
        'Your security log as a table.',
        toCsv(
          ['id', 'type', 'created_at', 'ip', 'device', 'details'],
          securityLog.map((e) => [e.id, e.type, e.createdAt, e.ip, e.device, e.details]),
        ),
      ),
      file(
        'membership.json',
        'Your memberships (every subscription), receipts, growth and active days.',
        membership,
      ),
      file(
        'receipts.csv',
        'Your receipts as a table (amounts in minor units: cents, fen).',
        toCsv(
          [
            'number',
            'kind',
            'tier',
            'amount_minor',
            'currency',
            'period_start',
            'period_end',
            'description',
            'created_at',
          ],
          membership.receipts.map((r) => [
            r.number,
            r.kind,
            r.tierName,
            r.amountMinor,
            r.currency,
            r.periodStart,
            r.periodEnd,
            r.description,
            r.createdAt,
          ]),
        ),
      ),
      ...(await socialFiles(accountId)),
      ...(await notificationFiles(accountId)),
    ];
  };
}

export type HubPart = ReturnType<typeof createHubPart>;
