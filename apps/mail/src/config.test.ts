import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('configuration', () => {
  it('defaults to port 4101, the local hub, and embedded data under .orbit/data/mail', () => {
    const config = loadConfig({});
    expect(config.port).toBe(4101);
    expect(config.hubUrl).toBe('http://localhost:4000');
    expect(config.publicUrl).toBe('http://localhost:4101');
    expect(config.databaseUrl).toBeUndefined();
    expect(config.pgliteDir).toMatch(/\.orbit\/data\/mail$/);
    expect(config.credentialsFile).toMatch(/\.orbit\/data\/services\/mail\.json$/);
    expect(config.logLevel).toBe('info');
    expect(config.mail).toEqual({
      defaultQuotaBytes: 1024 * 1024 * 1024,
      defaultAttachmentBytes: 10 * 1024 * 1024,
      sendPerMinute: 20,
      sendPerDay: 300,
    });
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.mail)).toBe(true);
  });

  it('follows PORT, the data folder and the explicit URLs', () => {
    expect(loadConfig({ PORT: '4200' }).publicUrl).toBe('http://localhost:4200');
    const config = loadConfig({
      ORBIT_HUB_URL: 'https://id.example.com/',
      ORBIT_PUBLIC_URL: 'https://mail.example.com/',
      ORBIT_DATA_DIR: '/var/orbit',
      MAIL_DEFAULT_QUOTA_MB: '2048',
      MAIL_DEFAULT_ATTACHMENT_MB: '25',
      MAIL_SEND_PER_MINUTE: '5',
      MAIL_SEND_PER_DAY: '50',
    });
    expect(config.hubUrl).toBe('https://id.example.com');
    expect(config.publicUrl).toBe('https://mail.example.com');
    expect(config.pgliteDir).toBe('/var/orbit/mail');
    expect(config.credentialsFile).toBe('/var/orbit/services/mail.json');
    expect(config.mail.defaultQuotaBytes).toBe(2048 * 1024 * 1024);
    expect(config.mail.defaultAttachmentBytes).toBe(25 * 1024 * 1024);
    expect(config.mail.sendPerMinute).toBe(5);
    expect(config.mail.sendPerDay).toBe(50);
  });

  it('keeps an in-memory database in memory and has no credentials file unless one is named', () => {
    const memory = loadConfig({ ORBIT_DATA_DIR: 'memory://' });
    expect(memory.pgliteDir).toBe('memory://');
    expect(memory.credentialsFile).toBeUndefined();
    const named = loadConfig({ ORBIT_DATA_DIR: 'memory://', ORBIT_CREDENTIALS_FILE: '/tmp/mail.json' });
    expect(named.credentialsFile).toBe('/tmp/mail.json');
  });

  it('treats an empty DATABASE_URL as unset', () => {
    expect(loadConfig({ DATABASE_URL: '' }).databaseUrl).toBeUndefined();
  });

  it('fails at start naming the variable to fix', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ ORBIT_HUB_URL: 'ftp://x' })).toThrow(/ORBIT_HUB_URL/);
    expect(() => loadConfig({ ORBIT_PUBLIC_URL: 'not a url' })).toThrow(/ORBIT_PUBLIC_URL/);
    expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
    expect(() => loadConfig({ MAIL_DEFAULT_QUOTA_MB: '0' })).toThrow(/MAIL_DEFAULT_QUOTA_MB/);
    expect(() => loadConfig({ MAIL_DEFAULT_ATTACHMENT_MB: 'lots' })).toThrow(/MAIL_DEFAULT_ATTACHMENT_MB/);
    expect(() => loadConfig({ MAIL_SEND_PER_MINUTE: '1.5' })).toThrow(/MAIL_SEND_PER_MINUTE/);
    expect(() => loadConfig({ MAIL_SEND_PER_DAY: '-3' })).toThrow(/MAIL_SEND_PER_DAY/);
  });
});
