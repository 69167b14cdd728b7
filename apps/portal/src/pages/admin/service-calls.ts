import type { CallGrantView } from '@orbit/contracts';
import type { AdminService } from '../../api/types';
import { localized } from '../../launcher/localized';

/** What an admin may do with a grant: approve one that waits or was revoked, revoke one that is approved. */
export type CallAction = 'approve' | 'revoke';

/** One call grant as the services console lists it, in the reader's language. */
export interface CallGrantLine {
  key: string;
  grant: CallGrantView;
  callerName: string;
  targetName: string;
  /** What the scope lets the caller do; null when the target does not offer it (now). */
  description: string | null;
  action: CallAction;
}

/** The grants with the services' names (their ids when not registered) and what each button would do. */
export function callGrantLines(
  grants: readonly CallGrantView[],
  services: readonly Pick<AdminService, 'id' | 'name' | 'names'>[],
  language: string,
): CallGrantLine[] {
  const nameOf = (id: string) => {
    const service = services.find((s) => s.id === id);
    return service ? localized(service.name, service.names, language) : id;
  };
  return grants.map((grant) => ({
    key: `${grant.caller} ${grant.target} ${grant.scope}`,
    grant,
    callerName: nameOf(grant.caller),
    targetName: nameOf(grant.target),
    description: grant.description ? localized(grant.description.en, grant.description, language) : null,
    action: grant.status === 'approved' ? 'revoke' : 'approve',
  }));
}

/** The grant with a decision applied (the hub's answer), the others as they were. */
export function withGrant(grants: readonly CallGrantView[], decided: CallGrantView): CallGrantView[] {
  return grants.map((grant) =>
    grant.caller === decided.caller && grant.target === decided.target && grant.scope === decided.scope
      ? decided
      : grant,
  );
}
