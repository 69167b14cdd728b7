import { describe, expect, it } from 'vitest';
import { csvExportUrl, endOfDay, listQuery, startOfDay, startOfNextDay } from '../../../api/admin-accounts';
import { createdRangeProblem, filtersFromSearch, hasFilters, NO_FILTERS, searchOfFilters } from './filters';

describe('the accounts list’s filters in the address', () => {
  it('reads every filter the address sets', () => {
    const params = new URLSearchParams(
      'q=ana&role=news.editor&status=locked&membership=plus&createdFrom=2026-01-01&createdTo=2026-01-31',
    );
    expect(filtersFromSearch(params)).toEqual({
      q: 'ana',
      role: 'news.editor',
      status: 'locked',
      membership: 'plus',
      createdFrom: '2026-01-01',
      createdTo: '2026-01-31',
    });
  });

  it('reads no filters from an empty address', () => {
    expect(filtersFromSearch(new URLSearchParams())).toEqual(NO_FILTERS);
    expect(hasFilters(NO_FILTERS)).toBe(false);
  });

  it('drops values the hub would refuse instead of failing the page', () => {
    const params = new URLSearchParams(
      'status=banned&role=Not A Role&membership=%3Cscript%3E&createdFrom=2026-02-30&createdTo=yesterday',
    );
    expect(filtersFromSearch(params)).toEqual(NO_FILTERS);
  });

  it('trims the search and cuts it at the length the hub takes', () => {
    expect(filtersFromSearch(new URLSearchParams({ q: '  ana  ' })).q).toBe('ana');
    expect(filtersFromSearch(new URLSearchParams({ q: 'x'.repeat(400) })).q).toHaveLength(320);
  });

  it('writes only the filters set, in one order, so a view has one address', () => {
    const filters = { ...NO_FILTERS, status: 'unverified' as const, q: 'ana', membership: 'none' };
    expect(searchOfFilters(filters).toString()).toBe('q=ana&status=unverified&membership=none');
    expect(searchOfFilters(filters, 'c2').toString()).toBe(
      'q=ana&status=unverified&membership=none&cursor=c2',
    );
    expect(searchOfFilters(NO_FILTERS).toString()).toBe('');
  });

  it('round-trips through the address', () => {
    const filters = { ...NO_FILTERS, q: 'a&b=c', role: 'support', createdTo: '2026-03-01' };
    expect(filtersFromSearch(searchOfFilters(filters))).toEqual(filters);
  });

  it('flags a created range that ends before it starts', () => {
    expect(createdRangeProblem({ createdFrom: '2026-02-01', createdTo: '2026-01-01' })).toBe('reversed');
    expect(createdRangeProblem({ createdFrom: '2026-01-01', createdTo: '2026-01-01' })).toBeNull();
    expect(createdRangeProblem({ createdFrom: '', createdTo: '2026-01-01' })).toBeNull();
  });
});

describe('the hub’s query and the CSV link', () => {
  it('turns the reader’s days into the instants they begin and end', () => {
    expect(startOfDay('2026-01-05')).toBe(new Date(2026, 0, 5).toISOString());
    expect(startOfNextDay('2026-01-31')).toBe(new Date(2026, 1, 1).toISOString());
    expect(endOfDay('2026-12-31')).toBe(new Date(new Date(2027, 0, 1).getTime() - 1).toISOString());
    expect(startOfDay('2026-13-01')).toBeNull();
    expect(endOfDay('')).toBeNull();
  });

  it('asks the hub for exactly the filters set', () => {
    const query = listQuery({ ...NO_FILTERS, q: ' ana ', role: 'admin', createdFrom: '2026-01-05' });
    expect(Object.fromEntries(query)).toEqual({
      q: 'ana',
      role: 'admin',
      createdFrom: new Date(2026, 0, 5).toISOString(),
    });
  });

  it('downloads the same filtered list as CSV', () => {
    expect(csvExportUrl(NO_FILTERS)).toBe('/api/admin/accounts.csv');
    const url = new URL(
      csvExportUrl({ ...NO_FILTERS, status: 'locked', membership: 'any', createdTo: '2026-01-31' }),
      'https://hub.example',
    );
    expect(url.pathname).toBe('/api/admin/accounts.csv');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      status: 'locked',
      membership: 'any',
      createdTo: endOfDay('2026-01-31'),
    });
  });

  it('never puts the page’s cursor in the export: it is every matching row', () => {
    const filters = filtersFromSearch(new URLSearchParams('role=support&cursor=abc'));
    expect(csvExportUrl(filters)).toBe('/api/admin/accounts.csv?role=support');
  });
});
