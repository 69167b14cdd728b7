import { useSession } from '../../../session/context';

/**
 * Who is using the console and what their roles let them do: the session's `permissions` (the hub's own list,
 * from `GET /api/session`). The console hides what they may not do; the hub refuses it anyway.
 */
export function useStaff(): { selfId: string | null; permissions: readonly string[] } {
  const session = useSession() as ReturnType<typeof useSession> & { permissions?: readonly string[] };
  const account = session.account as
    | (ReturnType<typeof useSession>['account'] & { permissions?: string[] })
    | null;
  return {
    selfId: account?.id ?? null,
    permissions: session.permissions ?? account?.permissions ?? [],
  };
}
