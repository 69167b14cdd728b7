import { describe, expect, it } from 'vitest';
import { accountCsvRow, csvCell, csvFileName, csvHeader, csvRow } from './csv.js';
import type { AdminAccountSummary } from './listing.js';

describe('CSV cells', () => {
  it('leaves plain text, numbers and booleans alone, and writes null as an empty cell', () => {
    expect(csvCell('alice')).toBe('alice');
    expect(csvCell('张三')).toBe('张三');
    expect(csvCell(42)).toBe('42');
    expect(csvCell(false)).toBe('false');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
  });

  it('quotes cells with commas, quotes or line breaks, doubling the quotes (RFC 4180)', () => {
    expect(csvCell('Liddell, Alice')).toBe('"Liddell, Alice"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('a\r\nb')).toBe('"a\r\nb"');
  });

  it('keeps anything a spreadsheet would run as a formula as text', () => {
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('+1 555 0100')).toBe("'+1 555 0100");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tcmd')).toBe("'\tcmd");
    expect(csvCell('\r=x')).toBe(`"'\r=x"`);
    expect(csvCell('=HYPERLINK("http://evil.example","click")')).toBe(
      `"'=HYPERLINK(""http://evil.example"",""click"")"`,
    );
    // Only a leading character counts.
    expect(csvCell('a=b')).toBe('a=b');
    expect(csvCell('x@example.org')).toBe('x@example.org');
  });

  it('ends every record with CRLF', () => {
    expect(csvRow(['a', 'b,c', null])).toBe('a,"b,c",\r\n');
  });
});

describe('the accounts export', () => {
  const account: AdminAccountSummary = {
    id: '0d3c5e2a-3b0c-4f51-9b8f-7a3e2f1c0b9d',
    accountNumber: '12345678',
    handle: 'zhang',
    displayName: '=张三, "Z"',
    email: 'zhang@example.org',
    emailVerified: true,
    roles: ['news.editor', 'support'],
    status: 'locked',
    lockedReason: '-fraud',
    membership: { tierId: 'vip', tierName: 'VIP' },
    passkeyCount: 2,
    createdAt: '2026-12-01T08:00:00.000Z',
    lastSignInAt: null,
  };

  it('starts with a byte order mark and the header row', () => {
    expect(csvHeader()).toBe(
      '\uFEFFid,account_number,handle,display_name,email,email_verified,roles,status,locked_reason,' +
        'membership_tier,membership_tier_name,passkeys,created_at,last_sign_in_at\r\n',
    );
  });

  it('writes one account as one safe record', () => {
    expect(accountCsvRow(account)).toBe(
      '0d3c5e2a-3b0c-4f51-9b8f-7a3e2f1c0b9d,12345678,zhang,"\'=张三, ""Z""",zhang@example.org,true,' +
        "news.editor support,locked,'-fraud,vip,VIP,2,2026-12-01T08:00:00.000Z,\r\n",
    );
  });

  it('is named after the day it was made', () => {
    expect(csvFileName(new Date('2026-12-06T23:59:00Z'))).toBe('orbit-accounts-2026-12-06.csv');
  });
});
