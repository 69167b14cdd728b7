import type { CDPSession, Page } from 'playwright-core';

export interface VirtualCredential {
  /** base64url, as the hub stores it (CDP answers padded base64; converted here). */
  credentialId: string;
  isResidentCredential: boolean;
  signCount: number;
  userHandle?: string;
}

export interface VirtualAuthenticator {
  cdp: CDPSession;
  authenticatorId: string;
  credentials(): Promise<VirtualCredential[]>;
  /** Whether the next ceremonies report user verification (a PIN or fingerprint given). */
  setUserVerified(verified: boolean): Promise<void>;
  remove(): Promise<void>;
}

const toBase64Url = (padded: string) => Buffer.from(padded, 'base64').toString('base64url');

/**
 * A virtual platform authenticator (CTAP2, internal transport, resident keys, user verification) in the page's
 * Chromium, from the DevTools Protocol WebAuthn domain: passkey ceremonies run for real, with no device and no
 * prompt (presence is simulated).
 */
export async function addVirtualAuthenticator(
  page: Page,
  options: { backupEligible?: boolean; backedUp?: boolean } = {},
): Promise<VirtualAuthenticator> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable', { enableUI: false });
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      ctap2Version: 'ctap2_1',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
      defaultBackupEligibility: options.backupEligible ?? false,
      defaultBackupState: options.backedUp ?? false,
    },
  });
  return {
    cdp,
    authenticatorId,
    async credentials() {
      const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
      return credentials.map((c) => ({
        credentialId: toBase64Url(c.credentialId),
        isResidentCredential: c.isResidentCredential,
        signCount: c.signCount,
        ...(c.userHandle ? { userHandle: toBase64Url(c.userHandle) } : {}),
      }));
    },
    async setUserVerified(verified) {
      await cdp.send('WebAuthn.setUserVerified', { authenticatorId, isUserVerified: verified });
    },
    async remove() {
      await cdp.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId });
    },
  };
}
