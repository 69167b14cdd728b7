import { describe, expect, it } from 'vitest';
import { formatRecoveryCode, recoveryCodesFile, recoveryCodesFileName } from './recovery-codes';

describe('formatRecoveryCode', () => {
  it('shows ten characters as two groups of five', () => {
    expect(formatRecoveryCode('abcdefghjk')).toBe('abcde-fghjk');
    expect(formatRecoveryCode('abcde-fghjk')).toBe('abcde-fghjk');
    expect(formatRecoveryCode(' abc de-fg hjk ')).toBe('abcde-fghjk');
  });

  it('keeps a code of another length as it came', () => {
    expect(formatRecoveryCode('abc')).toBe('abc');
    expect(formatRecoveryCode(' abcd-efgh-jkmn ')).toBe('abcd-efgh-jkmn');
  });
});

describe('recoveryCodesFile', () => {
  it('heads the codes with what they are, one code a line', () => {
    const text = recoveryCodesFile(['abcdefghjk', 'mnpqr-stuvw'], {
      title: 'Orbit recovery codes',
      account: 'Account 12345678',
      generated: 'Generated Nov 23, 2026',
      note: 'Each code works once.',
    });
    expect(text).toBe(
      [
        'Orbit recovery codes',
        'Account 12345678',
        'Generated Nov 23, 2026',
        '',
        'Each code works once.',
        '',
        'abcde-fghjk',
        'mnpqr-stuvw',
        '',
      ].join('\n'),
    );
  });
});

describe('recoveryCodesFileName', () => {
  it('names the file after the account, with nothing a file system could misread', () => {
    expect(recoveryCodesFileName('12345678')).toBe('orbit-recovery-codes-12345678.txt');
    expect(recoveryCodesFileName('../12 34')).toBe('orbit-recovery-codes-1234.txt');
  });
});
