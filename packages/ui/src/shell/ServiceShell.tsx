import { type ReactNode, useCallback, useEffect, useId, useRef, useState } from 'react';
import { chooseLanguage } from '../i18n/init';
import { LanguageSwitcher } from '../i18n/LanguageSwitcher';
import type { Language } from '../i18n/languages';
import { accountLanguageToApply, activityGlyphs, initials, type ShellMe, serviceName } from './model';
import { ShellBell } from './ShellBell';
import { useShellTranslation } from './texts';
import { useDismiss } from './use-dismiss';

export interface ShellHeaderProps {
  /** This service: its name (already in the page's language) and mark. */
  service: { name: string; icon?: ReactNode; homeHref?: string; onHome?: () => void };
  /** What `GET /orbit/me` answered (`useOrbitUser()`), or null while it loads. */
  me: ShellMe | null;
  /**
   * Runs when the reader picks a language in the menu (after the page switched): save it at the hub
   * (`useOrbitUser().setLanguage`) so every service shows it.
   */
  onLanguageChange?: (language: Language) => void;
  /** The service's own things in the bar, before the user (Mail's storage use). */
  children?: ReactNode;
}

/**
 * The bar across the top of every Orbit service: the service's mark and name, the app switcher (the
 * launcher's services), the bell (the unread notifications across every service, live), the signed-in user's
 * avatar, name and VIP badge (a link to their account at the hub), the language menu and sign-out. It shows the account's language: when the hub says another than the page
 * shows, the page switches (and remembers it).
 */
export function ShellHeader({ service, me, onLanguageChange, children }: ShellHeaderProps) {
  const { t, i18n } = useShellTranslation();
  const locale = me?.user.locale;
  useEffect(() => {
    const language = accountLanguageToApply(locale, i18n.resolvedLanguage);
    if (language) chooseLanguage(i18n, language);
  }, [locale, i18n]);

  return (
    <header className="orbit-shell-header" data-testid="shell-header">
      <div className="orbit-shell-start">
        {me && <AppSwitcher me={me} />}
        <a
          className="brand"
          href={service.homeHref ?? '/'}
          onClick={
            service.onHome
              ? (event) => {
                  event.preventDefault();
                  service.onHome?.();
                }
              : undefined
          }
        >
          {service.icon}
          <span data-testid="shell-service-name">{service.name}</span>
        </a>
      </div>
      <div className="orbit-shell-end">
        {children}
        {me?.paths.notifications && <ShellBell me={me} base={me.paths.notifications} />}
        {me && (
          <a
            className="orbit-shell-user"
            href={me.hub.accountUrl}
            title={t('header.account')}
            data-testid="shell-user"
          >
            <Avatar name={me.user.displayName} picture={me.user.picture} />
            <span className="orbit-shell-user-text">
              <span className="orbit-shell-name" data-testid="user-name">
                {me.user.displayName}
                {me.user.badges && me.user.badges.vipLevel > 0 && (
                  <span
                    className="orbit-shell-vip"
                    data-testid="shell-vip"
                    title={t('header.vipLevel', { level: me.user.badges.vipLevel })}
                  >
                    {t('header.vip', { level: me.user.badges.vipLevel })}
                  </span>
                )}
                {me.user.badges && me.user.badges.activityLevel > 0 && (
                  <span className="orbit-shell-activity" aria-hidden="true">
                    {activityGlyphs(me.user.badges.activityLevel)}
                  </span>
                )}
              </span>
              <span className="orbit-shell-account" data-testid="user-account">
                {t('header.accountNumber', { number: me.user.accountNumber })}
              </span>
            </span>
          </a>
        )}
        <LanguageSwitcher label={t('header.language')} onChoose={onLanguageChange} />
        {me && (
          // A form, not a link: signing out changes state, and a cross-site POST carries no session cookie.
          <form method="post" action={me.paths.logout} className="orbit-shell-signout">
            <button type="submit" className="orbit-shell-link" data-testid="signout">
              {t('header.signOut')}
            </button>
          </form>
        )}
      </div>
    </header>
  );
}

/** The avatar from the hub, or the name's initials on a coloured disc when there is none (or it fails). */
export function Avatar({ name, picture }: { name: string; picture: string | null }) {
  const { t } = useShellTranslation();
  const [failed, setFailed] = useState(false);
  if (picture && !failed) {
    return (
      <img
        className="orbit-avatar"
        src={picture}
        alt={t('header.avatarOf', { name })}
        data-testid="shell-avatar"
        onError={() => setFailed(true)}
      />
    );
  }
  return (
    <span className="orbit-avatar orbit-avatar-initials" aria-hidden="true" data-testid="shell-avatar">
      {initials(name)}
    </span>
  );
}

/** The launcher's services in a menu: each one's icon and name, this one marked; the portal at the end. */
export function AppSwitcher({ me }: { me: Pick<ShellMe, 'services' | 'service' | 'hub'> }) {
  const { t, i18n } = useShellTranslation();
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  useDismiss(
    open,
    useCallback(() => setOpen(false), []),
    root,
    button,
  );
  const language = i18n.resolvedLanguage ?? 'en';
  return (
    <div className="orbit-apps" ref={root}>
      <button
        ref={button}
        type="button"
        className="orbit-apps-button"
        aria-expanded={open}
        aria-controls={menuId}
        aria-label={t('header.appsLabel')}
        title={t('header.apps')}
        data-testid="app-switcher"
        onClick={() => setOpen((was) => !was)}
      >
        <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          {[5, 12, 19].flatMap((y) =>
            [5, 12, 19].map((x) => <circle key={`${x}-${y}`} cx={x} cy={y} r="2" fill="currentColor" />),
          )}
        </svg>
      </button>
      {open && (
        <nav
          id={menuId}
          className="orbit-apps-menu"
          aria-label={t('header.apps')}
          data-testid="app-switcher-menu"
        >
          <ul>
            {me.services.map((service) => {
              const current = service.id === me.service.id;
              return (
                <li key={service.id}>
                  <a
                    href={service.homeUrl}
                    className="orbit-apps-item"
                    aria-current={current ? 'page' : undefined}
                    title={current ? t('header.current') : undefined}
                    data-testid={`app-${service.id}`}
                  >
                    <img src={service.iconUrl} alt="" className="orbit-apps-icon" />
                    <span>{serviceName(service, language)}</span>
                  </a>
                </li>
              );
            })}
          </ul>
          <a href={me.hub.url} className="orbit-apps-all">
            {t('header.allApps')}
          </a>
        </nav>
      )}
    </div>
  );
}

export interface ServiceShellProps extends Omit<ShellHeaderProps, 'children'> {
  /** The service's own things in the bar, before the user (Mail's storage use). */
  headerExtra?: ReactNode;
  /** Classes of the page's frame besides `orbit-shell` (the service's own layout). */
  className?: string;
  /** A "skip to content" link, first in the page (before the header). */
  skipLink?: ReactNode;
  children: ReactNode;
}

/**
 * A service page: the shell's header above the service's content.
 *
 * @example
 * const orbit = useOrbitUser(client);
 * <ServiceShell service={{ name: t('app.name'), icon: <Mark /> }} me={me} onLanguageChange={orbit.setLanguage}>
 *   <main>…</main>
 * </ServiceShell>
 */
export function ServiceShell({ headerExtra, className, skipLink, children, ...header }: ServiceShellProps) {
  return (
    <div className={className ? `orbit-shell ${className}` : 'orbit-shell'}>
      {skipLink}
      <ShellHeader {...header}>{headerExtra}</ShellHeader>
      {children}
    </div>
  );
}
