import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { membership } from '../../api/membership';
import type { Subscription, Tier } from '../../api/membership-types';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { TierBadge, useTierName } from '../../components/TierBadge';
import { formatDate } from '../../i18n/dates';
import { isLive, statusLine } from '../../membership/status';
import { Section } from '../account/Section';
import { CardDialog } from './CardDialog';
import { ChangeDialog, type Changed } from './ChangeDialog';
import { type SubscriptionAction, SubscriptionItem } from './SubscriptionItem';

type Running = { id: string; action: SubscriptionAction };
type Done = { text: string };

interface CurrentSectionProps {
  subscriptions: Subscription[];
  tiers: Tier[];
  /** After any change: the page loads memberships, receipts and levels again (resolved once shown). */
  onChanged: () => Promise<void>;
}

/** The account's live memberships with their actions, and the ended ones folded away below. */
export function CurrentSection({ subscriptions, tiers, onChanged }: CurrentSectionProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  const tierName = useTierName();
  const [running, setRunning] = useState<Running | null>(null);
  const [failed, setFailed] = useState<{ id: string; error: unknown } | null>(null);
  const [done, setDone] = useState<Done | null>(null);
  const [confirmCancel, setConfirmCancel] = useState<Subscription | null>(null);
  const [changing, setChanging] = useState<Subscription | null>(null);
  const [updatingCard, setUpdatingCard] = useState<Subscription | null>(null);
  const live = subscriptions.filter(isLive);
  const ended = subscriptions.filter((s) => !isLive(s));
  const date = (iso: string) => formatDate(iso, language);

  /** Runs one action on one membership at a time; its answer is shown, then everything is loaded again. */
  const run = async (
    subscription: Subscription,
    action: SubscriptionAction,
    send: () => Promise<Subscription>,
  ) => {
    if (running) return;
    setRunning({ id: subscription.id, action });
    setFailed(null);
    setDone(null);
    try {
      const updated = await send();
      const tier = tierName(updated.tier);
      const end = date(updated.currentPeriodEnd);
      const text =
        action === 'cancel'
          ? t('membership.current.done.cancel', { tier, date: end })
          : action === 'resume'
            ? t('membership.current.done.resume', { tier, date: end })
            : t('membership.current.done.keep', { tier });
      // The outcome is announced once the list shows it, so what is said and what is shown agree.
      await onChanged();
      setDone({ text });
    } catch (error) {
      setFailed({ id: subscription.id, error });
    } finally {
      setRunning(null);
    }
  };

  const act = (subscription: Subscription, action: SubscriptionAction) => {
    setDone(null);
    setFailed(null);
    switch (action) {
      case 'cancel':
        return setConfirmCancel(subscription);
      case 'change':
        return setChanging(subscription);
      case 'card':
        return setUpdatingCard(subscription);
      case 'resume':
        return run(subscription, 'resume', () => membership.resume(subscription.id));
      case 'keep':
        // Cancelling a scheduled downgrade is scheduling the current tier and period.
        return run(subscription, 'keep', () =>
          membership.downgrade(subscription.id, {
            tierId: subscription.tierId,
            period: subscription.period ?? 'month',
          }),
        );
    }
  };

  const changed = async ({ kind, subscription }: Changed) => {
    setChanging(null);
    await onChanged();
    const tier = tierName(
      tiers.find((x) => x.id === (subscription.nextTierId ?? subscription.tierId)) ?? subscription.tier,
    );
    setDone({
      text:
        kind === 'upgrade'
          ? t('membership.current.done.upgrade', { tier: tierName(subscription.tier) })
          : t('membership.current.done.downgrade', { tier, date: date(subscription.currentPeriodEnd) }),
    });
  };

  return (
    <Section title={t('membership.current.title')} intro={t('membership.current.intro')}>
      <div role="status" className="form-status" data-testid="membership-status">
        {done && <span className="saved">{done.text}</span>}
      </div>
      {live.length === 0 ? (
        <p className="membership-note" data-testid="membership-none">
          {t('membership.current.none')}
        </p>
      ) : (
        <ul className="membership-list" data-testid="membership-live">
          {live.map((subscription) => (
            <SubscriptionItem
              key={subscription.id}
              subscription={subscription}
              tiers={tiers}
              running={running}
              error={failed?.id === subscription.id ? failed.error : null}
              onAction={(action) => act(subscription, action)}
            />
          ))}
        </ul>
      )}
      {ended.length > 0 && (
        <details className="admin-details" data-testid="membership-past">
          <summary>{t('membership.current.past')}</summary>
          <ul className="membership-past-list">
            {ended.map((subscription) => {
              const status = statusLine(subscription);
              return (
                <li key={subscription.id} data-testid={`past-subscription-${subscription.tierId}`}>
                  <TierBadge tier={subscription.tier} />
                  <span>
                    {date(subscription.startedAt)} – {date(status.date)}
                  </span>
                  {subscription.endReason && (
                    <span className="badge">
                      {t(`membership.current.endReason.${subscription.endReason}`)}
                    </span>
                  )}
                </li>
              );
            })}
          </ul>
        </details>
      )}

      {confirmCancel && (
        <ConfirmDialog
          title={t('membership.current.confirmCancel.title', { tier: tierName(confirmCancel.tier) })}
          confirmLabel={t('membership.current.confirmCancel.ok')}
          cancelLabel={t('membership.current.confirmCancel.back')}
          danger
          onConfirm={() => {
            const subscription = confirmCancel;
            setConfirmCancel(null);
            void run(subscription, 'cancel', () => membership.cancel(subscription.id));
          }}
          onCancel={() => setConfirmCancel(null)}
        >
          <p>{t('membership.current.confirmCancel.body', { date: date(confirmCancel.currentPeriodEnd) })}</p>
        </ConfirmDialog>
      )}
      {changing && (
        <ChangeDialog
          subscription={changing}
          tiers={tiers}
          onDone={changed}
          onCancel={() => setChanging(null)}
        />
      )}
      {updatingCard && (
        <CardDialog
          subscription={updatingCard}
          onDone={async () => {
            setUpdatingCard(null);
            await onChanged();
            setDone({ text: t('membership.current.done.card') });
          }}
          onCancel={() => setUpdatingCard(null)}
        />
      )}
    </Section>
  );
}
