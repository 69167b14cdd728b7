import { ApiError } from '@orbit/ui/api';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { membershipAdmin } from '../../api/membership';
import type { GrowthEntry, Levels, Subscription, Tier } from '../../api/membership-types';
import { Dialog } from '../../components/Dialog';
import { FormError } from '../../components/FormError';
import { TextField } from '../../components/TextField';
import { useTierName } from '../../components/TierBadge';
import { useErrorText } from '../../i18n/use-error-text';
import { useAction } from '../../lib/use-action';
import {
  type AdjustmentField,
  type AdjustmentProblem,
  checkAdjustment,
  checkGrant,
  type GrantField,
  type GrantProblem,
} from './tiers/levels-form';

/**
 * An admin's writes on an account's memberships: revoking one (with a reason), granting one free, and adjusting
 * the account's growth points (with a reason).
 */

/** Ends a live membership at once, without a refund, once the admin gives a reason. */
export function RevokeDialog({
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

/** A complimentary membership: a tier (not retired), the last day, and why. */
export function GrantForm({
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

/** The server's word on a negative adjustment that went too far: the total the account has. */
function totalRefused(error: unknown): number | undefined {
  if (!(error instanceof ApiError) || error.code !== 'membership.growth_below_zero') return undefined;
  const total = (error.details as { total?: unknown } | undefined)?.total;
  return typeof total === 'number' ? total : undefined;
}

/** Adds growth points to the account, or with a minus sign takes them away, with a reason for its log. */
export function AdjustGrowthForm({
  accountId,
  onAdjusted,
}: {
  accountId: string;
  onAdjusted: (adjusted: { entry: GrowthEntry; levels: Levels }) => void;
}) {
  const { t, i18n } = useTranslation();
  const { fields: fieldErrors } = useErrorText();
  const [fields, setFields] = useState({ points: '', reason: '' });
  const [problems, setProblems] = useState<Partial<Record<AdjustmentField, AdjustmentProblem>>>({});
  const adjust = useAction(membershipAdmin.adjustGrowth);
  const server = fieldErrors(adjust.error);
  const refused = totalRefused(adjust.error);
  const number = new Intl.NumberFormat(i18n.resolvedLanguage ?? 'en');
  const problem = (name: AdjustmentField) => {
    if (problems[name]) return t(`adminMembership.account.problems.${problems[name]}`);
    if (name === 'points' && refused !== undefined)
      return t('adminMembership.account.problems.belowZero', { total: number.format(refused) });
    // The hub names the fields `delta` and `note`.
    return server[name === 'points' ? 'delta' : 'note'];
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const checked = checkAdjustment(fields);
    setProblems(checked.ok ? {} : checked.problems);
    if (!checked.ok) return;
    const result = await adjust.run(accountId, checked.adjustment);
    if (!result.ok) return;
    setFields({ points: '', reason: '' });
    onAdjusted(result.value);
  };

  return (
    <form className="form grant-form" onSubmit={submit} noValidate data-testid="adjust-growth-form">
      <h3>{t('adminMembership.account.adjustTitle')}</h3>
      <p className="membership-status">{t('adminMembership.account.adjustIntro')}</p>
      <FormError error={adjust.error} />
      <TextField
        label={t('adminMembership.account.points')}
        name="points"
        testId="adjust-growth-points"
        value={fields.points}
        onChange={(points) => setFields({ ...fields, points })}
        hint={t('adminMembership.account.pointsHint')}
        error={problem('points')}
        maxLength={8}
        verbatim
      />
      <TextField
        label={t('adminMembership.account.reason')}
        name="reason"
        testId="adjust-growth-reason"
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
          data-testid="adjust-growth-submit"
          disabled={adjust.pending}
        >
          {adjust.pending ? t('adminMembership.account.adjusting') : t('adminMembership.account.adjust')}
        </button>
      </div>
    </form>
  );
}
