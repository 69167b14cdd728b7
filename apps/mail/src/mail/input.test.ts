import { describe, expect, it } from 'vitest';
import {
  cleanContentType,
  cleanFilename,
  draftInputSchema,
  idempotencyKeySchema,
  listQuerySchema,
  sendInputSchema,
} from './input.js';

describe('request shapes', () => {
  it('decodes attachments from base64 and refuses what is not base64', () => {
    const input = sendInputSchema.parse({
      to: ['bob'],
      subject: 'Hi',
      attachments: [
        { filename: 'a.txt', contentType: 'text/plain', dataBase64: Buffer.from('hello').toString('base64') },
      ],
    });
    expect(input.attachments?.[0]?.data.toString()).toBe('hello');
    const bad = sendInputSchema.safeParse({
      to: ['bob'],
      subject: 'Hi',
      attachments: [{ filename: 'a.txt', contentType: 'text/plain', dataBase64: 'not base64!' }],
    });
    expect(bad.success).toBe(false);
  });

  it('needs recipients and a subject unless a draft is being sent', () => {
    expect(sendInputSchema.safeParse({ subject: 'x' }).success).toBe(false);
    expect(sendInputSchema.safeParse({ to: ['bob'] }).success).toBe(false);
    expect(sendInputSchema.safeParse({ draftId: 'd' }).success).toBe(true);
  });

  it('refuses a subject over 300 characters and more than 50 recipients in a field', () => {
    expect(draftInputSchema.safeParse({ subject: 'x'.repeat(301) }).success).toBe(false);
    expect(draftInputSchema.safeParse({ to: Array(51).fill('bob') }).success).toBe(false);
  });

  it('keeps file names without paths or control characters', () => {
    expect(cleanFilename('../../etc/passwd')).toBe('passwd');
    expect(cleanFilename('C:\\Users\\me\\report.pdf')).toBe('report.pdf');
    expect(cleanFilename('a"b\r\nc.txt')).toBe('abc.txt');
    expect(cleanFilename('..')).toBe('attachment');
    expect(Array.from(cleanFilename('名'.repeat(300)))).toHaveLength(255);
  });

  it('keeps a content type’s essence and serves anything odd as opaque bytes', () => {
    expect(cleanContentType('Text/HTML; charset=utf-8')).toBe('text/html');
    expect(cleanContentType('image/svg+xml')).toBe('image/svg+xml');
    expect(cleanContentType('text/html\r\nX-Evil: 1')).toBe('application/octet-stream');
    expect(cleanContentType('nonsense')).toBe('application/octet-stream');
  });

  it('takes idempotency keys of 8 to 200 characters', () => {
    expect(idempotencyKeySchema.safeParse('short').success).toBe(false);
    expect(idempotencyKeySchema.safeParse('12345678').success).toBe(true);
    expect(idempotencyKeySchema.safeParse('k'.repeat(201)).success).toBe(false);
  });

  it('reads listing queries with defaults and bounds', () => {
    expect(listQuerySchema.parse({})).toEqual({ folder: 'inbox', limit: 50 });
    expect(listQuerySchema.parse({ folder: 'all', starred: 'true', limit: '10', q: ' x ' })).toEqual({
      folder: 'all',
      starred: true,
      limit: 10,
      q: 'x',
    });
    expect(listQuerySchema.safeParse({ limit: '101' }).success).toBe(false);
    expect(listQuerySchema.safeParse({ folder: 'spam' }).success).toBe(false);
  });
});
