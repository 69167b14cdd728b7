import type { ServiceRole } from '../../api/types';
import { localized } from '../../launcher/localized';

/** One role a service declares, as the services console lists it: its full name, label and description. */
export interface DeclaredRoleLine {
  /** `news.editor`: what admins grant and what the service's tokens carry. */
  role: string;
  label: string;
  description: string | null;
}

/** The roles a service's manifest declares, in the reader's language (English when it has no translation). */
export function declaredRoleLines(roles: readonly ServiceRole[], language: string): DeclaredRoleLine[] {
  return roles.map((role) => ({
    role: role.role,
    label: localized(role.label.en, role.label, language),
    description: role.description ? localized(role.description.en, role.description, language) : null,
  }));
}
