import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Address, ListScope, MessageSummary } from '../api/types';
import { describeError, type Translate } from '../lib/errors';
import type { Route } from '../lib/route';
import { routePath } from '../lib/route';
import type { MessageList as List } from '../mailbox/use-message-list';
import { MessageRow } from './MessageRow';
import { SearchBox } from './SearchBox';

interface MessageListProps {
  route: Route;
  /** The folder the reader was in before searching all mail. */
  folder: ListScope;
  list: List;
  me: Pick<Address, 'sub'>;
  emptyingTrash: boolean;
  onOpen: (message: MessageSummary) => void;
  onToggleStar: (message: MessageSummary) => void;
  onSearch: (scope: ListScope, q: string) => void;
  onEmptyTrash: () => void;
}

/** The middle column: the folder's name, search, the messages and "load more". */
export function MessageList(props: MessageListProps) {
  const { route, folder, list, me, emptyingTrash, onOpen, onToggleStar, onSearch, onEmptyTrash } = props;
  const { t } = useTranslation();
  const translate = t as unknown as Translate;
  const headingId = useId();
  const { state } = list;
  const now = new Date();
  const title = route.q ? t('list.results', { q: route.q }) : t(`folders.${route.scope}`);

  return (
    <section className="list-pane" aria-labelledby={headingId}>
      <div className="list-head">
        <h1 id={headingId} className="list-title" data-testid="list-title">
          {title}
        </h1>
        <div className="list-tools">
          {route.q && (
            <button
              type="button"
              className="button button-quiet button-small"
              onClick={() => onSearch(folder, '')}
            >
              {t('list.clearSearch')}
            </button>
          )}
          {route.scope === 'trash' && state.messages.length > 0 && (
            <button
              type="button"
              className="button button-danger button-small"
              data-testid="empty-trash"
              disabled={emptyingTrash}
              onClick={onEmptyTrash}
            >
              {t('list.emptyTrash')}
            </button>
          )}
          <button
            type="button"
            className="button button-quiet button-small"
            data-testid="list-refresh"
            onClick={list.reload}
          >
            {t('list.refresh')}
          </button>
        </div>
      </div>
      <SearchBox scope={route.scope} q={route.q} folder={folder} onSearch={onSearch} />

      {state.status === 'loading' && (
        <p className="pane-status" role="status">
          <span className="spinner" aria-hidden="true" />
          {t('list.loading')}
        </p>
      )}
      {state.status === 'error' && (
        <div className="pane-status">
          <p role="alert" className="alert alert-error">
            {describeError(state.error, translate)}
          </p>
          <button type="button" className="button" onClick={list.reload}>
            {t('app.retry')}
          </button>
        </div>
      )}
      {state.status === 'ready' &&
        (state.messages.length === 0 ? (
          <p className="pane-status list-empty" data-testid="list-empty">
            {route.q ? t('list.emptySearch', { q: route.q }) : t('list.empty')}
          </p>
        ) : (
          <ul className="rows" aria-label={t('list.label')}>
            {state.messages.map((message) => (
              <MessageRow
                key={message.id}
                message={message}
                href={routePath({ ...route, messageId: message.id })}
                query={route.q}
                selected={route.messageId === message.id}
                me={me}
                now={now}
                onOpen={onOpen}
                onToggleStar={onToggleStar}
              />
            ))}
          </ul>
        ))}
      {state.status === 'ready' && (state.nextCursor || state.moreError != null) && (
        <div className="load-more">
          {state.moreError != null && (
            <p role="alert" className="alert alert-error">
              {describeError(state.moreError, translate)}
            </p>
          )}
          {state.nextCursor && (
            <button
              type="button"
              className="button"
              data-testid="load-more"
              disabled={state.loadingMore}
              onClick={() => void list.loadMore()}
            >
              {state.loadingMore ? t('list.loadingMore') : t('list.loadMore')}
            </button>
          )}
        </div>
      )}
    </section>
  );
}
