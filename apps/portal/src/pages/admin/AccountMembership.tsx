import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { membershipAdmin } from '../../api/membership';
import type { GrowthEntry, Subscription } from '../../api/membership-types';
import { ActivityBadge } from '../../components/ActivityBadge';
import { FormError } from '../../components/FormError';
import { Loading } from '../../components/Loading';
import { TierBadge, useTierName } from '../../components/TierBadge';
import { VipBadge } from '../../components/VipBadge';
import { formatDate, formatDateTime } from '../../i18n/dates';
import { useLoad } from '../../lib/use-load';
import { formatMoney } from '../../membership/money';
import { isLive, statusLine } from '../../membership/status';
import { AdjustGrowthForm, GrantForm, RevokeDialog } from './MembershipGrant';

/** How many of the account's latest growth adjustments the page lists. */
const ADJUSTMENTS_SHOWN = 10;

/**
 * An account's memberships as an admin sees them, every one with its status; a live one can be revoked (with
 * a reason), and a complimentary membership granted. Its growth, VIP and activity levels above; below, the
 * latest growth adjustments with their reasons, and a form to make one.
 */
export function AccountMembership({ accountId }: { accountId: string }) {
  const { t, i18n } = useTranslation();
  const data = useLoad(async () => {
    const [membership, levels, tiers, adjustments] = await Promise.all([
      membershipAdmin.accountMembership(accountId),
      membershipAdmin.accountLevels(accountId),
      membershipAdmin.tiers(),
      membershipAdmin.growthEntries(accountId, { kind: 'adjustment', limit: ADJUSTMENTS_SHOWN }),
    ]);
    return {
      subscriptions: membership.subscriptions,
      levels,
      tiers: tiers.filter((tier) => !tier.retired),
      adjustments,
    };
  }, accountId);
  const [done, setDone] = useState<string | null>(null);
  const [revoking, setRevoking] = useState<Subscription | null>(null);
  const tierName = useTierName();
  const number = new Intl.NumberFormat(i18n.resolvedLanguage ?? 'en');
  const signed = (delta: number) => `${delta > 0 ? '+' : ''}${number.format(delta)}`;

  return (
    <section
      className="card account-section"
      aria-labelledby="admin-account-membership"
      data-testid="admin-account-membership"
    >
      <h2 id="admin-account-membership">{t('adminMembership.account.title')}</h2>
      {data.state.status === 'loading' && <Loading label={t('adminMembership.account.loading')} />}
      {data.state.status === 'error' && <FormError error={data.state.error} />}
      {data.state.status === 'ready' && (
        <>
          <dl className="level-facts" data-testid="admin-account-levels">
            <div>
              <dt>{t('membership.growth.total')}</dt>
              <dd>{number.format(data.state.value.levels.growth.total)}</dd>
            </div>
            <div>
              <dt>{t('membership.growth.level')}</dt>
              <dd data-testid="admin-account-vip-level">
                {data.state.value.levels.growth.vipLevel > 0 ? (
                  <VipBadge level={data.state.value.levels.growth.vipLevel} />
                ) : (
                  '—'
                )}
              </dd>
            </div>
            <div>
              <dt>{t('membership.activity.title')}</dt>
              <dd className="badge-row">
                <ActivityBadge level={data.state.value.levels.activity.level} />
                {t('adminMembership.account.activity', {
                  level: data.state.value.levels.activity.level,
                  days: data.state.value.levels.activity.activeDays,
                })}
              </dd>
            </div>
          </dl>
          <div role="status" className="form-status">
            {done && (
              <span className="saved" data-testid="admin-account-membership-done">
                {done}
              </span>
            )}
          </div>
          <AdminSubscriptionList subscriptions={data.state.value.subscriptions} onRevoke={setRevoking} />
          <GrantForm
            accountId={accountId}
            tiers={data.state.value.tiers}
            onGranted={(subscription) => {
              setDone(t('adminMembership.account.granted', { tier: tierName(subscription.tier) }));
              data.reload();
            }}
          />
          <AdjustmentList adjustments={data.state.value.adjustments} />
          <AdjustGrowthForm
            accountId={accountId}
            onAdjusted={({ entry, levels }) => {
              setDone(
                t('adminMembership.account.adjusted', {
                  delta: signed(entry.delta),
                  total: number.format(levels.growth.total),
                }),
              );
              data.reload();
            }}
          />
        </>
      )}
      {revoking && (
        <RevokeDialog
          subscription={revoking}
          onCancel={() => setRevoking(null)}
          onRevoked={() => {
            setDone(t('adminMembership.account.revoked', { tier: tierName(revoking.tier) }));
            setRevoking(null);
            data.reload();
          }}
        />
      )}
    </section>
  );
}

