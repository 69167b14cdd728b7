import type { ClientListFilters } from '../../../api/admin-clients';

const STATUSES: readonly string[] = ['enabled', 'disabled'];
const KINDS: readonly string[] = ['service', 'standalone'];

/** The list's filters from the address; unknown values count as "any". */
export function filtersFromSearch(params: URLSearchParams): ClientListFilters {
  const status = params.get('status') ?? '';
  const kind = params.get('kind') ?? '';
  return {
    q: (params.get('q') ?? '').slice(0, 100),
    status: (STATUSES.includes(status) ? status : '') as ClientListFilters['status'],
    kind: (KINDS.includes(kind) ? kind : '') as ClientListFilters['kind'],
  };
}

/** The address's query for the filters: only those set. */
export function searchOfClientFilters(filters: ClientListFilters): URLSearchParams {
  const search = new URLSearchParams();
  if (filters.q.trim()) search.set('q', filters.q.trim());
  if (filters.status) search.set('status', filters.status);
  if (filters.kind) search.set('kind', filters.kind);
  return search;
}
