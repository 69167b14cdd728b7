import { type ReactNode, useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { membership } from '../api/membership';
import { ActivityBadge } from '../components/ActivityBadge';
import { FormError } from '../components/FormError';
import { Loading } from '../components/Loading';
import { VipBadge } from '../components/VipBadge';
import { type Load, useLoad } from '../lib/use-load';
import { showMyLevels } from '../membership/levels-store';
import { useSession } from '../session/context';
import { ActivitySection } from './membership/ActivitySection';
import { BuySection } from './membership/BuySection';
import { CurrentSection } from './membership/CurrentSection';
import { GrowthSection } from './membership/GrowthSection';
import { PreferencesSection } from './membership/PreferencesSection';
import { ReceiptsSection } from './membership/ReceiptsSection';

/**
 * `/account/membership`, the account center's membership section: the account's memberships and their actions,
 * buying one, growth and VIP level with its chart, the activity level, receipts and preferences. Rendered inside
 * the account center's frame (`AccountPage`), only when signed in.
 */
export function MembershipPage() {
  const { t } = useTranslation();
  const { account } = useSession();
  const accountId = account?.id ?? '';
  const [version, setVersion] = useState(0);
  const subscriptions = useLoad(membership.mine, accountId);
  const tiers = useLoad(membership.tiersOnSale, accountId);
  const receipts = useLoad(membership.receipts, accountId);
  const levels = useLoad(async () => {
    const loaded = await membership.levels();
    showMyLevels(accountId, loaded);
    return loaded;
  }, accountId);
  const { reload: reloadSubscriptions } = subscriptions;
  const { reload: reloadReceipts } = receipts;
  const { reload: reloadLevels } = levels;

  /** After a purchase or any change: what it touched is loaded again (the top bar's badges too). */
  const changed = useCallback(async () => {
    setVersion((n) => n + 1);
    await Promise.all([reloadSubscriptions(), reloadReceipts(), reloadLevels()]);
  }, [reloadSubscriptions, reloadReceipts, reloadLevels]);

  if (!account) return null;
  const subs = subscriptions.state.status === 'ready' ? subscriptions.state.value : null;
  const onSale = tiers.state.status === 'ready' ? tiers.state.value : null;
  const level = levels.state.status === 'ready' ? levels.state.value : null;

  return (
    <div className="account-sections" data-testid="membership-page">
      <header className="card membership-header">
        <div className="account-title">
          <h2>{t('membership.title')}</h2>
          {level && (
            <span className="badge-row" data-testid="membership-badges">
              <VipBadge level={level.growth.vipLevel} testId="membership-vip-badge" />
              <ActivityBadge level={level.activity.level} testId="membership-activity-badge" />
            </span>
          )}
        </div>
        <p className="card-intro">{t('membership.intro')}</p>
      </header>

      <div className="account-sections">
        <Loaded
          load={[subscriptions.state, tiers.state]}
          retry={() => {
            subscriptions.retry();
            tiers.retry();
          }}
        >
          {subs && onSale && (
            <>
              <CurrentSection subscriptions={subs} tiers={onSale} onChanged={changed} />
              <BuySection tiers={onSale} subscriptions={subs} onBought={changed} />
            </>
          )}
        </Loaded>
        <Loaded load={[levels.state]} retry={levels.retry}>
          {level && (
            <>
              <GrowthSection levels={level} version={version} />
              <ActivitySection activity={level.activity} />
            </>
          )}
        </Loaded>
        <Loaded load={[receipts.state]} retry={receipts.retry}>
          {receipts.state.status === 'ready' && <ReceiptsSection receipts={receipts.state.value} />}
        </Loaded>
        {level && (
          <PreferencesSection
            timeZone={level.timeZone}
            showBadges={level.showBadges}
            onSaved={() => reloadLevels()}
          />
        )}
      </div>
    </div>
  );
}

/** Its children once every load is ready; meanwhile a spinner, or the first error with "Try again". */
function Loaded({
  load,
  retry,
  children,
}: {
  load: Load<unknown>[];
  retry: () => void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const failed = load.find((l) => l.status === 'error');
  if (failed?.status === 'error') {
    return (
      <div className="card launcher-problem">
        <FormError error={failed.error} />
        <button type="button" className="button" onClick={retry}>
          {t('app.retry')}
        </button>
      </div>
    );
  }
  if (load.some((l) => l.status === 'loading')) return <Loading label={t('membership.loading')} />;
  return <>{children}</>;
}
