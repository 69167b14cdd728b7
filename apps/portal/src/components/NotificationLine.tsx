import { useTranslation } from 'react-i18next';
import type { NotificationView } from '../api/notifications';
import { relativeTime } from '../notifications/notifications';
import { Avatar } from './Avatar';

/**
 * One notification as the bell and the Notifications page show it: the latest actors' avatars (stacked, at most
 * three; the text names them all), the text the hub wrote for the reader's language, who sent it and how long ago, and a dot while unread.
 */
export function NotificationLine({
  item,
  source,
  now,
}: {
  item: NotificationView;
  /** The sender's name (`useSourceName`). */
  source: string;
  now: Date;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  const shown = item.actors.slice(0, 3);
  return (
    <span className="notification-line">
      <span className="notification-avatars" aria-hidden="true">
        {shown.length > 0 ? (
          shown.map((actor) => (
            <Avatar
              key={actor.id}
              account={{ displayName: actor.displayName, avatarUrl: actor.picture }}
              size="sm"
            />
          ))
        ) : (
          <span className="avatar avatar-sm avatar-initial notification-source-mark">
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
          <span className="visually-hidden">{t('notifications.unread')}</span>
        </span>
      )}
    </span>
  );
}
