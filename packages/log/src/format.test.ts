import { describe, expect, it } from 'vitest';
import { formatEntry } from './format.js';

const at = new Date(2026, 11, 6, 14, 3, 7, 123).getTime();
const plain = (entry: Record<string, unknown>) => formatEntry(entry, { color: false });

describe('readable log lines', () => {
  it('shows time, level, service and message, then the other fields as key=value', () => {
    expect(
      plain({
        level: 30,
        time: at,
        service: 'identity',
        msg: 'hub listening',
        url: 'http://localhost:4000',
        database: 'pglite',
      }),
    ).toBe('14:03:07.123 INFO  identity hub listening  url=http://localhost:4000 database=pglite\n');
    expect(plain({ level: 40, time: at, service: 'mail', msg: 'not ready', pid: 12, hostname: 'h' })).toBe(
      '14:03:07.123 WARN  mail     not ready\n',
    );
  });

  it('quotes values with spaces and shows objects as JSON, cut to a line', () => {
    const line = plain({
      level: 30,
      time: at,
      service: 'identity',
      msg: 'm',
      note: 'two words',
      data: { a: 1 },
      long: 'x'.repeat(300),
    });
    expect(line).toContain('note="two words" data={"a":1} long=xxx');
    expect(line).toMatch(/x…\n$/);
    expect(line.length).toBeLessThan(300);
  });

  it('writes a request as one short line: method, path, status and time', () => {
    expect(
      plain({
        level: 20,
        time: at,
        service: 'identity',
        msg: 'request',
        requestId: 'r1',
        method: 'GET',
        path: '/api/me',
        status: 200,
        ms: 12,
      }),
    ).toBe('14:03:07.123 DEBUG identity GET /api/me 200 12ms\n');
    // A route with a secret in its path is logged by its pattern; the line shows the pattern.
    expect(
      plain({
        level: 20,
        time: at,
        service: 'identity',
        msg: 'request',
        method: 'GET',
        route: '/api/setup/:token',
        status: 404,
        ms: 1.5,
      }),
    ).toBe('14:03:07.123 DEBUG identity GET /api/setup/:token 404 1.5ms\n');
  });

  it('prints an error’s stack under its line, logged as { err } or as the error itself', () => {
    const err = {
      type: 'TypeError',
      message: 'x is not a function',
      stack: 'TypeError: x is not a function\n    at f (a.js:1:1)',
    };
    expect(
      plain({ level: 50, time: at, service: 'mail', msg: 'unhandled error', requestId: 'r2', err }),
    ).toBe(
      '14:03:07.123 ERROR mail     unhandled error  requestId=r2\n  TypeError: x is not a function\n      at f (a.js:1:1)\n',
    );
    expect(plain({ level: 50, time: at, service: 'mail', msg: 'x is not a function', ...err })).toBe(
      '14:03:07.123 ERROR mail     x is not a function\n  TypeError: x is not a function\n      at f (a.js:1:1)\n',
    );
  });

  it('colours only when asked', () => {
    const entry = {
      level: 50,
      time: at,
      service: 'identity',
      msg: 'request',
      method: 'POST',
      path: '/x',
      status: 500,
      ms: 3,
    };
    expect(plain(entry)).not.toContain('\u001b[');
    const coloured = formatEntry(entry, { color: true });
    expect(coloured).toContain('\u001b[31mERROR\u001b[0m');
    expect(coloured).toContain('\u001b[31m500\u001b[0m');
  });
});
