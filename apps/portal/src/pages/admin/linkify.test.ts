import { describe, expect, it } from 'vitest';
import { linkify } from './linkify';

describe('linkify', () => {
  it('turns http(s) URLs into links and keeps the words around them', () => {
    expect(linkify('Reset:\nhttps://id.example/reset-password?token=a_b-1\n\nThanks')).toEqual([
      { text: 'Reset:\n' },
      { link: 'https://id.example/reset-password?token=a_b-1' },
      { text: '\n\nThanks' },
    ]);
  });

  it('leaves sentence punctuation (English and Chinese) outside the link', () => {
    expect(linkify('Go to http://localhost:4000/forgot-password.')).toEqual([
      { text: 'Go to ' },
      { link: 'http://localhost:4000/forgot-password' },
      { text: '.' },
    ]);
    expect(linkify('在这里重置：https://id.example/forgot-password。')).toEqual([
      { text: '在这里重置：' },
      { link: 'https://id.example/forgot-password' },
      { text: '。' },
    ]);
  });

  it('never makes a link of anything but http(s)', () => {
    expect(linkify('javascript:alert(1) data:text/html,x')).toEqual([
      { text: 'javascript:alert(1) data:text/html,x' },
    ]);
  });

  it('gives the text alone when there is no link, and nothing for nothing', () => {
    expect(linkify('Hi Ada,')).toEqual([{ text: 'Hi Ada,' }]);
    expect(linkify('')).toEqual([]);
  });
});
