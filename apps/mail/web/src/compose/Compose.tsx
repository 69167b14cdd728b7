import { ApiError } from '@orbit/ui/api';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { mail } from '../api/mail';
import type { Me, Message } from '../api/types';
import {
  afterDraftSaved,
  type ComposeState,
  draftInput,
  hasUnsavedAttachments,
  isDirty,
  recipientsOf,
  sendInput,
} from '../lib/compose';
import { describeError, outcomeUnknown, type Translate, unknownRecipients } from '../lib/errors';
import { formatBytes } from '../lib/format';
import { splitRecipients } from '../lib/recipients';
import { AttachmentPicker } from './AttachmentPicker';

export type ComposeUpdate = (update: (state: ComposeState) => ComposeState) => void;

interface ComposeProps {
  state: ComposeState;
  onChange: ComposeUpdate;
  limits: Me['limits'];
  /** The membership raised the attachment limit: the hint says so. */
  attachmentRaised: boolean;
  /** Files that were attached before a reload but did not fit in storage. */
  droppedAttachments: string[];
  confirm: (question: { message: string; confirmLabel: string; danger: boolean }) => Promise<boolean>;
  onSent: (message: Message) => void;
  onSaved: (draft: Message) => void;
  onDiscarded: (draftTrashed: boolean) => void;
}

type Busy = 'send' | 'save' | 'discard' | null;

/**
 * Writing a message: recipients, subject, text and attachments; Send, Save draft, Discard. Whatever fails,
 * what was typed stays; a send whose outcome is unknown keeps its idempotency key, so pressing Send again
 * can't deliver it twice.
 */
