import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SecurityEvent, SecurityLogPage } from '../api/types';
import { formatDateTime } from '../i18n/dates';
import { messagesOf } from '../i18n/error-messages';
import { describeSecurityEvent, isWarningEvent } from '../passkeys/labels';
import { FormError } from './FormError';
import { Loading } from './Loading';

/** Entries asked for at a time. */
const PAGE_SIZE = 20;

interface SecurityEventListProps {
  /** One page of the log, newest first, older than `before` when given. */
  load: (before: number | undefined, limit: number) => Promise<SecurityLogPage>;
  /** Changing it loads the log again from the newest entry (after a change the log records). */
  version?: number;
}

type LogState = {
  events: SecurityEvent[];
  nextBefore: number | null;
  status: 'loading' | 'ready' | 'error';
  error: unknown;
};

const initial: LogState = { events: [], nextBefore: null, status: 'loading', error: null };

/**
 * A security log, newest first, a page at a time with "Load more": what happened in words, when, and from which
 * device and address. Failed sign-ins and recovery codes used stand out. The account page and the admin's
 * account view both show it.
 */
export function SecurityEventList({ load, version = 0 }: SecurityEventListProps) {
  const { t, i18n } = useTranslation();
  const messages = useMemo(() => messagesOf(i18n), [i18n]);
  const language = i18n.resolvedLanguage ?? 'en';
  const [state, setState] = useState<LogState>(initial);
  /** Bumped by every first-page load and by unmounting, so a late answer of an earlier load is dropped. */
  const generation = useRef(0);
  const latestLoad = useRef(load);
  latestLoad.current = load;

  const fetchPage = useCallback(async (before: number | undefined) => {
    const current = generation.current;
    setState((s) => ({ ...s, status: 'loading', error: null }));
    try {
      const page = await latestLoad.current(before, PAGE_SIZE);
      if (generation.current !== current) return;
      setState((s) => ({
        events: before === undefined ? page.events : [...s.events, ...page.events],
        nextBefore: page.nextBefore,
        status: 'ready',
        error: null,
      }));
    } catch (error) {
      if (generation.current === current) setState((s) => ({ ...s, status: 'error', error }));
    }
  }, []);

  useEffect(() => {
    void version; // from the newest entry again when the owner says the log changed
    generation.current++;
    void fetchPage(undefined);
    return () => {
      generation.current++;
    };
  }, [fetchPage, version]);

  const { events, nextBefore, status, error } = state;
  const firstLoad = status === 'loading' && events.length === 0;

  return (
    <div className="security-log" data-testid="security-log">
      <FormError error={error} />
      {firstLoad && <Loading label={t('securityLog.loading')} />}
      {status !== 'loading' && events.length === 0 && !error && (
        <p data-testid="security-log-empty">{t('securityLog.empty')}</p>
      )}
      {events.length > 0 && (
        <ol className="session-list">
          {events.map((event) => (
            <li
              key={event.id}
              className={
                isWarningEvent(event) ? 'session-row security-event warning' : 'session-row security-event'
              }
              data-testid="security-event"
              data-type={event.type}
            >
              <div className="session-main">
                <p className="session-device">{describeSecurityEvent(event, messages)}</p>
                <dl className="session-facts">
                  <div>
                    <dt className="visually-hidden">{t('securityLog.when')}</dt>
                    <dd>
                      <time dateTime={event.createdAt}>{formatDateTime(event.createdAt, language)}</time>
                    </dd>
                  </div>
                  <div>
                    <dt className="visually-hidden">{t('securityLog.device')}</dt>
                    <dd>{event.device}</dd>
                  </div>
                  <div>
                    <dt className="visually-hidden">{t('securityLog.ip')}</dt>
                    <dd>{event.ip ?? t('securityLog.unknownIp')}</dd>
                  </div>
                </dl>
              </div>
            </li>
          ))}
        </ol>
      )}
      {nextBefore !== null && (
        <div>
          <button
            type="button"
            className="button"
            data-testid="security-log-more"
            disabled={status === 'loading'}
            onClick={() => fetchPage(nextBefore)}
          >
            {status === 'loading' ? t('securityLog.loadingMore') : t('securityLog.more')}
          </button>
        </div>
      )}
      {status === 'error' && events.length === 0 && (
        <div>
          <button type="button" className="button" onClick={() => fetchPage(undefined)}>
            {t('app.retry')}
          </button>
        </div>
      )}
    </div>
  );
}
