import { useTranslation } from 'react-i18next';
import type { TierSummary } from '../api/membership-types';
import { localized } from '../launcher/localized';

/** A tier's name in the reader's language, after a dot of its badge colour. */
export function TierBadge({
  tier,
  testId,
}: {
  tier: Pick<TierSummary, 'name' | 'names' | 'color'>;
  testId?: string;
}) {
  const { i18n } = useTranslation();
  return (
    <span className="tier-badge" data-testid={testId}>
      <span className="tier-swatch" style={{ background: tier.color }} aria-hidden="true" />
      {localized(tier.name, tier.names, i18n.resolvedLanguage ?? 'en')}
    </span>
  );
}

/** The tier's name alone, in the reader's language. */
export function useTierName() {
  const { i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  return (tier: Pick<TierSummary, 'name' | 'names'>) => localized(tier.name, tier.names, language);
}