function AdminSubscriptionList({
  subscriptions,
  onRevoke,
}: {
  subscriptions: Subscription[];
  onRevoke: (subscription: Subscription) => void;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  const tierName = useTierName();
  if (subscriptions.length === 0) return <p className="admin-empty">{t('adminMembership.account.none')}</p>;
  return (
    <ul className="membership-list">
      {subscriptions.map((subscription) => {
        const status = statusLine(subscription);
        const date = formatDate(status.date, language);
        return (
          <li
            key={subscription.id}
            className="membership-item"
            data-testid={`admin-subscription-${subscription.id}`}
            data-status={subscription.status}
          >
            <div className="membership-item-head">
              <TierBadge tier={subscription.tier} />
              <span className="badge">{t(`adminMembership.account.source.${subscription.source}`)}</span>
              <span className="membership-status" data-kind={status.kind}>
                {status.kind === 'renews' && t('membership.current.renews', { date })}
                {status.kind === 'ends' && t('membership.current.ends', { date })}
                {status.kind === 'pastDue' && t('membership.current.pastDue', { date })}
                {status.kind === 'ended' &&
                  `${t('membership.current.ended', { date })}${
                    subscription.endReason
                      ? ` · ${t(`membership.current.endReason.${subscription.endReason}`)}`
                      : ''
                  }`}
              </span>
              {isLive(subscription) && (
                <button
                  type="button"
                  className="button button-danger membership-revoke"
                  aria-label={t('adminMembership.account.revokeLabel', { tier: tierName(subscription.tier) })}
                  onClick={() => onRevoke(subscription)}
                  data-testid={`admin-subscription-revoke-${subscription.tierId}`}
                >
                  {t('adminMembership.account.revoke')}
                </button>
              )}
            </div>
            <p className="membership-status">
              {formatDate(subscription.startedAt, language)} –{' '}
              {formatDate(subscription.currentPeriodEnd, language)}
              {subscription.period && subscription.currency && subscription.amountMinor !== null
                ? ` · ${t(`membership.per.${subscription.period}`, {
                    amount: formatMoney(subscription.amountMinor, subscription.currency, language),
                  })}`
                : ''}
              {subscription.grantReason ? ` · ${subscription.grantReason}` : ''}
            </p>
          </li>
        );
      })}
    </ul>
  );
}

/** The account's latest growth adjustments: the day, the points, the reason and the admin who made each. */
function AdjustmentList({ adjustments }: { adjustments: GrowthEntry[] }) {
  const { t, i18n } = useTranslation();
  const number = new Intl.NumberFormat(i18n.resolvedLanguage ?? 'en', { signDisplay: 'always' });
  return (
    <section aria-labelledby="admin-growth-adjustments" data-testid="admin-growth-adjustments">
      <h3 id="admin-growth-adjustments">{t('adminMembership.account.adjustmentsTitle')}</h3>
      {adjustments.length === 0 ? (
        <p className="admin-empty">{t('adminMembership.account.adjustmentsNone')}</p>
      ) : (
        <ul className="membership-list">
          {adjustments.map((entry) => (
            <li
              key={entry.id}
              className="membership-item"
              data-testid={`admin-growth-adjustment-${entry.id}`}
            >
              <div className="membership-item-head">
                <span className="badge">{number.format(entry.delta)}</span>
                <span>{entry.note}</span>
              </div>
              <p className="membership-status">
                {formatDateTime(entry.createdAt, i18n.resolvedLanguage ?? 'en')}
                {entry.by?.handle
                  ? ` · ${t('adminMembership.account.adjustedBy', { handle: entry.by.handle })}`
                  : ''}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
