import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type OutboxEntry, type OutboxPage, outbox } from '../api/outbox';
import { FormError } from '../components/FormError';
import { Loading } from '../components/Loading';
import { PageTitle } from '../components/PageTitle';
import { formatDateTime } from '../i18n/dates';
import { AdminNav } from './admin/AdminNav';
import { StatusBadge, TemplateName } from './admin/OutboxParts';
import { isForbidden } from './admin/services';
import { ForbiddenPage } from './ForbiddenPage';
import '../styles/outbox.css';

/** Messages asked for at a time. */
const PAGE_SIZE = 25;

type ListState = {
  page: Pick<OutboxPage, 'mode' | 'nextBefore'> | null;
  messages: OutboxEntry[];
  status: 'loading' | 'ready' | 'error';
  error: unknown;
};

/**
 * `/admin/outbox`, for admins: the hub's outgoing mail, newest first. Without SMTP it is the development outbox
 * (open a message to read it and use its links); with SMTP, delivery status (sent, waiting, failed and why).
 */
export function AdminOutboxPage() {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  const [state, setState] = useState<ListState>({ page: null, messages: [], status: 'loading', error: null });
  /** Bumped by a reload and by unmounting, so a late answer of an earlier load is dropped. */
  const generation = useRef(0);

  const fetchPage = useCallback(async (before: number | undefined) => {
    const current = generation.current;
    setState((s) => ({ ...s, status: 'loading', error: null }));
    try {
      const page = await outbox.list(before, PAGE_SIZE);
      if (generation.current !== current) return;
      setState((s) => ({
        page,
        messages: before === undefined ? page.messages : [...s.messages, ...page.messages],
        status: 'ready',
        error: null,
      }));
    } catch (error) {
      if (generation.current === current) setState((s) => ({ ...s, status: 'error', error }));
    }
  }, []);

  useEffect(() => {
    generation.current++;
    void fetchPage(undefined);
    return () => {
      generation.current++;
    };
  }, [fetchPage]);

  if (state.status === 'error' && isForbidden(state.error)) return <ForbiddenPage />;
  const { page, messages, status } = state;

  return (
    <div className="page-wide admin-page" data-testid="admin-outbox">
      <PageTitle page={t('adminOutbox.pageTitle')} />
      <AdminNav />
      <header className="admin-header">
        <p className="admin-section-name">{t('adminOutbox.section')}</p>
        <h1>{t('adminOutbox.title')}</h1>
        {page && (
          <p className="card-intro" data-testid="admin-outbox-mode" data-mode={page.mode}>
            {page.mode === 'outbox' ? t('adminOutbox.introOutbox') : t('adminOutbox.introSmtp')}
          </p>
        )}
      </header>
      <FormError error={state.error} />
      {status === 'loading' && messages.length === 0 && <Loading label={t('adminOutbox.loading')} />}
      {status === 'error' && messages.length === 0 && (
        <button type="button" className="button" onClick={() => fetchPage(undefined)}>
          {t('app.retry')}
        </button>
      )}
      {status === 'ready' && messages.length === 0 && (
        <p className="card admin-empty" data-testid="admin-outbox-empty">
          {t('adminOutbox.empty')}
        </p>
      )}
      {messages.length > 0 && (
        <ol
          className="card session-list outbox-list"
          aria-label={t('adminOutbox.listLabel')}
          data-testid="admin-outbox-list"
        >
          {messages.map((message) => (
            <li key={message.id} className="session-row" data-testid="admin-outbox-row" data-id={message.id}>
              <div className="session-main">
                <p className="session-device outbox-subject">
                  <Link to={`/admin/outbox/${message.id}`} data-testid="admin-outbox-link">
                    {message.subject}
                  </Link>
                  <StatusBadge message={message} />
                </p>
                <dl className="session-facts">
                  <div>
                    <dt className="visually-hidden">{t('adminOutbox.to')}</dt>
                    <dd>{message.to}</dd>
                  </div>
                  <div>
                    <dt className="visually-hidden">{t('adminOutbox.created')}</dt>
                    <dd>
                      <time dateTime={message.createdAt}>{formatDateTime(message.createdAt, language)}</time>
                    </dd>
                  </div>
                  <div>
                    <dt className="visually-hidden">{t('adminOutbox.template')}</dt>
                    <dd>
                      <TemplateName template={message.template} />
                    </dd>
                  </div>
                </dl>
                {message.lastError && message.status !== 'sent' && (
                  <p className="outbox-error" data-testid="admin-outbox-error">
                    {t('adminOutbox.attempts', { count: message.attempts })} · {message.lastError}
                  </p>
                )}
              </div>
            </li>
          ))}
        </ol>
      )}
      {page?.nextBefore != null && (
        <div>
          <button
            type="button"
            className="button"
            data-testid="admin-outbox-more"
            disabled={status === 'loading'}
            onClick={() => fetchPage(page.nextBefore ?? undefined)}
          >
            {status === 'loading' ? t('adminOutbox.loadingMore') : t('adminOutbox.more')}
          </button>
        </div>
      )}
    </div>
  );
}
