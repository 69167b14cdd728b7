import { describe, expect, it } from 'vitest';
import type { Address } from '../api/types';
import { replyRecipients, splitRecipients } from './recipients';

const person = (name: string, accountNumber: string): Address => ({
  sub: `sub-${name}`,
  accountNumber,
  handle: name,
  displayName: name[0]!.toUpperCase() + name.slice(1),
});

describe('splitRecipients', () => {
  it('splits on commas, semicolons and spaces', () => {
    expect(splitRecipients('10001, ada;bob  carol\n10002')).toEqual([
      '10001',
      'ada',
      'bob',
      'carol',
      '10002',
    ]);
  });

  it('understands full-width separators typed on Chinese keyboards', () => {
    expect(splitRecipients('ada，bob；carol、10001')).toEqual(['ada', 'bob', 'carol', '10001']);
  });

  it('drops empty parts and leading @ on handles', () => {
    expect(splitRecipients(' , @ada,, ;')).toEqual(['ada']);
    expect(splitRecipients('')).toEqual([]);
  });

  it('keeps a repeated recipient once, ignoring case', () => {
    expect(splitRecipients('Ada ada ADA 10001 10001')).toEqual(['Ada', '10001']);
  });
});

describe('replyRecipients', () => {
  const me = person('me', '10000');
  const ada = person('ada', '10001');
  const bob = person('bob', '10002');
  const cat = person('cat', '10003');

  it('replies to the sender', () => {
    expect(replyRecipients({ from: ada, to: [me, bob], cc: [cat] }, me, false)).toEqual({
      to: ['10001'],
      cc: [],
    });
  });

  it('replies to everyone but the reader with reply all', () => {
    expect(replyRecipients({ from: ada, to: [me, bob], cc: [cat, me] }, me, true)).toEqual({
      to: ['10001', '10002'],
      cc: ['10003'],
    });
  });

  it('does not repeat someone who is on both To and Cc', () => {
    expect(replyRecipients({ from: ada, to: [bob], cc: [bob, ada, cat] }, me, true)).toEqual({
      to: ['10001', '10002'],
      cc: ['10003'],
    });
  });

  it('answers a message the reader sent to its recipients again', () => {
    expect(replyRecipients({ from: me, to: [ada, bob], cc: [cat] }, me, false)).toEqual({
      to: ['10001', '10002'],
      cc: [],
    });
    expect(replyRecipients({ from: me, to: [ada], cc: [cat] }, me, true)).toEqual({
      to: ['10001'],
      cc: ['10003'],
    });
  });

  it('answers a note to oneself to oneself', () => {
    expect(replyRecipients({ from: me, to: [me], cc: [] }, me, false)).toEqual({ to: ['10000'], cc: [] });
  });
});
