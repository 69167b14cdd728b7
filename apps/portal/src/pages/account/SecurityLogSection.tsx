import { useTranslation } from 'react-i18next';
import { security } from '../../api/security';
import { SecurityEventList } from '../../components/SecurityEventList';
import { Section } from './Section';

/** The account's own security log; `version` reloads it after a change made on this page. */
export function SecurityLogSection({ version }: { version: number }) {
  const { t } = useTranslation();
  return (
    <Section title={t('securityLog.title')} intro={t('securityLog.intro')} id="security-log">
      <SecurityEventList load={security.log} version={version} />
    </Section>
  );
}
