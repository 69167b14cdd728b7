import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { configuredLimits, configuredRate, toAddress } from './ports.js';

describe('limits and rates from configuration', () => {
  it('gives every account the configured quota and attachment size until perks say otherwise', async () => {
    const config = loadConfig({ MAIL_DEFAULT_QUOTA_MB: '2', MAIL_DEFAULT_ATTACHMENT_MB: '1' });
    const limits = configuredLimits(config.mail);
    expect(await limits('any-sub')).toEqual({ quotaBytes: 2 * 1024 * 1024, attachmentBytes: 1024 * 1024 });
    expect(configuredRate(config.mail)).toEqual({ perMinute: 20, perDay: 300 });
  });

  it('stores only the display snapshot of what the directory answers', () => {
    const account = { sub: 's', accountNumber: '10001', handle: 'alice', displayName: 'Alice', picture: 'p' };
    expect(toAddress(account)).toEqual({
      sub: 's',
      accountNumber: '10001',
      handle: 'alice',
      displayName: 'Alice',
    });
  });
});
