import { isLeavingPage } from '@orbit/sdk-browser';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { mail } from '../api/mail';
import type { Address, Message, MessageSummary } from '../api/types';
import type { ReaderActions } from '../components/Reader';
import { draftCompose, forwardCompose, replyCompose } from '../lib/compose';
import { formatFullDate } from '../lib/format';
import { addressName } from '../lib/recipients';
import type { Route } from '../lib/route';
import type { MessageList } from './use-message-list';
import type { useThread } from './use-thread';

interface Deps {
  route: Route;
  navigate: (route: Route, options?: { replace?: boolean }) => void;
  user: Address | null;
  list: MessageList;
  thread: ReturnType<typeof useThread>;
  refreshMe: () => void;
  startCompose: (state: ReturnType<typeof replyCompose>) => Promise<boolean>;
  notify: (text: string, action?: { label: string; run: () => void }) => void;
  confirm: (question: { message: string; confirmLabel: string; danger: boolean }) => Promise<boolean>;
  onError: (error: unknown) => void;
}

const newKey = () => crypto.randomUUID();

/**
 * What the reader and the list can do to messages: each calls the API, then brings the list, the open
 * conversation and the unread count up to date, and says what happened (with Undo for the trash).
 */
export function useMailActions(deps: Deps) {
  const { route, navigate, user, list, thread, refreshMe, startCompose, notify, confirm, onError } = deps;
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  const [busy, setBusy] = useState(false);
  const busyRef = useRef(false);
  const toList = () => navigate({ ...route, messageId: null }, { replace: true });

  /** Runs one change at a time, reporting its failure. */
  const act = async (work: () => Promise<void>) => {
    if (busyRef.current) return;
    busyRef.current = true;
    setBusy(true);
    onError(null);
    try {
      await work();
    } catch (error) {
      // The page is going to sign in or to confirm with a passkey: nothing to show.
      if (!isLeavingPage(error)) onError(error);
    } finally {
      busyRef.current = false;
      setBusy(false);
    }
  };

  const toggleStar = async (message: MessageSummary) => {
    const starred = !message.starred;
    // Shown at once; put back if the server says no.
    list.patch(message.id, { starred });
    thread.patch(message.id, { starred });
    try {
      list.replace(await mail.update(message.id, { starred }));
    } catch (error) {
      list.patch(message.id, { starred: !starred });
      thread.patch(message.id, { starred: !starred });
      onError(error);
    }
  };

  const openDraft = (messageId: string) =>
    act(async () => {
      const draft = await mail.message(messageId);
      await startCompose(draftCompose(draft, newKey));
    });

  const openRow = (message: MessageSummary) => {
    if (message.folder === 'drafts') void openDraft(message.id);
    else navigate({ ...route, messageId: message.id });
  };

  const person = (a: Address) => `${addressName(a)} <${a.accountNumber}>`;

  const reader: ReaderActions = {
    reply: (message, all) => {
      if (!user) return;
      const attribution = t('compose.attribution', {
        date: formatFullDate(message.date, language),
        name: person(message.from),
      });
      void startCompose(replyCompose(message, user, all, attribution, newKey));
    },
    forward: (message: Message) => {
      const lines = [
        t('compose.forwardHeader'),
        t('compose.forwardFrom', { name: addressName(message.from), number: message.from.accountNumber }),
        t('compose.forwardDate', { date: formatFullDate(message.date, language) }),
        t('compose.forwardSubject', { subject: message.subject }),
        t('compose.forwardTo', { names: [...message.to, ...message.cc].map(person).join(', ') }),
      ];
      void startCompose(forwardCompose(message, lines, newKey));
    },
    toggleStar: (message) => void toggleStar(message),
    markUnread: (message) =>
      void act(async () => {
        list.replace(await mail.update(message.id, { read: false }));
        refreshMe();
        toList();
        notify(t('notice.markedUnread'));
      }),
    trash: (message) =>
      void act(async () => {
        await mail.trash(message.id);
        list.remove(message.id);
        refreshMe();
        toList();
        notify(t('notice.trashed'), {
          label: t('notice.undo'),
          run: () =>
            void act(async () => {
              await mail.restore(message.id);
              void list.refresh();
              refreshMe();
            }),
        });
      }),
    restore: (message) =>
      void act(async () => {
        const restored = await mail.restore(message.id);
        if (route.scope === 'trash') list.remove(message.id);
        else list.replace(restored);
        refreshMe();
        toList();
        notify(t('notice.restored', { folder: t(`folders.${restored.folder}`) }));
      }),
    deleteForever: (message) =>
      void act(async () => {
        const sure = await confirm({
          message: t('reader.deleteForeverConfirm'),
          confirmLabel: t('reader.deleteForever'),
          danger: true,
        });
        if (!sure) return;
        await mail.deleteForever(message.id);
        list.remove(message.id);
        refreshMe();
        toList();
        notify(t('notice.deleted'));
      }),
    editDraft: (message) => void startCompose(draftCompose(message, newKey)),
    focus: (messageId) => navigate({ ...route, messageId }, { replace: true }),
    back: () => navigate({ ...route, messageId: null }),
  };

  /** The trash was emptied: here, or once back from confirming it with a passkey (`orbit.resume()`). */
  const trashEmptied = (deleted: number) => {
    list.clear();
    refreshMe();
    if (route.messageId) toList();
    notify(t('list.trashEmptied', { count: deleted }));
  };

  /**
   * Asks, then empties the trash. The server wants a fresh passkey confirmation for it: without one the browser
   * SDK takes the page to the hub and back to the trash, where the app resumes the request (`trashEmptied`).
   */
  const emptyTrash = () =>
    void act(async () => {
      const sure = await confirm({
        message: t('list.emptyTrashConfirm'),
        confirmLabel: t('list.emptyTrashOk'),
        danger: true,
      });
      if (sure) trashEmptied(await mail.emptyTrash());
    });

  return {
    busy,
    reader,
    openRow,
    toggleStar: (m: MessageSummary) => void toggleStar(m),
    emptyTrash,
    trashEmptied,
  };
}
