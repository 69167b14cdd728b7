import { describe, expect, it } from 'vitest';
import { base64OfDataUrl, partitionBySize } from './files';

describe('partitionBySize', () => {
  it('refuses only the files above the limit, keeping their order', () => {
    const files = [
      { name: 'a.txt', size: 10 },
      { name: 'big.zip', size: 101 },
      { name: 'exact.bin', size: 100 },
      { name: 'huge.iso', size: 5000 },
    ];
    expect(partitionBySize(files, 100)).toEqual({
      accepted: [files[0], files[2]],
      refused: [files[1], files[3]],
    });
  });
});

describe('base64OfDataUrl', () => {
  it('keeps what follows the comma', () => {
    expect(base64OfDataUrl('data:text/plain;base64,aGVsbG8=')).toBe('aGVsbG8=');
    expect(base64OfDataUrl('data:;base64,')).toBe('');
  });

  it('gives nothing for something that is not a data URL', () => {
    expect(base64OfDataUrl('garbage')).toBe('');
  });
});
