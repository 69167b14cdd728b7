import { writeFile } from 'node:fs/promises';
import { HttpBrowser, rotateSecret, signUp } from '@orbit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SdkFixture, startSdkFixture } from './testing/fixture.js';

describe('a client secret the hub refuses', () => {
  let f: SdkFixture;
  const logged: { details: Record<string, unknown>; message: string }[] = [];

  beforeAll(async () => {
    f = await startSdkFixture({ logger: { error: (details, message) => logged.push({ details, message }) } });
  });
  afterAll(async () => {
    await f?.close();
  });

  it('ends sign-in on a clear page for the user and a log line for the operator, never the library’s text', async () => {
    // The secret is rotated at the hub (Admin > Services) with no grace, and the credentials file is not updated.
    await rotateSecret(f.launched, 'sdk-test', 0);
    const browser = new HttpBrowser();
    await signUp(browser, f.launched.url);
    const visit = await browser.navigate(`${f.service.url}/`);
    expect(visit.response.status).toBe(503);
    expect(visit.text).toContain('Sign-in is unavailable');
    expect(visit.text).toContain('Nothing is wrong with your account');
    expect(visit.text).not.toMatch(/invalid_client|WWW-Authenticate|client authentication|challenge/i);
    expect((await browser.json('GET', `${f.service.url}/api/me`)).status).toBe(401);

    expect(logged).toHaveLength(1);
    expect(logged[0]?.details).toEqual({
      event: 'orbit.client_secret_refused',
      clientId: 'sdk-test',
      hub: f.launched.url,
      credentials: f.credentialsFile,
    });
    expect(logged[0]?.message).toContain('refused this service’s client secret'.replace('’', "'"));
    expect(logged[0]?.message).toContain('services:rotate-secret sdk-test');
    expect(logged[0]?.message).toContain(f.credentialsFile);
  });

  it('signs people in again once the credentials file holds a working secret, with no restart', async () => {
    const { clientSecret } = await rotateSecret(f.launched, 'sdk-test', 0);
    await writeFile(
      f.credentialsFile,
      JSON.stringify({ issuer: f.launched.url, clientId: 'sdk-test', clientSecret }),
    );
    const browser = new HttpBrowser();
    const account = await signUp(browser, f.launched.url);
    const visit = await browser.navigate(`${f.service.url}/`);
    expect(visit.text).toContain(`Hello ${account.handle}`);
  });

  it('keeps signing people in through a rotation with a grace, before the file changes', async () => {
    await rotateSecret(f.launched, 'sdk-test', 24);
    const browser = new HttpBrowser();
    const account = await signUp(browser, f.launched.url);
    const visit = await browser.navigate(`${f.service.url}/`);
    expect(visit.text).toContain(`Hello ${account.handle}`);
    expect(logged).toHaveLength(1);
  });
});
