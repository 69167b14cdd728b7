import { describe, expect, it } from 'vitest';
import type { Permission } from '../../../api/types';
import {
  auditFiltersFromSearch,
  auditPathFor,
  auditQuery,
  beforeFromSearch,
  browserOf,
  detailRows,
  NO_AUDIT_FILTERS,
  searchOfAuditFilters,
  targetPath,
} from './entries';

describe('the audit log’s filters in the address', () => {
  it('reads what the address sets and drops what the hub would refuse', () => {
    expect(
      auditFiltersFromSearch(
        new URLSearchParams('q=lock&actor=@ana&action=account.*&target=a1&from=2026-01-01&to=2026-02-30'),
      ),
    ).toEqual({ q: 'lock', actor: '@ana', action: 'account.*', target: 'a1', from: '2026-01-01', to: '' });
    expect(auditFiltersFromSearch(new URLSearchParams('action=DROP TABLE'))).toEqual(NO_AUDIT_FILTERS);
  });

  it('round-trips through the address with the page', () => {
    const filters = { ...NO_AUDIT_FILTERS, action: 'role.granted', to: '2026-03-01' };
    const params = searchOfAuditFilters(filters, 120);
    expect(params.toString()).toBe('action=role.granted&to=2026-03-01&before=120');
    expect(auditFiltersFromSearch(params)).toEqual(filters);
    expect(beforeFromSearch(params)).toBe(120);
  });

  it('reads only a positive whole number as the page', () => {
    expect(beforeFromSearch(new URLSearchParams('before=0'))).toBeNull();
    expect(beforeFromSearch(new URLSearchParams('before=-3'))).toBeNull();
    expect(beforeFromSearch(new URLSearchParams('before=1e3'))).toBeNull();
    expect(beforeFromSearch(new URLSearchParams())).toBeNull();
  });

  it('asks the hub for whole days: from the first one’s start to the start of the day after the last', () => {
    const query = auditQuery({ ...NO_AUDIT_FILTERS, q: ' lock ', from: '2026-01-05', to: '2026-01-05' });
    expect(Object.fromEntries(query)).toEqual({
      q: 'lock',
      from: new Date(2026, 0, 5).toISOString(),
      to: new Date(2026, 0, 6).toISOString(),
    });
  });
});

describe('an entry', () => {
  it('links its target to its console page', () => {
    const all: Permission[] = ['accounts:read', 'services:write', 'clients:write', 'tiers:write'];
    expect(targetPath({ type: 'account', id: 'a 1', label: '@ana' }, all)).toBe('/admin/accounts/a%201');
    expect(targetPath({ type: 'client', id: 'blog', label: null }, all)).toBe('/admin/clients/blog');
    expect(targetPath({ type: 'service', id: 'mail', label: 'Mail' }, all)).toBe('/admin/services');
    expect(targetPath({ type: 'tier', id: 'plus', label: 'Plus' }, all)).toBe('/admin/tiers/plus');
    expect(targetPath({ type: 'signing_key', id: 'k1', label: null }, all)).toBeNull();
    expect(targetPath({ type: 'constructor', id: 'x', label: null }, all)).toBeNull();
    expect(targetPath(null, all)).toBeNull();
  });

  it('links only to pages the reader may open', () => {
    const support: Permission[] = ['accounts:read', 'audit:read', 'outbox:read'];
    expect(targetPath({ type: 'account', id: 'a1', label: '@ana' }, support)).toBe('/admin/accounts/a1');
    expect(targetPath({ type: 'client', id: 'blog', label: null }, support)).toBeNull();
    expect(targetPath({ type: 'service', id: 'mail', label: 'Mail' }, support)).toBeNull();
  });

  it('links an account to what staff did to it', () => {
    expect(auditPathFor('a1')).toBe('/admin/audit?target=a1');
  });

  it('names the browser and system it came from', () => {
    expect(
      browserOf(
        'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
      ),
    ).toEqual({ browser: 'Chrome', system: 'Linux' });
    expect(
      browserOf(
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0',
      ),
    ).toEqual({ browser: 'Edge', system: 'Windows' });
    expect(
      browserOf(
        'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
      ),
    ).toEqual({ browser: 'Safari', system: 'iPhone' });
    expect(
      browserOf('Mozilla/5.0 (Macintosh; Intel Mac OS X 14.5; rv:128.0) Gecko/20100101 Firefox/128.0'),
    ).toEqual({
      browser: 'Firefox',
      system: 'macOS',
    });
    expect(
      browserOf(
        'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36',
      ),
    ).toEqual({ browser: 'Chrome', system: 'Linux' });
    expect(browserOf('orbit-cli')).toBeNull();
    expect(browserOf('')).toBeNull();
  });

  it('shows its details as rows, nested values as JSON', () => {
    expect(detailRows({ reason: 'spam', roles: ['a'], count: 2, none: null })).toEqual([
      { key: 'reason', value: 'spam' },
      { key: 'roles', value: '["a"]' },
      { key: 'count', value: '2' },
      { key: 'none', value: '—' },
    ]);
    expect(detailRows(null)).toEqual([]);
  });
});
