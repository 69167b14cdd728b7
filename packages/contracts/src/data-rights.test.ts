import { describe, expect, it } from 'vitest';
import { encodeExportFile, exportPath, toCsv } from './data-rights.js';

describe('export files', () => {
  it('writes CSV as RFC 4180, with formulas someone else typed kept as text', () => {
    expect(
      toCsv(
        ['name', 'note', 'n', 'at'],
        [
          ['Ann "A", B', 'two\nlines', -3, new Date(0)],
          ['=HYPERLINK("x")', null, true, undefined],
        ],
      ),
    ).toBe(
      'name,note,n,at\r\n"Ann ""A"", B","two\nlines",-3,1970-01-01T00:00:00.000Z\r\n"\'=HYPERLINK(""x"")",,true,\r\n',
    );
  });

  it('encodes bytes as they are, text as UTF-8 and anything else as JSON', () => {
    const bytes = new Uint8Array([1, 2, 3]);
    expect(encodeExportFile({ path: 'a.bin', data: bytes })).toEqual({
      bytes,
      contentType: 'application/octet-stream',
    });
    expect(encodeExportFile({ path: 'a.csv', data: 'é' }).contentType).toBe('text/csv; charset=utf-8');
    expect(encodeExportFile({ path: 'a.csv', data: 'é' }).bytes).toEqual(new Uint8Array([0xc3, 0xa9]));
    const json = encodeExportFile({ path: 'a.json', data: { a: 1 } });
    expect([new TextDecoder().decode(json.bytes), json.contentType]).toEqual([
      '{\n  "a": 1\n}\n',
      'application/json',
    ]);
    expect(() => encodeExportFile({ path: 'a.json', data: undefined })).toThrow(/JSON/);
  });

  it('takes only relative paths of plain names', () => {
    for (const good of ['a.json', 'attachments/1/report (2).pdf', '邮件/附件.txt']) {
      expect(exportPath.safeParse(good).success, good).toBe(true);
    }
    for (const bad of ['', '/a', 'a/', '../a', 'a/./b', 'a\\b', 'a\u0000b', 'a//b']) {
      expect(exportPath.safeParse(bad).success, bad).toBe(false);
    }
  });
});
