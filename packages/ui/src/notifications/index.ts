export { BellGlyph, BellItems } from './BellItems';
export { followUnread } from './follow-unread';
export {
  type Ago,
  agoOf,
  linkOf,
  type NotificationItem,
  type NotificationLink,
  readUnread,
  relativeTime,
  UNREAD_SHOWN_MAX,
  unreadText,
} from './model';
export { NotificationLine } from './NotificationLine';
