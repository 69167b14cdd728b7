/** The Friends area (`/friends`): its frame and tabs, loaded together in one chunk on the first visit. */
export { AddFriendsPage } from './AddFriendsPage';
export { BlockedPage } from './BlockedPage';
export { FriendListPage } from './FriendListPage';
export { FriendsPage } from './FriendsPage';
export { GroupsPage } from './GroupsPage';
export { RequestsPage } from './RequestsPage';
