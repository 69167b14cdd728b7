import { LanguageSwitcher } from '@orbit/ui/language-switcher';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, useNavigate } from 'react-router';
import { LauncherMenu } from '../launcher/LauncherMenu';
import { useAction } from '../lib/use-action';
import { useAccountLanguage } from '../session/account-language';
import { useSession } from '../session/context';
import { Avatar } from './Avatar';
import { FormError } from './FormError';
import { consoleHome } from './RequireAdmin';
import { TopBarBell } from './TopBarBell';
import { TopBarFriends } from './TopBarFriends';
import { TopBarMembership } from './TopBarMembership';

export function TopBar() {
  const { t } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  const signOut = useAction(session.signOut);
  const { account } = session;
  const adminHome = consoleHome(session.permissions);
  // Switching the language here also switches the language of the account's mail.
  useAccountLanguage();

  return (
    <header className="topbar">
      <div className="topbar-inner">
        <Link to="/" className="brand" aria-label={t('nav.home')}>
          <svg className="brand-mark" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
            <circle cx="16" cy="16" r="6" fill="currentColor" />
            <ellipse
              cx="16"
              cy="16"
              rx="14"
              ry="6"
              fill="none"
              stroke="currentColor"
              strokeWidth="2"
              transform="rotate(-30 16 16)"
            />
          </svg>
          <span>{t('app.name')}</span>
        </Link>
        <div className="topbar-actions">
          <LanguageSwitcher label={t('nav.language')} />
          {account && (
            <>
              <LauncherMenu />
              {adminHome && (
                <NavLink
                  to={adminHome}
                  className="button button-quiet topbar-admin"
                  data-testid="nav-admin"
                  title={t('nav.admin')}
                >
                  <svg
                    className="topbar-admin-glyph"
                    viewBox="0 0 24 24"
                    aria-hidden="true"
                    focusable="false"
                  >
                    <path
                      d="M12 2.5 4.5 5.5v6c0 4.6 3.2 8.6 7.5 10 4.3-1.4 7.5-5.4 7.5-10v-6L12 2.5Z"
                      fill="none"
                      stroke="currentColor"
                      strokeWidth="2"
                      strokeLinejoin="round"
                    />
                    <path
                      d="m8.5 12 2.5 2.5 4.5-5"
                      fill="none"
                      stroke="currentColor"
                      strokeWidth="2"
                      strokeLinecap="round"
                      strokeLinejoin="round"
                    />
                  </svg>
                  <span className="topbar-admin-label">{t('nav.admin')}</span>
                </NavLink>
              )}
              <TopBarBell accountId={account.id} />
              <TopBarFriends accountId={account.id} />
              <TopBarMembership accountId={account.id} />
              <Link
                to="/account"
                className="topbar-user"
                title={t('nav.signedInAs', { name: account.displayName })}
              >
                <Avatar account={account} size="sm" />
                <span className="topbar-name">{account.displayName}</span>
              </Link>
              <button
                type="button"
                className="button button-quiet topbar-signout"
                data-testid="signout"
                title={t('nav.signOut')}
                disabled={signOut.pending}
                onClick={async () => {
                  const result = await signOut.run();
                  if (result.ok) await navigate('/signin', { replace: true });
                }}
              >
                {/* A phone shows the icon alone; the words stay the button's name. */}
                <svg
                  className="topbar-signout-glyph"
                  viewBox="0 0 24 24"
                  aria-hidden="true"
                  focusable="false"
                >
                  <path
                    d="M10 4H6a2 2 0 0 0-2 2v12a2 2 0 0 0 2 2h4"
                    fill="none"
                    stroke="currentColor"
                    strokeWidth="2"
                    strokeLinecap="round"
                  />
                  <path
                    d="M15 8l4 4-4 4M19 12H9"
                    fill="none"
                    stroke="currentColor"
                    strokeWidth="2"
                    strokeLinecap="round"
                    strokeLinejoin="round"
                  />
                </svg>
                <span className="topbar-signout-label">
                  {signOut.pending ? t('nav.signingOut') : t('nav.signOut')}
                </span>
              </button>
            </>
          )}
        </div>
      </div>
      {signOut.error != null && (
        <div className="topbar-error">
          <FormError error={signOut.error} />
        </div>
      )}
    </header>
  );
}
