import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/orbit';
import type { Session } from '../../api/types';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { FormError } from '../../components/FormError';
import { Loading } from '../../components/Loading';
import { formatDateTime } from '../../i18n/dates';
import { useAction } from '../../lib/use-action';
import { SESSION_AUTH_KEYS, sessionAuth } from '../../passkeys/labels';
import { useSession } from '../../session/context';
import { accountCenter } from './account-api';
import { Section } from './Section';

interface SessionsSectionProps {
  /** Bumped when the list changed elsewhere (a password change signs out the others): load it again. */
  version: number;
  /** Sessions were signed out from here: the security log has new entries. */
  onChanged: () => void;
}

/**
 * The account's sessions, newest first; any can be signed out (this device's included), or every other one at
 * once (after a step-up when the account has a passkey, which the client asks for itself).
 */
export function SessionsSection({ version, onChanged }: SessionsSectionProps) {
  const { t } = useTranslation();
  const { signedOut } = useSession();
  const [sessions, setSessions] = useState<Session[] | null>(null);
  const [revoking, setRevoking] = useState<string | null>(null);
  const [confirmingOthers, setConfirmingOthers] = useState(false);
  const [revokedOthers, setRevokedOthers] = useState<number | null>(null);
  const load = useAction(api.listSessions);
  const revoke = useAction(api.revokeSession);
  const revokeOthers = useAction(accountCenter.revokeOtherSessions);
  const { run: runLoad } = load;
  const others = sessions?.filter((session) => !session.current).length ?? 0;

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

  const signOutOthers = async () => {
    setConfirmingOthers(false);
    setRevokedOthers(null);
    const result = await revokeOthers.run();
    if (!result.ok) return;
    setRevokedOthers(result.value);
    setSessions((list) => list?.filter((s) => s.current) ?? null);
    onChanged();
  };

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
    onChanged();
  };

  return (
    <Section title={t('account.sessions.title')} intro={t('account.sessions.intro')} id="sessions">
      <FormError error={revoke.error ?? revokeOthers.error ?? load.error} />
      {sessions !== null && (
        <div className="form-actions sessions-others">
          {others > 0 ? (
            <button
              type="button"
              className="button button-danger"
              data-testid="sessions-revoke-others"
              data-count={others}
              disabled={revokeOthers.pending || revoking !== null}
              onClick={() => {
                revokeOthers.reset();
                setRevokedOthers(null);
                setConfirmingOthers(true);
              }}
            >
              {revokeOthers.pending
                ? t('accountCenter.revokeOthers.pending')
                : t('accountCenter.revokeOthers.button', { count: others })}
            </button>
          ) : (
            <p className="section-intro" data-testid="sessions-only-this">
              {t('accountCenter.revokeOthers.none')}
            </p>
          )}
          <div role="status" className="form-status">
            {revokedOthers !== null && (
              <span className="saved" data-testid="sessions-revoked-others">
                {t('accountCenter.revokeOthers.done', { count: revokedOthers })}
              </span>
            )}
          </div>
        </div>
      )}
      {confirmingOthers && (
        <ConfirmDialog
          title={t('accountCenter.revokeOthers.confirmTitle')}
          confirmLabel={t('accountCenter.revokeOthers.confirmOk')}
          danger
          onConfirm={signOutOthers}
          onCancel={() => setConfirmingOthers(false)}
        >
          <p>{t('accountCenter.revokeOthers.confirmBody')}</p>
        </ConfirmDialog>
      )}
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
