import { describe, expect, it } from 'vitest';
import { DEFAULT_HUB_URL, hubUrl, loginUrl } from './links';

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

describe('loginUrl', () => {
  it('comes back to the current page, in the current language', () => {
    expect(loginUrl('/inbox/abc?q=x', 'zh-CN')).toBe(
      '/auth/login?return_to=%2Finbox%2Fabc%3Fq%3Dx&ui_locales=zh-CN',
    );
  });

  it('only returns to a path on this site', () => {
    expect(loginUrl('https://evil.example')).toBe('/auth/login?return_to=%2F');
    expect(loginUrl('//evil.example')).toBe('/auth/login?return_to=%2F');
    expect(loginUrl('/a/..//evil.example/stolen')).toBe('/auth/login?return_to=%2F');
    expect(loginUrl('/\tjavascript:alert(1)')).toBe('/auth/login?return_to=%2F');
  });
});
