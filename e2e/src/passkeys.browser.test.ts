import { expect, it } from 'vitest';
import { describeBrowser, newContext, screenshot } from './browser.js';
import { useHubAndBrowser } from './fixture.js';
import { expectPng, getJson, newAccount, signUp, trackPageErrors } from './pages.js';
import { addVirtualAuthenticator } from './webauthn.js';

describeBrowser('passkeys in the browser (a virtual authenticator from the DevTools Protocol)', () => {
  const env = useHubAndBrowser();

  it('enrolls, signs in with password + passkey, without a password, by autofill, steps up to remove a passkey, and recovers with a code', async () => {
    const account = newAccount('pia');
    const context = await newContext(env.browser, env.hub.url);
    try {
      const page = await context.newPage();
      const errors = trackPageErrors(page);
      const authenticator = await addVirtualAuthenticator(page, { backupEligible: true, backedUp: true });
      const presence = (on: boolean) =>
        authenticator.cdp.send('WebAuthn.setAutomaticPresenceSimulation', {
          authenticatorId: authenticator.authenticatorId,
          enabled: on,
        });
      const sessionAuth = async () => {
        await page.goto('/account/sessions');
        const current = page.locator('[data-testid="session-row"][data-current="true"]');
        return current.getByTestId('session-auth').getAttribute('data-auth');
      };
      // Presence is held back while signed out, so the sign-in form's autofill request (conditional mediation)
      // doesn't answer by itself before the step under test; each step turns it on when its passkey is wanted.
      const signOut = async () => {
        await presence(false);
        await page.getByTestId('signout').click();
        await page.getByTestId('signout').waitFor({ state: 'detached' });
      };

      // Enroll: the first passkey needs no step-up, and the recovery codes are shown once.
      const accountNumber = await signUp(page, account);
      await page.goto('/account/security');
      await expect
        .poll(() => page.getByTestId('passkey-protection').getAttribute('data-protection'))
        .toBe('off');
      await page.getByTestId('passkey-add').click();
      await page.getByTestId('passkey-name').fill('Work laptop');
      await page.getByTestId('passkey-add-submit').click();
      const dialog = page.getByTestId('recovery-codes-dialog');
      await dialog.waitFor();
      const codes = (await page.getByTestId('recovery-code').allTextContents()).map((c) => c.trim());
      expect(codes).toHaveLength(10);
      expect(codes[0]).toMatch(/^[2-9a-z]{5}-[2-9a-z]{5}$/);
      await expectPng(await screenshot(page, 'passkey-recovery-codes'));
      await page.getByTestId('recovery-codes-confirm').click();
      await dialog.waitFor({ state: 'detached' });
      await expect.poll(() => page.getByTestId('passkey-row').count()).toBe(1);
      await expect
        .poll(() => page.getByTestId('passkey-protection').getAttribute('data-protection'))
        .toBe('on');
      await expect.poll(() => page.getByTestId('passkey-name-text').textContent()).toContain('Work laptop');
      expect(await page.getByTestId('passkey-synced').count()).toBe(1);
      const [credential] = await authenticator.credentials();
      expect(credential?.isResidentCredential).toBe(true);
      await expectPng(await screenshot(page, 'passkey-enrolled'));

      // Password, then the passkey as second factor.
      await signOut();
      await page.goto('/signin');
      await page.getByTestId('signin-identifier').fill(accountNumber);
      await page.getByTestId('signin-password').fill(account.password);
      await page.getByTestId('signin-submit').click();
      await page.getByTestId('signin-second-factor').waitFor();
      expect((await getJson(context, '/api/session')).status).toBe(401);
      await expectPng(await screenshot(page, 'passkey-second-factor'));
      await presence(true);
      await page.getByTestId('signin-second-factor-passkey').click();
      await page.getByTestId('signout').waitFor();
      expect(await sessionAuth()).toBe('password+passkey');

      // Passwordless: "Sign in with a passkey", no identifier, no password.
      await signOut();
      await page.goto('/signin');
      await page.getByTestId('signin-passkey').waitFor();
      // Turning presence on lets the authenticator answer; the form's pending autofill request may win the race
      // with the click (then the button is already busy). Either way the sign-in is passwordless.
      await presence(true);
      await page
        .getByTestId('signin-passkey')
        .click({ timeout: 3_000 })
        .catch(() => undefined);
      await page.getByTestId('signout').waitFor();
      expect(await sessionAuth()).toBe('passkey');

      // Conditional mediation: the sign-in form's autofill offers the passkey; choosing it (presence simulated)
      // signs in without any click on a button.
      await signOut();
      await page.goto('about:blank');
      await presence(true);
      await page.goto('/signin');
      await page.getByTestId('signout').waitFor();
      expect(await sessionAuth()).toBe('passkey');

      // Recovery: password + one recovery code; the use is shown prominently afterwards.
      await signOut();
      await page.goto('/signin');
      await page.getByTestId('signin-identifier').fill(account.handle);
      await page.getByTestId('signin-password').fill(account.password);
      await page.getByTestId('signin-submit').click();
      await page.getByTestId('signin-use-recovery-code').click();
      await page.getByTestId('signin-recovery-code').fill(codes[4]!);
      await page.getByTestId('signin-recovery-submit').click();
      await page.getByTestId('signout').waitFor();
      expect(await sessionAuth()).toBe('recovery_code');
      await page.goto('/account/security');
      await page.getByTestId('recovery-notice').waitFor();
      await expect
        .poll(() => page.getByTestId('recovery-remaining').getAttribute('data-remaining'))
        .toBe('9');
      await expectPng(await screenshot(page, 'passkey-recovery-notice'));

      // Step-up: this session has no passkey assertion, so removing the passkey asks for one first; the
      // same session is raised, and the removal goes through.
      const before = (await getJson(context, '/api/session')).body;
      await presence(true);
      await page.getByTestId('passkey-remove').click();
      await page.getByTestId('confirm-ok').click();
      await page.getByTestId('step-up-dialog').waitFor();
      await expectPng(await screenshot(page, 'passkey-step-up'));
      await page.getByTestId('step-up-confirm').click();
      await expect.poll(() => page.getByTestId('passkey-row').count()).toBe(0);
      await expect
        .poll(() => page.getByTestId('passkey-protection').getAttribute('data-protection'))
        .toBe('off');
      const after = (await getJson(context, '/api/session')).body;
      expect(after.session.id).toBe(before.session.id);
      expect(after.session.acr).toBe('urn:orbit:acr:passkey');

      // The security log tells the whole story.
      const log = (await getJson(context, '/api/me/security-log?limit=100')).body;
      const types = (log.events as { type: string; details: { method?: string } }[]).map((e) =>
        e.type === 'sign_in.succeeded' ? `${e.type}:${e.details.method}` : e.type,
      );
      expect(types).toEqual(
        expect.arrayContaining([
          'passkey.added',
          'sign_in.succeeded:password+passkey',
          'sign_in.succeeded:passkey',
          'sign_in.succeeded:password+recovery_code',
          'recovery_code.used',
          'step_up.succeeded',
          'passkey.removed',
        ]),
      );
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
