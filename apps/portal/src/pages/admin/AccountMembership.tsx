import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { membershipAdmin } from '../../api/membership';
import type { Subscription, Tier } from '../../api/membership-types';
import { ActivityBadge } from '../../components/ActivityBadge';
import { Dialog } from '../../components/Dialog';
import { FormError } from '../../components/FormError';
import { Loading } from '../../components/Loading';
import { TextField } from '../../components/TextField';
import { TierBadge, useTierName } from '../../components/TierBadge';
import { VipBadge } from '../../components/VipBadge';
import { formatDate } from '../../i18n/dates';
import { useErrorText } from '../../i18n/use-error-text';
import { useAction } from '../../lib/use-action';
import { useLoad } from '../../lib/use-load';
import { formatMoney } from '../../membership/money';
import { isLive, statusLine } from '../../membership/status';
import { checkGrant, type GrantField, type GrantProblem } from './tiers/levels-form';

/**
 * An account's memberships as an admin sees them, every one with its status; a live one can be revoked (with
 * a reason), and a complimentary membership granted. Its growth, VIP and activity levels above.
 */
export function AccountMembership({ accountId }: { accountId: string }) {
  const { t } = useTranslation();
  const data = useLoad(async () => {
    const [membership, levels, tiers] = await Promise.all([
      membershipAdmin.accountMembership(accountId),
      membershipAdmin.accountLevels(accountId),
      membershipAdmin.tiers(),
    ]);
    return { subscriptions: membership.subscriptions, levels, tiers: tiers.filter((tier) => !tier.retired) };
  }, accountId);
  const [done, setDone] = useState<string | null>(null);
  const [revoking, setRevoking] = useState<Subscription | null>(null);
  const tierName = useTierName();
  const number = new Intl.NumberFormat();

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

function RevokeDialog({
  subscription,
  onCancel,
  onRevoked,
}: {
  subscription: Subscription;
  onCancel: () => void;
  onRevoked: () => void;
}) {
  const { t } = useTranslation();
  const tierName = useTierName();
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const revoke = useAction(membershipAdmin.revoke);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setMissing(!reason.trim());
    if (!reason.trim()) return;
    const result = await revoke.run(subscription.id, reason.trim());
    if (result.ok) onRevoked();
  };
  return (
    <Dialog
      title={t('adminMembership.account.revokeTitle', { tier: tierName(subscription.tier) })}
      onDismiss={onCancel}
      testId="revoke-dialog"
    >
      <form className="form" onSubmit={submit} noValidate>
        <div className="dialog-body">
          <p>{t('adminMembership.account.revokeBody')}</p>
          <FormError error={revoke.error} />
          <TextField
            label={t('adminMembership.account.reason')}
            name="reason"
            testId="revoke-reason"
            value={reason}
            onChange={setReason}
            hint={t('adminMembership.account.reasonHint')}
            error={missing ? t('adminMembership.account.problems.required') : undefined}
            maxLength={500}
          />
        </div>
        <div className="dialog-actions">
          <button type="button" className="button" data-testid="revoke-cancel" onClick={onCancel}>
            {t('adminMembership.account.cancel')}
          </button>
          <button
            type="submit"
            className="button button-danger-solid"
            data-testid="revoke-confirm"
            disabled={revoke.pending}
          >
            {revoke.pending ? t('adminMembership.account.revoking') : t('adminMembership.account.revokeOk')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function GrantForm({
  accountId,
  tiers,
  onGranted,
}: {
  accountId: string;
  tiers: Tier[];
  onGranted: (subscription: Subscription) => void;
}) {
  const { t } = useTranslation();
  const { fields: fieldErrors } = useErrorText();
  const tierName = useTierName();
  const tierId = useId();
  const untilId = useId();
  const [fields, setFields] = useState({ tierId: '', until: '', reason: '' });
  const [problems, setProblems] = useState<Partial<Record<GrantField, GrantProblem>>>({});
  const grant = useAction(membershipAdmin.grant);
  const server = fieldErrors(grant.error);
  const problem = (name: GrantField) =>
    problems[name] ? t(`adminMembership.account.problems.${problems[name]}`) : server[name];

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const checked = checkGrant(fields, new Date());
    setProblems(checked.ok ? {} : checked.problems);
    if (!checked.ok) return;
    const result = await grant.run(accountId, checked.grant);
    if (!result.ok) return;
    setFields({ tierId: '', until: '', reason: '' });
    onGranted(result.value.subscription);
  };

  return (
    <form className="form grant-form" onSubmit={submit} noValidate data-testid="grant-form">
      <h3>{t('adminMembership.account.grantTitle')}</h3>
      <FormError error={grant.error} />
      <div className="form-grid">
        <div className={problem('tierId') ? 'field field-invalid' : 'field'}>
          <label htmlFor={tierId}>{t('adminMembership.account.tier')}</label>
          <select
            id={tierId}
            className="select"
            value={fields.tierId}
            onChange={(event) => setFields({ ...fields, tierId: event.target.value })}
            data-testid="grant-tier"
          >
            <option value="">{t('adminMembership.account.chooseTier')}</option>
            {tiers.map((tier) => (
              <option key={tier.id} value={tier.id}>
                {tierName(tier)} ({tier.id})
              </option>
            ))}
          </select>
          {problem('tierId') && <p className="field-error">{problem('tierId')}</p>}
        </div>
        <div className={problem('until') ? 'field field-invalid' : 'field'}>
          <label htmlFor={untilId}>{t('adminMembership.account.until')}</label>
          <input
            id={untilId}
            type="date"
            value={fields.until}
            onChange={(event) => setFields({ ...fields, until: event.target.value })}
            data-testid="grant-until"
          />
          {problem('until') && <p className="field-error">{problem('until')}</p>}
        </div>
      </div>
      <TextField
        label={t('adminMembership.account.reason')}
        name="reason"
        testId="grant-reason"
        value={fields.reason}
        onChange={(reason) => setFields({ ...fields, reason })}
        hint={t('adminMembership.account.reasonHint')}
        error={problem('reason')}
        maxLength={500}
      />
      <div className="form-actions">
        <button
          type="submit"
          className="button button-primary"
          data-testid="grant-submit"
          disabled={grant.pending}
        >
          {grant.pending ? t('adminMembership.account.granting') : t('adminMembership.account.grant')}
        </button>
      </div>
    </form>
  );
}
