import type { CallGrantView } from '@orbit/contracts';
import { describe, expect, it } from 'vitest';
import { callGrantLines, withGrant } from './service-calls';
import { adminService } from './test-service';

const grant = (overrides: Partial<CallGrantView> = {}): CallGrantView => ({
  caller: 'mail',
  target: 'notes',
  scope: 'notes:read',
  status: 'approved',
  offered: true,
  description: { en: 'Read notes', 'zh-CN': '读取笔记' },
  decidedBy: null,
  decidedAt: null,
  createdAt: '2026-12-06T00:00:00.000Z',
  ...overrides,
});

describe('callGrantLines', () => {
  it('names the services in the reader’s language, describes the scope and offers what undoes its status', () => {
    const services = [adminService()];
    const [approved, pending, revoked] = callGrantLines(
      [grant(), grant({ status: 'pending', scope: 'notes:write' }), grant({ status: 'revoked' })],
      services,
      'zh-CN',
    );
    expect(approved).toMatchObject({ callerName: '邮件', targetName: 'notes', description: '读取笔记' });
    expect(approved?.action).toBe('revoke');
    expect(pending?.action).toBe('approve');
    expect(revoked?.action).toBe('approve');
    expect(callGrantLines([grant()], services, 'en')[0]).toMatchObject({
      callerName: 'Mail',
      description: 'Read notes',
    });
  });

  it('has no description for a scope the target does not offer', () => {
    const [line] = callGrantLines([grant({ offered: false, description: null })], [], 'en');
    expect(line).toMatchObject({ callerName: 'mail', description: null });
  });
});

describe('withGrant', () => {
  it('replaces the decided grant and keeps the others', () => {
    const list = [grant(), grant({ scope: 'notes:write', status: 'pending' })];
    const decided = grant({ scope: 'notes:write', status: 'approved' });
    expect(withGrant(list, decided)).toEqual([list[0], decided]);
  });
});
