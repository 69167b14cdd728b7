import { ApiError } from '@orbit/ui/api';
import { describe, expect, it } from 'vitest';
import type { GrantableRole } from '../../../api/admin-accounts';
import { compareRoles, grantableGroups, isLastAdmin, labelIn, roleChips, serviceOf } from './roles';

const known: GrantableRole[] = [
  { role: 'admin', kind: 'hub', serviceId: null, label: null },
  { role: 'support', kind: 'hub', serviceId: null, label: null },
  { role: 'news.editor', kind: 'service', serviceId: 'news', label: { en: 'Editor', 'zh-CN': '编辑' } },
  { role: 'mail.moderator', kind: 'service', serviceId: 'mail', label: { en: 'Moderator' } },
  { role: 'news.author', kind: 'service', serviceId: 'news', label: 'Author' },
];

describe('role chips', () => {
  it('puts the hub’s roles first (admin, support), then service roles by name', () => {
    expect(['news.editor', 'support', 'mail.moderator', 'admin'].sort(compareRoles)).toEqual([
      'admin',
      'support',
      'mail.moderator',
      'news.editor',
    ]);
  });

  it('labels service roles in the reader’s language, falling back to English, then the role’s name', () => {
    const chips = roleChips(['news.editor', 'mail.moderator', 'gone.role', 'admin'], known, 'zh-CN');
    expect(chips.map((c) => [c.role, c.kind, c.serviceId, c.label])).toEqual([
      ['admin', 'hub', null, 'admin'],
      ['gone.role', 'service', 'gone', 'gone.role'],
      ['mail.moderator', 'service', 'mail', 'Moderator'],
      ['news.editor', 'service', 'news', '编辑'],
    ]);
    expect(chips[0]!.hubRole).toBe('admin');
  });

  it('shows a role once even if the list repeats it', () => {
    expect(roleChips(['support', 'support'], known, 'en')).toHaveLength(1);
  });

  it('reads labels of every shape the hub may send', () => {
    expect(labelIn('Author', 'zh-CN')).toBe('Author');
    expect(labelIn({ 'zh-CN': '编辑' }, 'en')).toBe('编辑');
    expect(labelIn(null, 'en')).toBeNull();
    expect(labelIn('', 'en')).toBeNull();
  });

  it('knows the service of a service role', () => {
    expect(serviceOf('news.editor')).toBe('news');
    expect(serviceOf('admin')).toBeNull();
    expect(serviceOf('odd')).toBeNull();
  });
});

describe('the role picker', () => {
  it('offers every role not held, hub roles first, then each service’s', () => {
    const groups = grantableGroups(known, ['support', 'news.editor'], 'en');
    expect(groups.map((g) => [g.serviceId, g.roles.map((r) => r.role)])).toEqual([
      [null, ['admin']],
      ['mail', ['mail.moderator']],
      ['news', ['news.author']],
    ]);
  });

  it('still offers the hub roles before the role list has loaded', () => {
    expect(grantableGroups([], [], 'en').map((g) => g.roles.map((r) => r.role))).toEqual([
      ['admin', 'support'],
    ]);
  });

  it('never offers a retired role, though the accounts filter still lists it', () => {
    const withRetired: GrantableRole[] = [
      ...known,
      { role: 'blog.writer', kind: 'service', serviceId: 'blog', label: null, retired: true, holders: 2 },
    ];
    const offered = (groups: ReturnType<typeof grantableGroups>) =>
      groups.flatMap((g) => g.roles.map((r) => r.role));
    expect(offered(grantableGroups(withRetired, [], 'en'))).not.toContain('blog.writer');
    expect(offered(grantableGroups(withRetired, [], 'en', { includeRetired: true }))).toContain(
      'blog.writer',
    );
  });

  it('offers nothing to an account holding every role', () => {
    expect(
      grantableGroups(
        known,
        known.map((r) => r.role),
        'en',
      ),
    ).toEqual([]);
  });
});

it('recognises the hub refusing to remove the last administrator', () => {
  expect(isLastAdmin(new ApiError(409, 'role.last_admin', 'The last admin.'))).toBe(true);
  expect(isLastAdmin(new ApiError(403, 'auth.forbidden', 'No.'))).toBe(false);
  expect(isLastAdmin(new Error('role.last_admin'))).toBe(false);
});
