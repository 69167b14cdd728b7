import { type AccountFilters, localDate, type StatusFilter } from '../../../api/admin-accounts';

/**
 * The accounts list's filters live in the page's address (`/admin/accounts?role=support&status=locked`), so a
 * filtered view can be shared, survives a reload, and Back returns to it. The address is read leniently: a value
 * the hub would refuse (a made-up status, a date that doesn't exist) is dropped rather than failing the page.
 */

export const NO_FILTERS: AccountFilters = {
  q: '',
  role: '',
  status: '',
  membership: '',
  createdFrom: '',
  createdTo: '',
};

/** The longest search the hub accepts; longer text is cut rather than refused. */
export const QUERY_MAX = 320;

const STATUSES: readonly StatusFilter[] = ['active', 'locked', 'unverified'];
/** `admin`, `support`, or a service role `<serviceId>.<name>`. */
const ROLE = /^[a-z][a-z0-9_-]{0,62}(\.[a-z][a-z0-9_-]{1,31})?$/;
/** A tier id (lower-case letter, then a–z, 0–9 or -), `any` or `none`. */
const MEMBERSHIP = /^[a-z][a-z0-9-]{0,63}$/;

const FILTER_KEYS = ['q', 'role', 'status', 'membership', 'createdFrom', 'createdTo'] as const;

const isDate = (text: string) => localDate(text) !== null;

/** The filters the address `params` asks for; anything unusable is left out. */
export function filtersFromSearch(params: URLSearchParams): AccountFilters {
  const read = (key: string) => (params.get(key) ?? '').trim();
  const status = read('status');
  const role = read('role');
  const membership = read('membership');
  const createdFrom = read('createdFrom');
  const createdTo = read('createdTo');
  return {
    q: read('q').slice(0, QUERY_MAX),
    role: ROLE.test(role) ? role : '',
    status: (STATUSES as readonly string[]).includes(status) ? (status as StatusFilter) : '',
    membership: MEMBERSHIP.test(membership) ? membership : '',
    createdFrom: isDate(createdFrom) ? createdFrom : '',
    createdTo: isDate(createdTo) ? createdTo : '',
  };
}

/**
 * The address for `filters` (and the page `cursor`): only the filters set, in a fixed order, so one view has one
 * address.
 */
export function searchOfFilters(filters: AccountFilters, cursor: string | null = null): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = filters[key].trim();
    if (value) params.set(key, value);
  }
  if (cursor) params.set('cursor', cursor);
  return params;
}

/** Whether any filter is set (the empty list then says "nothing matches" rather than "no accounts"). */
export const hasFilters = (filters: AccountFilters): boolean =>
  FILTER_KEYS.some((key) => filters[key] !== '');

/** The same filters (the page's address without its cursor), to compare two addresses' views. */
export const filtersKey = (filters: AccountFilters): string => searchOfFilters(filters).toString();

/**
 * A created-range problem to show beside the dates, or null: "to" before "from" finds nothing, which is a
 * mistake rather than a search.
 */
export function createdRangeProblem(
  filters: Pick<AccountFilters, 'createdFrom' | 'createdTo'>,
): 'reversed' | null {
  const { createdFrom, createdTo } = filters;
  return createdFrom && createdTo && createdFrom > createdTo ? 'reversed' : null;
}
