import { describe, expect, it } from 'vitest';
import { DEFAULT_HUB_URL, hubUrl } from './links';

const pageWith = (content: string | null) => ({
  querySelector: () => (content === null ? null : { content }),
});

describe('hubUrl', () => {
  it('reads the orbit-hub meta tag', () => {
    expect(hubUrl(pageWith('https://orbit.example.com/') as never)).toBe('https://orbit.example.com');
  });

  it('falls back to the local hub without a usable tag', () => {
    expect(hubUrl(pageWith(null) as never)).toBe(DEFAULT_HUB_URL);
    expect(hubUrl(pageWith('') as never)).toBe(DEFAULT_HUB_URL);
    expect(hubUrl(pageWith('javascript:alert(1)') as never)).toBe(DEFAULT_HUB_URL);
    expect(hubUrl(pageWith('not a url') as never)).toBe(DEFAULT_HUB_URL);
  });
});
