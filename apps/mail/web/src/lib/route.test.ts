import { describe, expect, it } from 'vitest';
import { parseRoute, routePath } from './route';

describe('parseRoute', () => {
  it('opens the inbox at the root', () => {
    expect(parseRoute('/', '')).toEqual({ scope: 'inbox', q: '', messageId: null });
  });

  it('reads the folder, the open message and the search', () => {
    expect(parseRoute('/sent/abc-123', '?q=report')).toEqual({
      scope: 'sent',
      q: 'report',
      messageId: 'abc-123',
    });
    expect(parseRoute('/starred', '')).toEqual({ scope: 'starred', q: '', messageId: null });
    expect(parseRoute('/all', '?q=%E6%8A%A5%E5%91%8A')).toEqual({ scope: 'all', q: '报告', messageId: null });
  });

  it('falls back to the inbox for unknown paths', () => {
    expect(parseRoute('/nowhere', '')).toEqual({ scope: 'inbox', q: '', messageId: null });
    expect(parseRoute('/inbox/a/b', '')).toEqual({ scope: 'inbox', q: '', messageId: null });
  });

  it('survives a malformed escape', () => {
    expect(parseRoute('/inbox/%E0%A4%A', '').messageId).toBe('%E0%A4%A');
  });
});

describe('routePath', () => {
  it('writes what parseRoute reads', () => {
    const routes = [
      { scope: 'inbox', q: '', messageId: null },
      { scope: 'trash', q: '', messageId: 'm-1' },
      { scope: 'all', q: 'lunch & dinner', messageId: 'x y' },
    ] as const;
    for (const route of routes) {
      const path = routePath(route);
      const [pathname = '', search = ''] = path.split('?');
      expect(parseRoute(pathname, search ? `?${search}` : '')).toEqual(route);
    }
  });

  it('leaves an empty search out of the address', () => {
    expect(routePath({ scope: 'drafts', q: '  ', messageId: null })).toBe('/drafts');
  });
});
