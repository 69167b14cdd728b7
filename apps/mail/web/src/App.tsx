import { isLeavingPage, type LeaveReason, useOrbitUser } from '@orbit/sdk-browser';
import { BusyPage, ServiceShell, SystemPage, systemPageFor } from '@orbit/ui/shell';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { orbit } from './api/client';
import { EMPTY_TRASH } from './api/mail';
import type { ListScope, Message } from './api/types';
import { useConfirm } from './components/ConfirmDialog';
import { StorageBar } from './components/Header';
import { MailMark } from './components/icons';
import { MessageList } from './components/MessageList';
import { NoticeList, useNotices } from './components/Notices';
import { Reader } from './components/Reader';
import { Sidebar } from './components/Sidebar';
import { Compose } from './compose/Compose';
import { useComposer } from './compose/use-composer';
import { newCompose } from './lib/compose';
import { describeError, type Translate } from './lib/errors';
import { hubUrl } from './lib/links';
import { useMailActions } from './mailbox/use-mail-actions';
import { useMe } from './mailbox/use-me';
import { useMessageList } from './mailbox/use-message-list';
import { useRoute } from './mailbox/use-route';
import { useThread } from './mailbox/use-thread';

/**
 * Orbit Mail: the service shell's header (with the storage use), the folders, the message list, the open
 * conversation and the composer.
 */
export function App() {
  const { t } = useTranslation();
  const translate = t as unknown as Translate;
  const { route, navigate } = useRoute();
  const me = useMe();
  /** Who is signed in as the hub has them now (name, avatar, badges, language) and the app switcher's list. */
  const shell = useOrbitUser(orbit);
  const user = me.state.status === 'ready' ? me.state.me.user : null;
  const list = useMessageList(route.scope, route.q);
  const notices = useNotices();
  const { confirm, dialog } = useConfirm();
  const [actionError, setActionError] = useState<unknown>(null);
  /** The page is going away: to sign in again, or to confirm an action with a passkey. */
  const [leaving, setLeaving] = useState<LeaveReason | null>(null);
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
  });

  // Before the page goes to sign in again (the session ended) or to confirm with a passkey at the hub, the
  // browser SDK says so: keep the composer, say where we are going.
  useEffect(
    () =>
      orbit.onLeave((reason) => {
        keep();
        setLeaving(reason);
      }),
    [keep],
  );

  // Back from confirming with a passkey: the SDK sends the refused request again (once the mailbox is open).
  const resumed = useRef(false);
  const { trashEmptied } = actions;
  useEffect(() => {
    if (!user || resumed.current) return;
    resumed.current = true;
    orbit.resume<{ deleted: number }>().then(
      (done) => {
        if (done?.tag === EMPTY_TRASH) trashEmptied(done.result.deleted);
      },
      (error: unknown) => {
        if (!isLeavingPage(error)) setActionError(error);
      },
    );
  }, [user, trashEmptied]);

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

  const name = t('app.name');
  if (leaving) return <BusyPage kind={leaving === 'signIn' ? 'signingIn' : 'toStepUp'} serviceName={name} />;
  if (me.state.status === 'loading') return <BusyPage kind="loading" serviceName={name} />;
  // The hub no longer lets Mail in (turned off by an admin): the shell's answer says so, whatever Mail's does.
  const shellError = shell.state.status === 'error' ? shell.state.error : null;
  const shellRefused = shellError !== null && systemPageFor(shellError) === 'serviceDisabled';
  if (me.state.status === 'error' || !user || shellRefused) {
    const error = shellRefused ? shellError : me.state.status === 'error' ? me.state.error : null;
    const kind = systemPageFor(error);
    return (
      <SystemPage
        kind={kind}
        serviceName={name}
        icon={<MailMark />}
        action={kind === 'signedOut' ? orbit.loginUrl() : kind === 'serviceDisabled' ? hubUrl() : me.retry}
        detail={kind === 'error' ? describeError(error, translate) : undefined}
      />
    );
  }
  const { me: mine } = me.state;

  const openFolder = (scope: ListScope) => navigate({ scope, q: '', messageId: null });

  return (
    <ServiceShell
      className={`app${route.messageId ? ' has-message' : ''}`}
      skipLink={
        <a className="skip-link" href="#messages">
          {t('app.skipToContent')}
        </a>
      }
      service={{
        name,
        icon: <MailMark className="brand-mark" />,
        homeHref: '/inbox',
        onHome: () => openFolder('inbox'),
      }}
      me={shell.state.status === 'ready' ? shell.state.me : null}
      // The page has switched already; saving the choice at the hub is for every other service.
      onLanguageChange={(language) => void shell.setLanguage(language).catch(() => undefined)}
      headerExtra={
        <StorageBar
          usedBytes={mine.quota.usedBytes}
          limitBytes={mine.quota.limitBytes}
          raised={mine.membership.raised.quota}
        />
      }
    >
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
    </ServiceShell>
  );
}
