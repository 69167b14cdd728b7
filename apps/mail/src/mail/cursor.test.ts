import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from './cursor.js';

describe('listing cursors', () => {
  it('read back the position they were made from', () => {
    const position = {
      date: new Date('2025-03-03T09:00:00.123Z'),
      id: '0b4c2f4e-8a8e-4c39-9a53-6f0f2b3b8d11',
    };
    const cursor = encodeCursor(position);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor)).toEqual(position);
  });

  it('refuse anything they did not make', () => {
    const forged = (text: string) => Buffer.from(text).toString('base64url');
    for (const cursor of [
      '',
      'garbage',
      forged('2025-03-03T09:00:00.000Z'),
      forged('2025-03-03T09:00:00.000Z|not-a-uuid'),
      forged('yesterday|0b4c2f4e-8a8e-4c39-9a53-6f0f2b3b8d11'),
      forged('2025-03-03T09:00:00.000Z|0b4c2f4e-8a8e-4c39-9a53-6f0f2b3b8d11|x'),
    ]) {
      expect(() => decodeCursor(cursor)).toThrow(expect.objectContaining({ code: 'request.invalid' }));
    }
  });
});
