import { useTranslation } from 'react-i18next';
import type { Subscription, Tier } from '../../api/membership-types';
import { FormError } from '../../components/FormError';
import { TierBadge, useTierName } from '../../components/TierBadge';
import { formatDate } from '../../i18n/dates';
import { formatMoney } from '../../membership/money';
import { actionsFor, statusLine } from '../../membership/status';

export type SubscriptionAction = 'cancel' | 'resume' | 'change' | 'card' | 'keep';

interface SubscriptionItemProps {
  subscription: Subscription;
  /** Tiers on sale, to name a scheduled tier. */
  tiers: Tier[];
  /** The action running now on any membership: every button waits for it. */
  running: { id: string; action: SubscriptionAction } | null;
  error: unknown;
  onAction: (action: SubscriptionAction) => void;
}

/** One live membership: its tier, where it stands, what it costs and on which card, and what can be done. */
export function SubscriptionItem({ subscription, tiers, running, error, onAction }: SubscriptionItemProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  const tierName = useTierName();
  const date = (iso: string) => formatDate(iso, language);
  const status = statusLine(subscription);
  const actions = actionsFor(subscription);
  const here = running?.id === subscription.id ? running.action : null;
  const { period, currency, amountMinor, card } = subscription;
  const nextTier = tiers.find((tier) => tier.id === subscription.nextTierId);
  const scheduled =
    subscription.nextTierId !== null &&
    subscription.nextPeriod !== null &&
    (subscription.nextTierId !== subscription.tierId || subscription.nextPeriod !== subscription.period);
  const button = (action: SubscriptionAction, label: string, busy: string, className = 'button') => (
    <button
      type="button"
      className={className}
      data-testid={`subscription-${action === 'card' ? 'update-card' : action}-${subscription.tierId}`}
      aria-disabled={running !== null}
      onClick={() => running === null && onAction(action)}
    >
      {here === action ? busy : label}
    </button>
  );

  return (
    <li
      className="membership-item"
      data-testid={`subscription-${subscription.tierId}`}
      data-status={subscription.status}
      data-source={subscription.source}
    >
      <div className="membership-item-head">
        <TierBadge tier={subscription.tier} />
        {subscription.source === 'complimentary' && (
          <span className="badge">{t('membership.current.complimentary')}</span>
        )}
        <span
          className="membership-status"
          data-testid={`subscription-status-${subscription.tierId}`}
          data-kind={status.kind}
        >
          {status.kind === 'renews' && t('membership.current.renews', { date: date(status.date) })}
          {status.kind === 'ends' && t('membership.current.ends', { date: date(status.date) })}
          {status.kind === 'ended' && t('membership.current.ended', { date: date(status.date) })}
        </span>
      </div>
      {status.kind === 'pastDue' && (
        <p className="alert alert-error" data-testid={`subscription-past-due-${subscription.tierId}`}>
          {t('membership.current.pastDue', { date: date(status.date) })}
        </p>
      )}
      <dl className="membership-facts">
        <div>
          <dt>{t('membership.current.period')}</dt>
          <dd>
            {date(subscription.currentPeriodStart)} – {date(subscription.currentPeriodEnd)}
          </dd>
        </div>
        {period && currency && amountMinor !== null && (
          <div>
            <dt>{t('membership.current.price')}</dt>
            <dd data-testid={`subscription-price-${subscription.tierId}`}>
              {t(`membership.per.${period}`, { amount: formatMoney(amountMinor, currency, language) })}
            </dd>
          </div>
        )}
        {subscription.source === 'purchase' && (
          <div>
            <dt>{t('membership.current.card')}</dt>
            <dd data-testid={`subscription-card-${subscription.tierId}`}>
              {card
                ? t('membership.current.cardValue', { brand: brandName(card.brand), last4: card.last4 })
                : t('membership.current.noCard')}
            </dd>
          </div>
        )}
      </dl>
      {subscription.grantReason && (
        <p className="membership-note">
          {t('membership.current.grantReason', { reason: subscription.grantReason })}
        </p>
      )}
      {scheduled && subscription.nextPeriod && (
        <div className="membership-scheduled" data-testid={`subscription-scheduled-${subscription.tierId}`}>
          <p>
            {t('membership.current.scheduled', {
              tier: nextTier ? tierName(nextTier) : subscription.nextTierId,
              period: t(`membership.period.${subscription.nextPeriod}`),
              date: date(subscription.currentPeriodEnd),
            })}
          </p>
          {button(
            'keep',
            t('membership.current.keep', { tier: tierName(subscription.tier) }),
            t('membership.current.keeping'),
          )}
        </div>
      )}
      {(actions.cancel || actions.resume || actions.change || actions.updateCard) && (
        <div className="membership-actions">
          {actions.change &&
            button(
              'change',
              t('membership.current.change'),
              t('membership.current.change'),
              'button button-primary',
            )}
          {actions.updateCard &&
            button('card', t('membership.current.updateCard'), t('membership.current.updateCard'))}
          {actions.resume &&
            button('resume', t('membership.current.resume'), t('membership.current.resuming'))}
          {actions.cancel &&
            button(
              'cancel',
              t('membership.current.cancel'),
              t('membership.current.cancelling'),
              'button button-danger',
            )}
        </div>
      )}
      <FormError error={error} />
    </li>
  );
}

/** `visa` → `Visa`: brands come lower-case from the provider. */
export const brandName = (brand: string): string =>
  brand === 'amex' ? 'American Express' : brand.charAt(0).toUpperCase() + brand.slice(1);
