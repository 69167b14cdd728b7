import { type ReactNode, useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { onSessionLost } from './api/client';
import type { ListScope, Message } from './api/types';
import { useConfirm } from './components/ConfirmDialog';
import { Header } from './components/Header';
import { MessageList } from './components/MessageList';
import { NoticeList, useNotices } from './components/Notices';
import { Reader } from './components/Reader';
import { Sidebar } from './components/Sidebar';
import { Compose } from './compose/Compose';
import { useComposer } from './compose/use-composer';
import { newCompose } from './lib/compose';
import { describeError, type Translate } from './lib/errors';
import { loginUrl } from './lib/links';
import { takeResumeFlag } from './lib/step-up';
import { useMailActions } from './mailbox/use-mail-actions';
import { useMe } from './mailbox/use-me';
import { useMessageList } from './mailbox/use-message-list';
import { useRoute } from './mailbox/use-route';
import { useThread } from './mailbox/use-thread';

/** Orbit Mail: the header, the folders, the message list, the open conversation and the composer. */
export function App() {
  const { t, i18n } = useTranslation();
  const translate = t as unknown as Translate;
  const { route, navigate } = useRoute();
  const me = useMe();
  const user = me.state.status === 'ready' ? me.state.me.user : null;
  const list = useMessageList(route.scope, route.q);
  const notices = useNotices();
  const { confirm, dialog } = useConfirm();
  const [actionError, setActionError] = useState<unknown>(null);
  /** The page is going away: to sign in again, or to confirm an action with a passkey. */
  const [leaving, setLeaving] = useState<'signIn' | 'stepUp' | null>(null);
  /** The folder "This folder" and "Clear search" go back to while all mail is searched. */
  const [folder, setFolder] = useState<ListScope>(route.scope === 'all' ? 'inbox' : route.scope);
  useEffect(() => {
    if (route.scope !== 'all') setFolder(route.scope);
  }, [route.scope]);

  const confirmReplace = useCallback(
    () =>
      confirm({ message: t('compose.replaceConfirm'), confirmLabel: t('compose.discardOk'), danger: true }),
    [confirm, t],
  );
  const composer = useComposer(confirmReplace);
  const { keep } = composer;
  const { refresh: refreshMe } = me;
  const { patch: patchRow } = list;

  const onOpened = useCallback(
    (message: Message) => {
      patchRow(message.id, { read: true });
      if (message.folder === 'inbox') refreshMe();
    },
    [patchRow, refreshMe],
  );
  const thread = useThread(route.messageId, onOpened);

  // Confirming an action with a passkey happens at the hub: keep the composer, go there, come back here.
  const leaveToStepUp = useCallback(
    (location: string) => {
      keep();
      setLeaving('stepUp');
      window.location.assign(location);
    },
    [keep],
  );

  const actions = useMailActions({
    route,
    navigate,
    user,
    list,
    thread,
    refreshMe,
    startCompose: composer.open,
    notify: notices.show,
    confirm,
    onError: setActionError,
    leaveToStepUp,
  });

  // Back from confirming with a passkey (`?confirm=empty-trash`): the flag leaves the address at once, and
  // the action is offered again — asked, never done by itself — once the mailbox is open.
  const [resume] = useState(() => takeResumeFlag(window.location.search).action);
  const resumed = useRef(false);
  useEffect(() => {
    const { search } = takeResumeFlag(window.location.search);
    if (search !== window.location.search) {
      window.history.replaceState(null, '', window.location.pathname + search);
    }
  }, []);
  const { resumeEmptyTrash } = actions;
  useEffect(() => {
    if (resume !== 'empty-trash' || !user || resumed.current || route.scope !== 'trash') return;
    resumed.current = true;
    resumeEmptyTrash();
  }, [resume, user, route.scope, resumeEmptyTrash]);

  // The session ended (signed out elsewhere, expired): keep the composer, sign in again, come back here.
  useEffect(
    () =>
      onSessionLost(() => {
        keep();
        setLeaving('signIn');
        window.location.assign(
          loginUrl(window.location.pathname + window.location.search, i18n.resolvedLanguage ?? undefined),
        );
      }),
    [keep, i18n],
  );

  const { show } = notices;
  useEffect(() => {
    if (composer.restored) show(t('notice.composeRestored'));
  }, [composer.restored, show, t]);

  const unread = me.state.status === 'ready' ? me.state.me.unread.inbox : 0;
  const folderName = route.q ? t('list.results', { q: route.q }) : t(`folders.${route.scope}`);
  useEffect(() => {
    const page = unread > 0 && route.scope === 'inbox' ? `${folderName} (${unread})` : folderName;
    document.title = t('app.pageTitle', { page });
  }, [folderName, unread, route.scope, t]);

  // New mail: when the unread count goes up, show the newest messages at the top of the list.
  const { refresh: refreshList } = list;
  const [seenUnread, setSeenUnread] = useState(unread);
  useEffect(() => {
    if (unread > seenUnread) void refreshList();
    setSeenUnread(unread);
  }, [unread, seenUnread, refreshList]);

  if (leaving === 'signIn') return <FullPage text={t('app.signingIn')} busy />;
  if (leaving === 'stepUp') return <FullPage text={t('app.toStepUp')} busy />;
  if (me.state.status === 'loading') return <FullPage text={t('app.loading')} busy />;
  if (me.state.status === 'error' || !user) {
    const error = me.state.status === 'error' ? me.state.error : null;
    return (
      <FullPage text={t('app.loadFailed')}>
        <p className="alert alert-error">{describeError(error, translate)}</p>
        <button type="button" className="button" onClick={me.retry}>
          {t('app.retry')}
        </button>
      </FullPage>
    );
  }
  const { me: mine } = me.state;

  const openFolder = (scope: ListScope) => navigate({ scope, q: '', messageId: null });

  return (
    <div className={`app${route.messageId ? ' has-message' : ''}`}>
      <a className="skip-link" href="#messages">
        {t('app.skipToContent')}
      </a>
      <Header me={mine} onHome={() => openFolder('inbox')} />
      <div className="workspace">
        <aside className="sidebar-pane">
          <Sidebar
            scope={route.scope}
            inboxUnread={unread}
            onCompose={() => void composer.open(newCompose(() => crypto.randomUUID()))}
            onOpenFolder={openFolder}
          />
        </aside>
        <main id="messages" className="main-pane" tabIndex={-1}>
          {actionError != null && (
            <div role="alert" className="alert alert-error error-banner" data-testid="error-banner">
              <span>{describeError(actionError, translate)}</span>
              <button
                type="button"
                className="icon-button"
                aria-label={t('notice.dismiss')}
                onClick={() => setActionError(null)}
              >
                <span aria-hidden="true">×</span>
              </button>
            </div>
          )}
          <div className="panes">
            <MessageList
              route={route}
              folder={folder}
              list={list}
              me={user}
              emptyingTrash={actions.busy}
              onOpen={actions.openRow}
              onToggleStar={actions.toggleStar}
              onSearch={(scope, q) => navigate({ scope, q, messageId: null })}
              onEmptyTrash={actions.emptyTrash}
            />
            <Reader state={thread.state} me={user} busy={actions.busy} actions={actions.reader} />
          </div>
        </main>
      </div>
      {composer.state && (
        <Compose
          key={composer.openCount}
          state={composer.state}
          onChange={composer.update}
          limits={mine.limits}
          attachmentRaised={mine.membership.raised.attachment}
          droppedAttachments={composer.droppedAttachments}
          confirm={confirm}
          onSent={(message) => {
            composer.close();
            notices.show(t('notice.sent'));
            refreshMe();
            if (route.scope === 'drafts') list.reload();
            else void list.refresh();
            if (thread.state.status === 'ready' && thread.state.focus.threadId === message.threadId)
              thread.reload();
          }}
          onSaved={() => {
            notices.show(t('notice.draftSaved'));
            refreshMe();
            if (route.scope === 'drafts') void list.refresh();
          }}
          onDiscarded={(draftTrashed) => {
            const draftId = composer.state?.draftId;
            composer.close();
            if (draftTrashed) {
              notices.show(t('notice.draftDiscarded'));
              if (draftId) list.remove(draftId);
            }
          }}
        />
      )}
      <NoticeList notices={notices.notices} dismiss={notices.dismiss} />
      {dialog}
    </div>
  );
}

function FullPage({ text, busy, children }: { text: string; busy?: boolean; children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="full-page">
      <p className="full-page-brand">{t('app.name')}</p>
      <p role={busy ? 'status' : undefined} className="full-page-text">
        {busy && <span className="spinner" aria-hidden="true" />}
        {text}
      </p>
      {children}
    </div>
  );
}
