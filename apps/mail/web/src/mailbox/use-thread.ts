import { useCallback, useEffect, useRef, useState } from 'react';
import { mail } from '../api/mail';
import type { Message } from '../api/types';

export type ThreadState =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'ready'; focus: Message; messages: Message[] }
  | { status: 'error'; error: unknown };

/**
 * The open message and its conversation, oldest first. Opening it marks it read (the server does, on
 * `GET /api/messages/:id`); `onOpened` hears about it so the list and the unread count can follow. A message
 * in the trash is shown alone, as the thread leaves the trash out. Moving to another message of the thread
 * shows it at once while it is marked read.
 */
export function useThread(messageId: string | null, onOpened: (message: Message) => void) {
  const [state, setState] = useState<ThreadState>({ status: 'idle' });
  const generation = useRef(0);
  const stateRef = useRef(state);
  stateRef.current = state;
  const onOpenedRef = useRef(onOpened);
  onOpenedRef.current = onOpened;
  const idRef = useRef(messageId);
  idRef.current = messageId;

  const open = useCallback(async (id: string) => {
    const current = ++generation.current;
    const shown = stateRef.current;
    const inThread = shown.status === 'ready' ? shown.messages.find((m) => m.id === id) : undefined;
    if (shown.status === 'ready' && inThread) setState({ ...shown, focus: inThread });
    else setState({ status: 'loading' });

    try {
      const message = await mail.message(id);
      if (generation.current !== current) return;
      onOpenedRef.current(message);
      let messages = [message];
      try {
        const thread = await mail.thread(message.threadId);
        if (thread.some((m) => m.id === message.id)) {
          messages = thread.map((m) => (m.id === message.id ? message : m));
        }
      } catch {
        // The message alone is still worth showing.
      }
      if (generation.current === current) setState({ status: 'ready', focus: message, messages });
    } catch (error) {
      if (generation.current === current) setState({ status: 'error', error });
    }
  }, []);

  useEffect(() => {
    if (messageId) void open(messageId);
    else {
      generation.current++;
      setState({ status: 'idle' });
    }
    return () => {
      generation.current++;
    };
  }, [messageId, open]);

  /** Applies a change the server confirmed (star, read) to the message wherever it is shown. */
  const patch = useCallback((id: string, fields: Partial<Message>) => {
    setState((s) => {
      if (s.status !== 'ready') return s;
      const apply = (m: Message) => (m.id === id ? { ...m, ...fields } : m);
      return { ...s, focus: apply(s.focus), messages: s.messages.map(apply) };
    });
  }, []);

  /** Asks for the conversation again (a reply was sent into it). */
  const reload = useCallback(() => {
    if (idRef.current) void open(idRef.current);
  }, [open]);

  return { state, patch, reload };
}
