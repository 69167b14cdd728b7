import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { type OutboxEntry, type OutboxMessage, type OutboxPage, outbox } from '../api/outbox';
import { FormError } from '../components/FormError';
import { Loading } from '../components/Loading';
import { PageTitle } from '../components/PageTitle';
import { formatDateTime } from '../i18n/dates';
import { adminOutboxEn } from '../i18n/outbox-en';
import { AdminNav } from './admin/AdminNav';
import { linkify } from './admin/linkify';
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

type MessageState =
  | { status: 'loading' }
  | { status: 'ready'; message: OutboxMessage }
  | { status: 'error'; error: unknown };

/**
 * `/admin/outbox/:id`: one message — who it went to, when, its status, and (development outbox only) its text
 * with clickable links and its HTML in a sandboxed frame that can run nothing.
 */
export function AdminOutboxMessagePage() {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  const { id = '' } = useParams();
  const [state, setState] = useState<MessageState>({ status: 'loading' });
  const [view, setView] = useState<'text' | 'html'>('text');

  useEffect(() => {
    let cancelled = false;
    setState({ status: 'loading' });
    outbox.get(id).then(
      (message) => !cancelled && setState({ status: 'ready', message }),
      (error: unknown) => !cancelled && setState({ status: 'error', error }),
    );
    return () => {
      cancelled = true;
    };
  }, [id]);

  if (state.status === 'error' && isForbidden(state.error)) return <ForbiddenPage />;
  const message = state.status === 'ready' ? state.message : null;

  return (
    <div className="page-wide admin-page" data-testid="admin-outbox-message">
      <PageTitle
        page={
          message
            ? t('adminOutbox.messagePageTitle', { subject: message.subject })
            : t('adminOutbox.pageTitle')
        }
      />
      <AdminNav />
      <p>
        <Link to="/admin/outbox">{t('adminOutbox.back')}</Link>
      </p>
      {state.status === 'loading' && <Loading label={t('adminOutbox.loading')} />}
      {state.status === 'error' && <FormError error={state.error} />}
      {message && (
        <article className="card outbox-message">
          <header className="outbox-message-header">
            <h1 data-testid="admin-outbox-subject">{message.subject}</h1>
            <StatusBadge message={message} />
          </header>
          <dl className="outbox-facts">
            <dt>{t('adminOutbox.to')}</dt>
            <dd data-testid="admin-outbox-to">{message.to}</dd>
            <dt>{t('adminOutbox.template')}</dt>
            <dd>
              <TemplateName template={message.template} />
            </dd>
            <dt>{t('adminOutbox.created')}</dt>
            <dd>{formatDateTime(message.createdAt, language)}</dd>
            {message.sentAt && (
              <>
                <dt>{t('adminOutbox.sent')}</dt>
                <dd>{formatDateTime(message.sentAt, language)}</dd>
              </>
            )}
            {message.lastError && (
              <>
                <dt>{t('adminOutbox.lastError')}</dt>
                <dd className="outbox-error">
                  {t('adminOutbox.attempts', { count: message.attempts })} · {message.lastError}
                </dd>
              </>
            )}
          </dl>
          {message.text === null ? (
            <p className="card-intro" data-testid="admin-outbox-not-kept">
              {t('adminOutbox.notKept')}
            </p>
          ) : (
            <>
              <div className="outbox-tabs">
                <button
                  type="button"
                  className="button button-quiet"
                  aria-pressed={view === 'text'}
                  onClick={() => setView('text')}
                >
                  {t('adminOutbox.textTab')}
                </button>
                <button
                  type="button"
                  className="button button-quiet"
                  aria-pressed={view === 'html'}
                  data-testid="admin-outbox-html-tab"
                  onClick={() => setView('html')}
                >
                  {t('adminOutbox.htmlTab')}
                </button>
              </div>
              {view === 'text' ? (
                <pre className="outbox-text" data-testid="admin-outbox-text">
                  {linkify(message.text).map((part, n) =>
                    'link' in part ? (
                      // biome-ignore lint/suspicious/noArrayIndexKey: the parts never move
                      <a key={n} href={part.link} target="_blank" rel="noopener noreferrer">
                        {part.link}
                      </a>
                    ) : (
                      part.text
                    ),
                  )}
                </pre>
              ) : (
                // No scripts, no forms, no same-origin access; links open in a new tab, outside the frame.
                <iframe
                  className="outbox-html"
                  title={t('adminOutbox.htmlFrame')}
                  sandbox="allow-popups allow-popups-to-escape-sandbox"
                  srcDoc={withNewTabLinks(message.html ?? '')}
                  data-testid="admin-outbox-html"
                />
              )}
            </>
          )}
        </article>
      )}
    </div>
  );
}

/** Links in the sandboxed frame open in a new tab: inside it they would navigate the frame itself. */
const withNewTabLinks = (html: string) => html.replace('<head>', '<head><base target="_blank">');

function StatusBadge({ message }: { message: OutboxEntry }) {
  const { t } = useTranslation();
  const key = message.status === 'sent' && message.transport === 'outbox' ? 'delivered' : message.status;
  return (
    <span
      className={`badge outbox-status outbox-status-${key}`}
      data-testid="admin-outbox-status"
      data-status={key}
    >
      {t(`adminOutbox.status.${key}`)}
    </span>
  );
}

type Template = keyof typeof adminOutboxEn.templates;
const isTemplate = (name: string): name is Template => Object.hasOwn(adminOutboxEn.templates, name);

/** A message's kind in words; an unknown one (from a newer hub) as it is named. */
function TemplateName({ template }: { template: string }) {
  const { t } = useTranslation();
  return isTemplate(template) ? t(`adminOutbox.templates.${template}`) : template;
}
