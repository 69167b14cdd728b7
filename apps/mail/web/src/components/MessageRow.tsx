import { useTranslation } from 'react-i18next';
import type { Address, MessageSummary } from '../api/types';
import { formatListDate } from '../lib/format';
import { addressName } from '../lib/recipients';
import { Highlighted } from './Highlighted';
import { ClipIcon, StarIcon } from './icons';
import { PersonBadges } from './PersonBadges';

interface MessageRowProps {
  message: MessageSummary;
  href: string;
  /** The search the list shows, whose matches are marked; empty for none. */
  query?: string;
  selected: boolean;
  me: Pick<Address, 'sub'>;
  now: Date;
  onOpen: (message: MessageSummary) => void;
  onToggleStar: (message: MessageSummary) => void;
}

/**
 * One message in the list: who (the sender, or the recipients for sent mail and drafts), subject, snippet,
 * date; unread in bold, the star and an attachment clip. The row is a link, so it also opens in a new tab.
 */
export function MessageRow({
  message,
  href,
  query = '',
  selected,
  me,
  now,
  onOpen,
  onToggleStar,
}: MessageRowProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  const outgoing = message.folder === 'sent' || message.folder === 'drafts' || message.from.sub === me.sub;
  const recipients = [...message.to, ...message.cc].map((a) =>
    a.sub === me.sub ? t('reader.me') : addressName(a),
  );
  const who = outgoing
    ? recipients.length > 0
      ? t('list.to', { names: recipients.join(', ') })
      : t('list.noRecipients')
    : addressName(message.from);

  return (
    <li
      className={`row${message.read ? '' : ' row-unread'}${selected ? ' row-selected' : ''}`}
      data-testid="message-row"
      data-message-id={message.id}
      data-read={message.read}
      data-folder={message.folder}
    >
      <button
        type="button"
        className={`icon-button row-star${message.starred ? ' is-starred' : ''}`}
        data-testid="message-star"
        aria-pressed={message.starred}
        aria-label={message.starred ? t('list.unstar') : t('list.star')}
        onClick={() => onToggleStar(message)}
      >
        <StarIcon filled={message.starred} className="star-icon" />
      </button>
      <a
        className="row-link"
        href={href}
        aria-current={selected ? 'true' : undefined}
        onClick={(event) => {
          if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
          event.preventDefault();
          onOpen(message);
        }}
      >
        <span className="row-top">
          <span className="row-who">
            {!message.read && <span className="visually-hidden">{t('list.unread')}: </span>}
            {message.folder === 'drafts' && <span className="row-draft">{t('list.draft')}</span>}
            <Highlighted text={who} query={query} />
            {!outgoing && <PersonBadges sub={message.from.sub} />}
          </span>
          {message.attachmentCount > 0 && (
            <span className="row-clip" role="img" aria-label={t('list.attachment')}>
              <ClipIcon className="clip-icon" />
            </span>
          )}
          <time className="row-date" dateTime={message.date}>
            {formatListDate(message.date, now, language)}
          </time>
        </span>
        <span className="row-subject">
          {message.subject.trim() ? (
            <Highlighted text={message.subject} query={query} />
          ) : (
            t('list.noSubject')
          )}
        </span>
        {message.snippet && (
          <span className="row-snippet">
            <Highlighted text={message.snippet} query={query} />
          </span>
        )}
      </a>
    </li>
  );
}
