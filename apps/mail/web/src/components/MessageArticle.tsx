import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { attachmentUrl } from '../api/mail';
import type { Address, Message } from '../api/types';
import { formatBytes, formatFullDate } from '../lib/format';
import { addressName } from '../lib/recipients';
import { ClipIcon } from './icons';
import { PersonBadges } from './PersonBadges';

interface MessageArticleProps {
  message: Message;
  me: Pick<Address, 'sub'>;
  /** The message the reader opened: its body carries the test id the others don't. */
  focused: boolean;
}

/** One message in full: who wrote to whom and when, the body, and the attachments to download. */
export function MessageArticle({ message, me, focused }: MessageArticleProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  const body = useRef<HTMLDivElement>(null);
  const name = (a: Address) => (a.sub === me.sub ? t('reader.me') : `${addressName(a)} <${a.accountNumber}>`);
  /** Recipients, each with its badges (none for the reader). */
  const people = (list: Address[]) =>
    list.map((a, index) => (
      <span key={a.sub}>
        {index > 0 && ', '}
        {name(a)}
        {a.sub !== me.sub && <PersonBadges sub={a.sub} />}
      </span>
    ));

  // Links in mail lead away from it: open them in a new tab that can't reach back into this one.
  useEffect(() => {
    if (!message.bodyHtml) return;
    for (const link of body.current?.querySelectorAll('a[href]') ?? []) {
      link.setAttribute('target', '_blank');
      link.setAttribute('rel', 'noopener noreferrer');
    }
  }, [message.bodyHtml]);

  return (
    <article className="message" data-testid="thread-message" data-message-id={message.id}>
      <header className="message-head">
        <span className="sender-initial" aria-hidden="true">
          {Array.from(addressName(message.from))[0]?.toUpperCase() ?? '?'}
        </span>
        <div className="message-people">
          <p className="message-from">
            <span className="visually-hidden">{t('reader.from')}: </span>
            <strong>{addressName(message.from)}</strong>
            <PersonBadges sub={message.from.sub} />{' '}
            <span className="muted">{message.from.accountNumber}</span>
          </p>
          {message.to.length > 0 && (
            <p className="message-recipients">
              {t('reader.to')}: {people(message.to)}
            </p>
          )}
          {message.cc.length > 0 && (
            <p className="message-recipients">
              {t('reader.cc')}: {people(message.cc)}
            </p>
          )}
        </div>
        <time className="message-date" dateTime={message.date}>
          {formatFullDate(message.date, language)}
        </time>
      </header>
      {message.bodyHtml.trim() ? (
        <div
          ref={body}
          className="message-body"
          data-testid={focused ? 'message-body' : 'thread-message-body'}
          // The server sanitises every body when it is written (API.md: "sanitised on write; safe to render").
          // biome-ignore lint/security/noDangerouslySetInnerHtml: server-sanitised HTML is the message itself
          dangerouslySetInnerHTML={{ __html: message.bodyHtml }}
        />
      ) : (
        <div
          ref={body}
          className="message-body message-text"
          data-testid={focused ? 'message-body' : 'thread-message-body'}
        >
          {message.bodyText}
        </div>
      )}
      {message.attachments.length > 0 && (
        <section
          className="attachments"
          aria-label={t('reader.attachments', { count: message.attachments.length })}
        >
          <h3 className="attachments-title">
            <ClipIcon className="clip-icon" />
            {t('reader.attachments', { count: message.attachments.length })}
          </h3>
          <ul className="attachment-list">
            {message.attachments.map((attachment) => (
              <li key={attachment.id}>
                <a
                  className="attachment"
                  href={attachmentUrl(attachment.id)}
                  download={attachment.filename}
                  data-testid="attachment-link"
                  aria-label={t('reader.download', {
                    name: attachment.filename,
                    size: formatBytes(attachment.size),
                  })}
                >
                  <span className="attachment-name">{attachment.filename}</span>
                  <span className="attachment-size">{formatBytes(attachment.size)}</span>
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}
    </article>
  );
}
