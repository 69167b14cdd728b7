import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestBrowser } from '../test/client.js';
import { startTestHub, type TestHub } from '../test/hub.js';
import { authenticatorFor, enroll, stepUp } from '../test/passkeys.js';

const SAFARI_IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1';

describe('passkeys added without a name', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(async () => {
    await hub.close();
  });

  it('are named after the browser they were made in, numbered when the name is taken, and can be renamed', async () => {
    // TestBrowser sends Debian Chromium's User-Agent ("… Chrome/156 … Linux").
    const browser = new TestBrowser(hub);
    await browser.signUp();
    expect((await browser.request('GET', '/api/me/security')).body.suggestedPasskeyName).toBe(
      'Chrome on Linux',
    );

    const laptop = authenticatorFor(hub);
    const first = await enroll(browser, laptop);
    expect(first.passkey.name).toBe('Chrome on Linux');
    expect((await browser.request('GET', '/api/me/security')).body.suggestedPasskeyName).toBe(
      'Chrome on Linux (2)',
    );

    expect((await stepUp(browser, laptop)).status).toBe(200);
    const second = await enroll(browser, authenticatorFor(hub));
    expect(second.passkey.name).toBe('Chrome on Linux (2)');

    // A name given wins; renaming frees the default again.
    const renamed = await browser.request('PATCH', `/api/me/passkeys/${first.passkey.id}`, {
      name: 'Work laptop',
    });
    expect(renamed.body.passkey.name).toBe('Work laptop');
    expect((await browser.request('GET', '/api/me/security')).body.suggestedPasskeyName).toBe(
      'Chrome on Linux',
    );
    const log = (await browser.request('GET', '/api/me/security-log')).body.events;
    expect(log[0]).toMatchObject({
      type: 'passkey.renamed',
      details: { from: 'Chrome on Linux', name: 'Work laptop' },
    });
  });

  it('names a passkey made on an iPhone "Safari on iPhone"', async () => {
    const phone = new TestBrowser(hub, '198.51.100.20', SAFARI_IPHONE);
    await phone.signUp();
    expect((await phone.request('GET', '/api/me/security')).body.suggestedPasskeyName).toBe(
      'Safari on iPhone',
    );
    expect((await enroll(phone, authenticatorFor(hub))).passkey.name).toBe('Safari on iPhone');
  });
});
