import type { NewTier, Tier, TierPatch, TierPerks, TierScope } from '../../../api/membership-types';
import type { AdminService, ServicePerk } from '../../../api/types';

/**
 * The tier editor's fields as typed (numbers are text until checked), read into what the hub accepts with the
 * same rules it applies (apps/identity/src/membership/validation.ts), so most mistakes show before sending.
 */

export const TIER_ID_PATTERN = /^[a-z][a-z0-9-]{1,31}$/;
const COLOR_PATTERN = /^#[0-9a-fA-F]{6}$/;
const COUNT_MAX = 1_000_000;

/** One perk row: granted or not, and its value (a checkbox for a boolean perk, text for a number). */
export interface PerkField {
  granted: boolean;
  value: string | boolean;
}

export interface TierFields {
  id: string;
  name: string;
  nameZh: string;
  description: string;
  descriptionZh: string;
  color: string;
  scope: TierScope;
  serviceId: string;
  rank: string;
  growthPerDay: string;
  growthPerDayYearly: string;
  perks: Record<string, PerkField>;
}

export type TierFieldName = Exclude<keyof TierFields, 'perks'> | `perks.${string}`;
export type TierProblem = 'required' | 'id' | 'tooLong' | 'color' | 'count' | 'service';

/** A perk a service declares, with the service that declares it. */
export interface DeclaredPerk extends ServicePerk {
  serviceId: string;
}

export function declaredPerks(services: AdminService[]): DeclaredPerk[] {
  return services.flatMap((service) => service.perks.map((perk) => ({ ...perk, serviceId: service.id })));
}

/** The perks a tier may grant: any service's for a platform tier, only its own service's for a service tier. */
export function perksFor(
  fields: Pick<TierFields, 'scope' | 'serviceId'>,
  declared: DeclaredPerk[],
): DeclaredPerk[] {
  return fields.scope === 'platform'
    ? declared
    : declared.filter((perk) => perk.serviceId === fields.serviceId);
}

export function emptyTierFields(): TierFields {
  return {
    id: '',
    name: '',
    nameZh: '',
    description: '',
    descriptionZh: '',
    color: '#e0a100',
    scope: 'platform',
    serviceId: '',
    rank: '1',
    growthPerDay: '10',
    growthPerDayYearly: '15',
    perks: {},
  };
}

export function fieldsOf(tier: Tier): TierFields {
  return {
    id: tier.id,
    name: tier.name,
    nameZh: tier.names['zh-CN'] ?? '',
    description: tier.description,
    descriptionZh: tier.descriptions['zh-CN'] ?? '',
    color: tier.color,
    scope: tier.scope,
    serviceId: tier.serviceId ?? '',
    rank: String(tier.rank),
    growthPerDay: String(tier.growthPerDay),
    growthPerDayYearly: String(tier.growthPerDayYearly),
    perks: Object.fromEntries(
      Object.entries(tier.perks).map(([key, value]) => [
        key,
        { granted: true, value: typeof value === 'boolean' ? value : String(value) },
      ]),
    ),
  };
}

/** A whole number 0–1,000,000 typed as text, or undefined. */
function count(text: string): number | undefined {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return undefined;
  const value = Number(trimmed);
  return value <= COUNT_MAX ? value : undefined;
}

/** `{ en: …, 'zh-CN': … }` from the default text and the Chinese one, leaving out what is empty. */
function localizedText(english: string, chinese: string): Record<string, string> {
  const text: Record<string, string> = { en: english.trim() };
  if (chinese.trim()) text['zh-CN'] = chinese.trim();
  return text;
}

export type TierCheck<T> =
  | { ok: true; value: T }
  | { ok: false; problems: Partial<Record<TierFieldName, TierProblem>> };

/**
 * The tier to create (`isNew`) or the patch to send, or what is wrong with each field. Perks are those granted
 * among the ones this tier may grant; a patch sends the whole set, as `PATCH` replaces it.
 */
export function checkTier(fields: TierFields, declared: DeclaredPerk[], isNew: true): TierCheck<NewTier>;
export function checkTier(fields: TierFields, declared: DeclaredPerk[], isNew: false): TierCheck<TierPatch>;
export function checkTier(
  fields: TierFields,
  declared: DeclaredPerk[],
  isNew: boolean,
): TierCheck<NewTier | TierPatch> {
  const problems: Partial<Record<TierFieldName, TierProblem>> = {};
  const text = (name: 'name' | 'nameZh' | 'description' | 'descriptionZh', max: number, optional = false) => {
    const value = fields[name].trim();
    if (!value && !optional) problems[name] = 'required';
    else if (value.length > max) problems[name] = 'tooLong';
  };
  if (isNew && !TIER_ID_PATTERN.test(fields.id)) problems.id = fields.id ? 'id' : 'required';
  text('name', 40);
  text('nameZh', 40, true);
  text('description', 200);
  text('descriptionZh', 200, true);
  if (!COLOR_PATTERN.test(fields.color)) problems.color = 'color';
  if (isNew && fields.scope === 'service' && !fields.serviceId) problems.serviceId = 'service';
  const rank = count(fields.rank);
  const growthPerDay = count(fields.growthPerDay);
  const growthPerDayYearly = count(fields.growthPerDayYearly);
  if (rank === undefined) problems.rank = 'count';
  if (growthPerDay === undefined) problems.growthPerDay = 'count';
  if (growthPerDayYearly === undefined) problems.growthPerDayYearly = 'count';

  const perks: TierPerks = {};
  for (const perk of perksFor(fields, declared)) {
    const field = fields.perks[perk.key];
    if (!field?.granted) continue;
    if (perk.type === 'boolean') {
      perks[perk.key] = field.value === true;
    } else {
      const value = typeof field.value === 'string' ? count(field.value) : undefined;
      if (value === undefined) problems[`perks.${perk.key}`] = 'count';
      else perks[perk.key] = value;
    }
  }

  if (Object.keys(problems).length > 0) return { ok: false, problems };
  const common = {
    name: fields.name.trim(),
    names: localizedText(fields.name, fields.nameZh),
    description: fields.description.trim(),
    descriptions: localizedText(fields.description, fields.descriptionZh),
    color: fields.color.toLowerCase(),
    rank: rank as number,
    growthPerDay: growthPerDay as number,
    growthPerDayYearly: growthPerDayYearly as number,
    perks,
  };
  if (!isNew) return { ok: true, value: common };
  return {
    ok: true,
    value: {
      id: fields.id,
      ...common,
      scope: fields.scope,
      ...(fields.scope === 'service' ? { serviceId: fields.serviceId } : {}),
    },
  };
}
