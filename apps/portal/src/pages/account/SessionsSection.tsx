import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/orbit';
import type { Session } from '../../api/types';
import { FormError } from '../../components/FormError';
import { Loading } from '../../components/Loading';
import { formatDateTime } from '../../i18n/dates';
import { useAction } from '../../lib/use-action';
import { SESSION_AUTH_KEYS, sessionAuth } from '../../passkeys/labels';
import { useSession } from '../../session/context';
import { Section } from './Section';

/** The account's sessions, newest first; any can be signed out (this device's included). */
export function SessionsSection({ version }: { version: number }) {
  const { t } = useTranslation();
  const { signedOut } = useSession();
  const [sessions, setSessions] = useState<Session[] | null>(null);
  const [revoking, setRevoking] = useState<string | null>(null);
  const load = useAction(api.listSessions);
  const revoke = useAction(api.revokeSession);
  const { run: runLoad } = load;

  useEffect(() => {
    void version; // reload when the parent says the list changed (after a password change)
    let cancelled = false;
    void runLoad().then((result) => {
      if (result.ok && !cancelled) setSessions(result.value);
    });
    return () => {
      cancelled = true;
    };
  }, [runLoad, version]);

  const signOutSession = async (session: Session) => {
    setRevoking(session.id);
    const result = await revoke.run(session.id);
    setRevoking(null);
    if (!result.ok) return;
    if (session.current) {
      signedOut(); // this device is signed out now; the account page sends us to sign-in
      return;
    }
    setSessions((list) => list?.filter((s) => s.id !== session.id) ?? null);
  };

  return (
    <Section title={t('account.sessions.title')} intro={t('account.sessions.intro')}>
      <FormError error={revoke.error ?? load.error} />
      {sessions === null ? (
        load.pending && <Loading label={t('account.sessions.loading')} />
      ) : sessions.length === 0 ? (
        <p>{t('account.sessions.empty')}</p>
      ) : (
        <ul className="session-list">
          {sessions.map((session) => (
            <SessionRow
              key={session.id}
              session={session}
              revoking={revoking === session.id}
              disabled={revoking !== null}
              onRevoke={() => signOutSession(session)}
            />
          ))}
        </ul>
      )}
    </Section>
  );
}

interface SessionRowProps {
  session: Session;
  revoking: boolean;
  disabled: boolean;
  onRevoke: () => void;
}

function SessionRow({ session, revoking, disabled, onRevoke }: SessionRowProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  const auth = sessionAuth(session.authMethods, session.acr);
  return (
    <li className="session-row" data-testid="session-row" data-current={session.current ? 'true' : 'false'}>
      <div className="session-main">
        <p className="session-device">
          <span>{session.device}</span>
          {session.current && <span className="badge badge-current">{t('account.sessions.thisDevice')}</span>}
        </p>
        <dl className="session-facts">
          <div>
            <dt>{t('account.sessions.ip')}</dt>
            <dd>{session.ip ?? t('account.sessions.unknownIp')}</dd>
          </div>
          {auth && (
            <div>
              <dt>{t('account.sessions.authLabel')}</dt>
              <dd data-testid="session-auth" data-auth={auth}>
                {t(SESSION_AUTH_KEYS[auth])}
              </dd>
            </div>
          )}
          <div>
            <dt>{t('account.sessions.created')}</dt>
            <dd>
              <time dateTime={session.createdAt}>{formatDateTime(session.createdAt, language)}</time>
            </dd>
          </div>
          <div>
            <dt>{t('account.sessions.lastSeen')}</dt>
            <dd>
              <time dateTime={session.lastSeenAt}>{formatDateTime(session.lastSeenAt, language)}</time>
            </dd>
          </div>
        </dl>
      </div>
      <button
        type="button"
        className="button button-danger"
        data-testid="session-revoke"
        aria-label={t('account.sessions.revokeLabel', { device: session.device })}
        disabled={disabled}
        onClick={onRevoke}
      >
        {revoking ? t('account.sessions.revoking') : t('account.sessions.revoke')}
      </button>
    </li>
  );
}
