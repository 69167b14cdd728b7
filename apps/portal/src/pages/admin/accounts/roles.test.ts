import { ApiError } from '@orbit/ui/api';
import { describe, expect, it } from 'vitest';
import type { GrantableRole } from '../../../api/admin-accounts';
import { compareRoles, grantableGroups, isLastAdmin, labelIn, roleChips, serviceOf } from './roles';

/** A role as `GET /api/admin/roles` lists it. */
const role = (
  name: string,
  label: GrantableRole['label'],
  extra: Partial<GrantableRole> = {},
): GrantableRole => ({
  role: name,
  kind: name.includes('.') ? 'service' : 'hub',
  serviceId: name.includes('.') ? (name.split('.')[0] ?? null) : null,
  label,
  description: null,
  retired: false,
  holders: 0,
  ...extra,
});

const known: GrantableRole[] = [
  role('admin', { en: 'Administrator', 'zh-CN': '管理员' }),
  role('support', { en: 'Support', 'zh-CN': '支持' }),
  role('news.editor', { en: 'Editor', 'zh-CN': '编辑' }),
  role('mail.moderator', { en: 'Moderator', 'zh-CN': '' }),
  role('news.author', { en: 'Author', 'zh-CN': 'Author' }),
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
      role('blog.writer', { en: 'blog.writer', 'zh-CN': 'blog.writer' }, { retired: true, holders: 2 }),
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
