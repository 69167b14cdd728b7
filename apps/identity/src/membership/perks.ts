import type { ManifestPerk } from '@orbit/contracts';
import { AppError, type FieldProblem } from '../http/errors.js';
import type { TierPerkSources, TierPerks } from './schema.js';

/**
 * Checks a tier's perks against what the services declare in their manifests: every key declared by some
 * registered service (by the tier's own service, for a service tier), each value of the declared type; a
 * number a whole number from 0. 400 `membership.unknown_perk` or `membership.invalid_perk`, with each key.
 */
export function checkPerks(
  perks: TierPerks,
  scope: { serviceId: string | null },
  declared: { serviceId: string; perks: ManifestPerk[] }[],
): void {
  const unknown: FieldProblem[] = [];
  const invalid: FieldProblem[] = [];
  for (const [key, value] of Object.entries(perks)) {
    const path = `perks.${key}`;
    const owner = declared.find((service) => service.perks.some((perk) => perk.key === key));
    const perk = owner?.perks.find((p) => p.key === key);
    if (!owner || !perk) {
      unknown.push({ path, message: 'no registered service declares this perk' });
    } else if (scope.serviceId !== null && owner.serviceId !== scope.serviceId) {
      invalid.push({ path, message: `a ${scope.serviceId} tier grants only ${scope.serviceId}'s perks` });
    } else if (perk.type === 'boolean' && typeof value !== 'boolean') {
      invalid.push({ path, message: 'must be true or false' });
    } else if (perk.type === 'number' && !(Number.isSafeInteger(value) && (value as number) >= 0)) {
      invalid.push({ path, message: 'must be a whole number from 0' });
    }
  }
  if (unknown.length > 0) {
    throw new AppError(400, 'membership.unknown_perk', 'A perk is not declared by any service.', unknown);
  }
  if (invalid.length > 0) {
    throw new AppError(
      400,
      'membership.invalid_perk',
      'A perk value is not one the tier can grant.',
      invalid,
    );
  }
}

/**
 * Who set each perk after an admin wrote `after` over `before`: every perk the admin added, changed or took
 * away is now the admin's (registration will not touch it again); an untouched perk keeps who set it.
 */
export function perkSourcesAfterEdit(
  before: TierPerks,
  after: TierPerks,
  sources: TierPerkSources,
): TierPerkSources {
  const next: TierPerkSources = { ...sources };
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (before[key] !== after[key]) next[key] = 'admin';
  }
  return next;
}
