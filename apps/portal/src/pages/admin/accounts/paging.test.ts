import { ApiError } from '@orbit/ui/api';
import { describe, expect, it } from 'vitest';
import { isBadAddress, nextPage, pageNumber, pagingOf, previousPage, rowRange } from './paging';

describe('cursor paging', () => {
  it('walks forward and back through the pages', () => {
    const first = pagingOf(null);
    expect(pageNumber(first, null)).toBe(1);
    const second = nextPage(first, null, 'c2');
    expect(second).toEqual({ cursor: 'c2', state: { previous: [''] } });
    expect(pageNumber(second.state, second.cursor)).toBe(2);
    const third = nextPage(second.state, second.cursor, 'c3');
    expect(third).toEqual({ cursor: 'c3', state: { previous: ['', 'c2'] } });
    expect(pageNumber(third.state, third.cursor)).toBe(3);
    expect(previousPage(third.state)).toEqual({ cursor: 'c2', state: { previous: [''] } });
    expect(previousPage(second.state)).toEqual({ cursor: null, state: { previous: [] } });
  });

  it('goes to the first page from a shared link to a later one, whose number it doesn’t know', () => {
    const shared = pagingOf(undefined);
    expect(pageNumber(shared, 'c7')).toBeNull();
    expect(previousPage(shared)).toEqual({ cursor: null, state: { previous: [] } });
  });

  it('ignores history state that isn’t its own', () => {
    expect(pagingOf({ previous: [1, 2] })).toEqual({ previous: [] });
    expect(pagingOf('x')).toEqual({ previous: [] });
    expect(pagingOf({ previous: ['', 'c2'], other: true })).toEqual({ previous: ['', 'c2'] });
  });

  it('says which rows a page shows', () => {
    expect(rowRange(1, 50, 50)).toEqual({ first: 1, last: 50 });
    expect(rowRange(3, 50, 7)).toEqual({ first: 101, last: 107 });
    expect(rowRange(null, 50, 7)).toBeNull();
    expect(rowRange(1, 50, 0)).toBeNull();
  });
});

it('recognises the hub refusing the address itself (a stale cursor, a hand-edited filter)', () => {
  const stale = new ApiError(400, 'request.invalid', 'The request is not valid.', [
    { path: 'cursor', message: 'This cursor is not one the list gave; start from the first page.' },
  ]);
  expect(isBadAddress(stale)).toBe(true);
  expect(isBadAddress(new ApiError(400, 'request.invalid', 'Bad.'))).toBe(false);
  expect(isBadAddress(new ApiError(403, 'auth.forbidden', 'No.'))).toBe(false);
});
