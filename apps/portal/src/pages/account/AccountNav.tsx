import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, useNavigate } from 'react-router';
import { ACCOUNT_SECTIONS, type AccountSection, sectionPath } from './sections';

/**
 * The account center's sections: a list beside the content on wide screens (the current one marked with
 * `aria-current="page"` by NavLink), a select above it on narrow ones (CSS shows one of the two). Each is a link
 * to the section's own address, so the browser's back button walks back through them.
 */
export function AccountNav({ current }: { current: AccountSection | null }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const selectId = useId();
  const label = (section: AccountSection) => t(`accountCenter.nav.${section}`);

  return (
    <nav className="account-nav" aria-label={t('accountCenter.nav.label')}>
      <ul className="account-nav-list">
        {ACCOUNT_SECTIONS.map((section) => (
          <li key={section}>
            <NavLink
              to={sectionPath(section)}
              end={section === 'overview'}
              className="account-nav-link"
              data-testid={`account-nav-${section}`}
            >
              {label(section)}
            </NavLink>
          </li>
        ))}
      </ul>
      <div className="account-nav-select">
        <label htmlFor={selectId}>{t('accountCenter.nav.select')}</label>
        <select
          id={selectId}
          className="select"
          data-testid="account-nav-select"
          value={current ?? ''}
          onChange={(event) => {
            const section = ACCOUNT_SECTIONS.find((s) => s === event.target.value);
            if (section) navigate(sectionPath(section));
          }}
        >
          {current === null && <option value="" disabled />}
          {ACCOUNT_SECTIONS.map((section) => (
            <option key={section} value={section}>
              {label(section)}
            </option>
          ))}
        </select>
      </div>
    </nav>
  );
}
