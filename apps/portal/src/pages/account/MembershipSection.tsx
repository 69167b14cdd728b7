import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { membership } from '../../api/membership';
import { FormError } from '../../components/FormError';
import { Loading } from '../../components/Loading';
import { TierBadge } from '../../components/TierBadge';
import { formatDate } from '../../i18n/dates';
import { useLoad } from '../../lib/use-load';
import { isLive, statusLine } from '../../membership/status';
import { Section } from './Section';

/** The account page's glimpse of the memberships held, and the way to the Membership page. */
export function MembershipSection({ accountId }: { accountId: string }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  const subscriptions = useLoad(membership.mine, accountId);
  const live = subscriptions.state.status === 'ready' ? subscriptions.state.value.filter(isLive) : [];

  return (
    <Section title={t('membership.summary.title')} intro={t('membership.summary.intro')}>
      {subscriptions.state.status === 'loading' && <Loading label={t('membership.loading')} />}
      {subscriptions.state.status === 'error' && <FormError error={subscriptions.state.error} />}
      {subscriptions.state.status === 'ready' &&
        (live.length === 0 ? (
          <p className="membership-note">{t('membership.summary.none')}</p>
        ) : (
          <ul className="membership-past-list" data-testid="account-memberships">
            {live.map((subscription) => {
              const status = statusLine(subscription);
              const date = formatDate(status.date, language);
              return (
                <li key={subscription.id}>
                  <TierBadge tier={subscription.tier} />
                  <span>
                    {status.kind === 'renews' && t('membership.current.renews', { date })}
                    {status.kind === 'ends' && t('membership.current.ends', { date })}
                    {status.kind === 'pastDue' && t('membership.current.pastDue', { date })}
                  </span>
                </li>
              );
            })}
          </ul>
        ))}
      <p>
        <Link to="/account/membership" className="button" data-testid="account-membership-link">
          {t('membership.summary.open')}
        </Link>
      </p>
    </Section>
  );
}
