import { Avatar } from '../shell/ServiceShell';
import { useShellTranslation } from '../shell/texts';
import { type NotificationItem, relativeTime } from './model';

/**
 * One notification as the bells and the Notifications page show it: the latest actors' avatars (stacked, at most
 * three; the text names them all) or the sender's initial, the text the hub wrote for the reader's language, who
 * sent it and how long ago, and a dot while unread. Styled by `@orbit/ui/notifications/notifications.css`.
 */
export function NotificationLine({
  item,
  source,
  now,
}: {
  item: NotificationItem;
  /** The sender's name, in the reader's language. */
  source: string;
  now: Date;
}) {
  const { t, i18n } = useShellTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  const shown = item.actors.slice(0, 3);
  return (
    <span className="notification-line">
      <span className="notification-avatars" aria-hidden="true">
        {shown.length > 0 ? (
          shown.map((actor) => <Avatar key={actor.id} name={actor.displayName} picture={actor.picture} />)
        ) : (
          <span className="orbit-avatar orbit-avatar-initials notification-source-mark">
            {Array.from(source.trim())[0]?.toUpperCase() ?? '•'}
          </span>
        )}
      </span>
      <span className="notification-text">
        <span className="notification-message" data-testid="notification-text">
          {item.text}
        </span>
        <span className="notification-meta">
          <span data-testid="notification-source">{source}</span>
          <span aria-hidden="true">·</span>
          <time dateTime={item.updatedAt} title={new Date(item.updatedAt).toLocaleString(language)}>
            {relativeTime(item.updatedAt, now, language)}
          </time>
        </span>
      </span>
      {!item.read && (
        <span className="notification-dot" data-testid="notification-unread">
          <span className="visually-hidden">{t('bell.unread')}</span>
        </span>
      )}
    </span>
  );
}