export function Compose({
  state,
  onChange,
  limits,
  attachmentRaised,
  droppedAttachments,
  confirm,
  onSent,
  onSaved,
  onDiscarded,
}: ComposeProps) {
  const { t } = useTranslation();
  const translate = t as unknown as Translate;
  const ids = { title: useId(), to: useId(), cc: useId(), hint: useId(), subject: useId(), body: useId() };
  const toInput = useRef<HTMLInputElement>(null);
  const ccInput = useRef<HTMLInputElement>(null);
  const bodyInput = useRef<HTMLTextAreaElement>(null);
  const [busy, setBusy] = useState<Busy>(null);
  const [error, setError] = useState<unknown>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [retryHint, setRetryHint] = useState(false);

  // On opening (the composer is keyed per message): a reply is written above the quote, anything else starts
  // with its recipients.
  const [startIn] = useState(() => (state.to.trim() === '' ? 'to' : 'body'));
  useEffect(() => {
    if (startIn === 'to') toInput.current?.focus();
    else if (bodyInput.current) {
      bodyInput.current.focus();
      bodyInput.current.setSelectionRange(0, 0);
      bodyInput.current.scrollTop = 0;
    }
  }, [startIn]);

  const set = <K extends keyof ComposeState>(field: K, value: ComposeState[K]) =>
    onChange((s) => ({ ...s, [field]: value }));

  const clearMessages = () => {
    setError(null);
    setProblem(null);
    setRetryHint(false);
  };

  const send = async (event?: FormEvent) => {
    event?.preventDefault();
    if (busy) return;
    clearMessages();
    const { to, cc } = recipientsOf(state);
    if (to.length + cc.length === 0) {
      setProblem(t('compose.noRecipients'));
      toInput.current?.focus();
      return;
    }
    if (to.length + cc.length > limits.maxRecipients) {
      setProblem(t('compose.tooManyRecipients', { max: limits.maxRecipients }));
      return;
    }
    setBusy('send');
    let current = state;
    try {
      // A saved draft is sent by id: first store any attachment changes with it.
      if (current.draftId && hasUnsavedAttachments(current)) {
        const draft = await mail.updateDraft(current.draftId, draftInput(current));
        current = afterDraftSaved(current, draft);
        onChange((s) => afterDraftSaved(s, draft));
      }
      const sent = await mail.send(sendInput(current), current.idempotencyKey);
      setBusy(null);
      onSent(sent);
    } catch (caught) {
      setBusy(null);
      setError(caught);
      if (outcomeUnknown(caught)) setRetryHint(true);
      // The server answered, so nothing went out: the next Send is a new request with a key of its own.
      else onChange((s) => ({ ...s, idempotencyKey: crypto.randomUUID() }));
    }
  };

  const saveDraft = async () => {
    if (busy) return;
    clearMessages();
    setBusy('save');
    try {
      const input = draftInput(state);
      const draft = state.draftId
        ? await mail.updateDraft(state.draftId, input)
        : await mail.createDraft(input);
      onChange((s) => afterDraftSaved(s, draft));
      setBusy(null);
      onSaved(draft);
    } catch (caught) {
      setBusy(null);
      setError(caught);
    }
  };

  const discard = async () => {
    if (busy) return;
    if (isDirty(state)) {
      const sure = await confirm({
        message: t('compose.discardConfirm'),
        confirmLabel: t('compose.discardOk'),
        danger: true,
      });
      if (!sure) return;
    }
    clearMessages();
    if (state.draftId) {
      setBusy('discard');
      try {
        await mail.trash(state.draftId);
      } catch (caught) {
        setBusy(null);
        // Already gone (deleted in another tab) is what discarding wanted anyway.
        if (!(caught instanceof ApiError && caught.code === 'mail.not_found')) {
          setError(caught);
          return;
        }
      }
    }
    setBusy(null);
    onDiscarded(state.draftId !== null);
  };

  const unknown = new Set(unknownRecipients(error).map((r) => r.toLowerCase()));
  const hasUnknown = (field: string) => splitRecipients(field).some((r) => unknown.has(r.toLowerCase()));
  const title = {
    new: t('compose.titleNew'),
    reply: t('compose.titleReply'),
    forward: t('compose.titleForward'),
    draft: t('compose.titleDraft'),
  }[state.mode];
  const messages = [
    error == null
      ? null
      : error instanceof ApiError && error.code === 'mail.not_found'
        ? t('compose.notFound')
        : describeError(error, translate),
    problem,
    retryHint ? t('compose.retryHint') : null,
  ].filter((m): m is string => m !== null);

  return (
    <section className="compose" data-testid="compose" aria-labelledby={ids.title}>
      <header className="compose-head">
        <h2 id={ids.title}>{state.subject.trim() || title}</h2>
      </header>
      <form className="compose-form" onSubmit={send} noValidate>
        <fieldset className="compose-fields" disabled={busy !== null}>
          <div className="compose-row">
            <label htmlFor={ids.to}>{t('compose.to')}</label>
            <input
              ref={toInput}
              id={ids.to}
              type="text"
              data-testid="compose-to"
              autoComplete="off"
              spellCheck={false}
              aria-describedby={ids.hint}
              aria-invalid={hasUnknown(state.to) || undefined}
              value={state.to}
              onChange={(event) => set('to', event.target.value)}
            />
            {!state.showCc && (
              <button
                type="button"
                className="link-button"
                data-testid="compose-add-cc"
                onClick={() => {
                  set('showCc', true);
                  requestAnimationFrame(() => ccInput.current?.focus());
                }}
              >
                {t('compose.addCc')}
              </button>
            )}
          </div>
          {state.showCc && (
            <div className="compose-row">
              <label htmlFor={ids.cc}>{t('compose.cc')}</label>
              <input
                ref={ccInput}
                id={ids.cc}
                type="text"
                data-testid="compose-cc"
                autoComplete="off"
                spellCheck={false}
                aria-describedby={ids.hint}
                aria-invalid={hasUnknown(state.cc) || undefined}
                value={state.cc}
                onChange={(event) => set('cc', event.target.value)}
              />
            </div>
          )}
          <p id={ids.hint} className="compose-hint">
            {t('compose.recipientsHint')}
          </p>
          <div className="compose-row">
            <label htmlFor={ids.subject}>{t('compose.subject')}</label>
            <input
              id={ids.subject}
              type="text"
              data-testid="compose-subject"
              maxLength={300}
              value={state.subject}
              onChange={(event) => set('subject', event.target.value)}
            />
          </div>
          <label htmlFor={ids.body} className="visually-hidden">
            {t('compose.body')}
          </label>
          <textarea
            ref={bodyInput}
            id={ids.body}
            className="compose-body"
            data-testid="compose-body"
            rows={12}
            value={state.bodyText}
            onChange={(event) => set('bodyText', event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
                event.preventDefault();
                event.currentTarget.form?.requestSubmit();
              }
            }}
          />
          <AttachmentPicker
            state={state}
            onChange={onChange}
            limitBytes={limits.attachmentBytes}
            raised={attachmentRaised}
            onProblems={(problems) => setProblem(problems.length > 0 ? problems.join(' ') : null)}
          />
        </fieldset>
        {droppedAttachments.length > 0 && (
          <p className="alert alert-info">
            {t('compose.droppedAttachments', { names: droppedAttachments.join(', ') })}
          </p>
        )}
        {messages.length > 0 && (
          <div role="alert" className="alert alert-error compose-error" data-testid="compose-error">
            {messages.map((message) => (
              <p key={message}>{message}</p>
            ))}
          </div>
        )}
        <footer className="compose-actions">
          <button
            type="submit"
            className="button button-primary"
            data-testid="compose-send"
            disabled={busy !== null}
          >
            {busy === 'send' ? t('compose.sending') : t('compose.send')}
          </button>
          <button
            type="button"
            className="button"
            data-testid="compose-save"
            disabled={busy !== null}
            onClick={() => void saveDraft()}
          >
            {busy === 'save' ? t('compose.saving') : t('compose.saveDraft')}
          </button>
          <span className="compose-size">{composeSize(state)}</span>
          <button
            type="button"
            className="button button-quiet"
            data-testid="compose-discard"
            disabled={busy !== null}
            onClick={() => void discard()}
          >
            {t('compose.discard')}
          </button>
        </footer>
      </form>
    </section>
  );
}

/** The attachments' total, shown beside the buttons once there are any. */
function composeSize(state: ComposeState): string {
  const removed = new Set(state.removeAttachmentIds);
  const total =
    state.newAttachments.reduce((sum, file) => sum + file.size, 0) +
    state.savedAttachments.filter((a) => !removed.has(a.id)).reduce((sum, a) => sum + a.size, 0) +
    state.forwardedAttachments.reduce((sum, a) => sum + a.size, 0);
  return total > 0 ? formatBytes(total) : '';
}
