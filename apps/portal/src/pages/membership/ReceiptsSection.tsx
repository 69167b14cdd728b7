import { useTranslation } from 'react-i18next';
import type { Receipt } from '../../api/membership-types';
import { formatDate } from '../../i18n/dates';
import { formatMoney } from '../../membership/money';
import { Section } from '../account/Section';
import { brandName } from './SubscriptionItem';

/** Every charge, credit and refund of the account, newest first; a credit or refund reads as money back. */
export function ReceiptsSection({ receipts }: { receipts: Receipt[] }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  return (
    <Section title={t('membership.receipts.title')} intro={t('membership.receipts.intro')}>
      {receipts.length === 0 ? (
        <p className="membership-note" data-testid="receipts-none">
          {t('membership.receipts.none')}
        </p>
      ) : (
        <div className="table-scroll">
          <table className="data-table" data-testid="receipts">
            <thead>
              <tr>
                <th scope="col">{t('membership.receipts.number')}</th>
                <th scope="col">{t('membership.receipts.date')}</th>
                <th scope="col">{t('membership.receipts.tier')}</th>
                <th scope="col" className="numeric">
                  {t('membership.receipts.amount')}
                </th>
                <th scope="col">{t('membership.receipts.card')}</th>
              </tr>
            </thead>
            <tbody>
              {receipts.map((receipt) => (
                <tr key={receipt.id} data-testid={`receipt-${receipt.number}`} data-kind={receipt.kind}>
                  <td>
                    <code>{receipt.number}</code>
                  </td>
                  <td>
                    <time dateTime={receipt.createdAt}>{formatDate(receipt.createdAt, language)}</time>
                  </td>
                  <td>
                    {receipt.tierName}
                    {receipt.kind !== 'charge' && (
                      <span className="badge receipt-kind">
                        {t(`membership.receipts.kind.${receipt.kind}`)}
                      </span>
                    )}
                  </td>
                  <td className="numeric" data-testid={`receipt-amount-${receipt.number}`}>
                    {receipt.kind === 'charge' ? '' : '−'}
                    {formatMoney(receipt.amountMinor, receipt.currency, language)}
                  </td>
                  <td>{receipt.card ? `${brandName(receipt.card.brand)} ••${receipt.card.last4}` : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Section>
  );
}
