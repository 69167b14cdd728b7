import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { type OutboxMessage, outbox } from '../api/outbox';
import { FormError } from '../components/FormError';
import { Loading } from '../components/Loading';
import { PageTitle } from '../components/PageTitle';
import { formatDateTime } from '../i18n/dates';
import { AdminNav } from './admin/AdminNav';
import { linkify } from './admin/linkify';
import { StatusBadge, TemplateName } from './admin/OutboxParts';
import { isForbidden } from './admin/services';
import { ForbiddenPage } from './ForbiddenPage';
import '../styles/outbox.css';

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
          {message.bodyWithheld ? (
            <p className="card-intro" data-testid="admin-outbox-withheld">
              {t('staff.outboxBodyWithheld')}
            </p>
          ) : message.text === null ? (
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
