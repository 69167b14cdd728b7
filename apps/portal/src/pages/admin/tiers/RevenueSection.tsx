import { useTranslation } from 'react-i18next';
import { membershipAdmin } from '../../../api/membership';
import { FormError } from '../../../components/FormError';
import { Loading } from '../../../components/Loading';
import { useLoad } from '../../../lib/use-load';
import { formatMoney } from '../../../membership/money';

/** Revenue per tier and currency, from the ledger: charged, credited (upgrades), refunded, and net. */
export function RevenueSection() {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  const revenue = useLoad(membershipAdmin.revenue, 'revenue');
  return (
    <section className="card account-section" aria-labelledby="admin-revenue" data-testid="admin-revenue">
      <h2 id="admin-revenue">{t('adminMembership.revenue.title')}</h2>
      <p className="section-intro">{t('adminMembership.revenue.intro')}</p>
      {revenue.state.status === 'loading' && <Loading label={t('adminMembership.revenue.loading')} />}
      {revenue.state.status === 'error' && <FormError error={revenue.state.error} />}
      {revenue.state.status === 'ready' &&
        (revenue.state.value.length === 0 ? (
          <p className="admin-empty">{t('adminMembership.revenue.none')}</p>
        ) : (
          <div className="table-scroll">
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t('adminMembership.revenue.tier')}</th>
                  <th scope="col">{t('adminMembership.revenue.currency')}</th>
                  <th scope="col" className="numeric">
                    {t('adminMembership.revenue.charged')}
                  </th>
                  <th scope="col" className="numeric">
                    {t('adminMembership.revenue.credited')}
                  </th>
                  <th scope="col" className="numeric">
                    {t('adminMembership.revenue.refunded')}
                  </th>
                  <th scope="col" className="numeric">
                    {t('adminMembership.revenue.net')}
                  </th>
                  <th scope="col" className="numeric">
                    {t('adminMembership.revenue.count')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {revenue.state.value.map((row) => {
                  const money = (amount: number) => formatMoney(amount, row.currency, language);
                  return (
                    <tr
                      key={`${row.tierId} ${row.currency}`}
                      data-testid={`admin-revenue-${row.tierId}-${row.currency}`}
                    >
                      <td>{row.tierName}</td>
                      <td>{row.currency}</td>
                      <td className="numeric">{money(row.charged)}</td>
                      <td className="numeric">{money(row.credited)}</td>
                      <td className="numeric">{money(row.refunded)}</td>
                      <td className="numeric">
                        <strong>{money(row.net)}</strong>
                      </td>
                      <td className="numeric">{row.count}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        ))}
    </section>
  );
}
