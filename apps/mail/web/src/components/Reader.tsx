import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Address, Message } from '../api/types';
import { describeError, type Translate } from '../lib/errors';
import { formatListDate } from '../lib/format';
import { addressName } from '../lib/recipients';
import type { ThreadState } from '../mailbox/use-thread';
import { StarIcon } from './icons';
import { MessageArticle } from './MessageArticle';

export interface ReaderActions {
  reply: (message: Message, all: boolean) => void;
  forward: (message: Message) => void;
  toggleStar: (message: Message) => void;
  markUnread: (message: Message) => void;
  trash: (message: Message) => void;
  restore: (message: Message) => void;
  deleteForever: (message: Message) => void;
  editDraft: (message: Message) => void;
  focus: (messageId: string) => void;
  back: () => void;
}

interface ReaderProps {
  state: ThreadState;
  me: Pick<Address, 'sub'>;
  busy: boolean;
  actions: ReaderActions;
}

/** The open message with its whole conversation: the opened one in full, the others one line each. */
export function Reader({ state, me, busy, actions }: ReaderProps) {
  const { t } = useTranslation();
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const focusId = state.status === 'ready' ? state.focus.id : null;

  // Bring keyboard and screen-reader users to the message they opened.
  useEffect(() => {
    if (focusId) heading.current?.focus({ preventScroll: true });
  }, [focusId]);

  if (state.status === 'idle') {
    return (
      <section className="reader-pane reader-idle" aria-label={t('reader.label')}>
        <p className="pane-status">{t('reader.placeholder')}</p>
      </section>
    );
  }

  return (
    <section className="reader-pane" aria-labelledby={headingId} data-testid="reader">
      <button type="button" className="button button-quiet button-small reader-back" onClick={actions.back}>
        ← {t('reader.back')}
      </button>
      {state.status === 'loading' && (
        <p className="pane-status" role="status">
          <span className="spinner" aria-hidden="true" />
          {t('reader.loading')}
        </p>
      )}
      {state.status === 'error' && (
        <p role="alert" className="alert alert-error" id={headingId}>
          {describeError(state.error, t as unknown as Translate)}
        </p>
      )}
      {state.status === 'ready' && (
        <>
          <Toolbar message={state.focus} busy={busy} actions={actions} />
          <h2
            id={headingId}
            ref={heading}
            tabIndex={-1}
            className="reader-subject"
            data-testid="message-subject"
          >
            {state.focus.subject.trim() || t('list.noSubject')}
          </h2>
          {state.messages.length > 1 && (
            <p className="thread-count">{t('reader.conversation', { count: state.messages.length })}</p>
          )}
          {state.focus.folder === 'trash' && <p className="alert alert-info">{t('reader.inTrash')}</p>}
          <ol className="thread">
            {state.messages.map((message) => (
              <li key={message.id}>
                {message.id === state.focus.id ? (
                  <MessageArticle message={message} me={me} focused />
                ) : (
                  <CollapsedMessage message={message} onOpen={() => actions.focus(message.id)} />
                )}
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}

function CollapsedMessage({ message, onOpen }: { message: Message; onOpen: () => void }) {
  const { t, i18n } = useTranslation();
  const date = formatListDate(message.date, new Date(), i18n.resolvedLanguage ?? 'en');
  const name = addressName(message.from);
  return (
    <button
      type="button"
      className={`message-collapsed${message.read ? '' : ' is-unread'}`}
      aria-label={t('reader.showMessage', { name, date })}
      onClick={onOpen}
    >
      <span className="collapsed-from">{name}</span>
      <span className="collapsed-snippet">{message.snippet}</span>
      <span className="collapsed-date">{date}</span>
    </button>
  );
}

function Toolbar({ message, busy, actions }: { message: Message; busy: boolean; actions: ReaderActions }) {
  const { t } = useTranslation();
  const draft = message.folder === 'drafts';
  const inTrash = message.folder === 'trash';
  return (
    <div className="reader-actions">
      {draft ? (
        <button
          type="button"
          className="button button-primary button-small"
          data-testid="action-edit-draft"
          onClick={() => actions.editDraft(message)}
        >
          {t('reader.editDraft')}
        </button>
      ) : (
        <>
          <button
            type="button"
            className="button button-small"
            data-testid="action-reply"
            onClick={() => actions.reply(message, false)}
          >
            {t('reader.reply')}
          </button>
          <button
            type="button"
            className="button button-small"
            data-testid="action-reply-all"
            onClick={() => actions.reply(message, true)}
          >
            {t('reader.replyAll')}
          </button>
          <button
            type="button"
            className="button button-small"
            data-testid="action-forward"
            onClick={() => actions.forward(message)}
          >
            {t('reader.forward')}
          </button>
        </>
      )}
      <span className="actions-gap" />
      <button
        type="button"
        className={`button button-small button-star${message.starred ? ' is-starred' : ''}`}
        data-testid="action-star"
        aria-pressed={message.starred}
        disabled={busy}
        onClick={() => actions.toggleStar(message)}
      >
        <StarIcon filled={message.starred} className="button-icon" />
        {message.starred ? t('reader.unstar') : t('reader.star')}
      </button>
      {!draft && (
        <button
          type="button"
          className="button button-small"
          data-testid="action-unread"
          disabled={busy}
          onClick={() => actions.markUnread(message)}
        >
          {t('reader.markUnread')}
        </button>
      )}
      {inTrash ? (
        <>
          <button
            type="button"
            className="button button-small"
            data-testid="action-restore"
            disabled={busy}
            onClick={() => actions.restore(message)}
          >
            {t('reader.restore')}
          </button>
          <button
            type="button"
            className="button button-danger button-small"
            data-testid="action-delete"
            disabled={busy}
            onClick={() => actions.deleteForever(message)}
          >
            {t('reader.deleteForever')}
          </button>
        </>
      ) : (
        <button
          type="button"
          className="button button-danger button-small"
          data-testid="action-trash"
          disabled={busy}
          onClick={() => actions.trash(message)}
        >
          {t('reader.trash')}
        </button>
      )}
    </div>
  );
}
