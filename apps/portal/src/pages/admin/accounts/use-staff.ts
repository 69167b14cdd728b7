import type { Permission } from '../../../api/types';
import { useSession } from '../../../session/context';

/**
 * Who is using the console and what their roles let them do: the session's `permissions` (the hub's own list,
 * from `GET /api/session`). The console hides what they may not do; the hub refuses it anyway.
 */
export function useStaff(): { selfId: string | null; permissions: readonly Permission[] } {
  const { account, permissions } = useSession();
  return { selfId: account?.id ?? null, permissions };
}
