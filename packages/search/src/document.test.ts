import { describe, expect, it } from 'vitest';
import { toTsvector } from './document.js';

describe('toTsvector', () => {
  it('lists each term with its positions and its field’s weight', () => {
    expect(toTsvector([{ text: 'Hi 中文', weight: 'A' }, { text: 'hi there' }])).toBe(
      "'hi':1A,5 '中文':2A '文':3A 'there':6",
    );
  });

  it('leaves a gap between fields and between the texts of one field, so phrases never span them', () => {
    expect(toTsvector([{ text: ['a.pdf', 'b.doc'], weight: 'B' }])).toBe("'a':1B 'pdf':2B 'b':4B 'doc':5B");
  });

  it('is empty for empty fields', () => {
    expect(toTsvector([])).toBe('');
    expect(toTsvector([{ text: '' }, { text: [] }, { text: '…' }])).toBe('');
  });

  it('stays within what a tsvector holds, however long the input', () => {
    const words = Array.from({ length: 200_000 }, (_, i) => `w${i.toString(36)}`).join(' ');
    const vector = toTsvector([{ text: words }]);
    expect(new TextEncoder().encode(vector).length).toBeLessThan(4_000_000);
    const positions = vector.match(/:[\d,]+/gu)!.flatMap((p) => p.slice(1).split(',').map(Number));
    expect(Math.max(...positions)).toBe(16_383);
    // 255 positions at most per term.
    const repeated = toTsvector([{ text: 'same '.repeat(1000) }]);
    expect(repeated.split(',')).toHaveLength(255);
  });
});
