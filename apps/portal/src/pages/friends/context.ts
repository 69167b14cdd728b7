import { useOutletContext } from 'react-router';
import type { FriendRequestsAnswer, FriendsAnswer } from '../../api/social';
import type { Load } from '../../lib/use-load';

/** What every tab of the Friends area shares, from its frame (`FriendsPage`). */
export interface FriendsArea {
  accountId: string;
  /** The viewer's display name, for the message a friend request starts with. */
  displayName: string;
  /** The friends and the groups (`GET /api/social/friends`), loaded once for every tab. */
  friends: Load<FriendsAnswer>;
  /** Something changed friends or groups: load them again (keeps showing the old list meanwhile). */
  friendsChanged: () => Promise<void>;
  retryFriends: () => void;
  /** Received and sent requests; the received count is the navigation's badge. */
  requests: Load<FriendRequestsAnswer>;
  requestsChanged: () => Promise<void>;
  retryRequests: () => void;
}

/** The Friends area's shared state, inside one of its tabs. */
export const useFriendsArea = () => useOutletContext<FriendsArea>();
