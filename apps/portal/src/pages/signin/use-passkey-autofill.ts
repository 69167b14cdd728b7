import { browserSupportsWebAuthnAutofill } from '@simplewebauthn/browser';
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, type SignedIn } from '../../api/orbit';
import { assertWithPasskey, cancelPasskeyCeremony, passwordlessOptions } from '../../passkeys/ceremonies';
import { isAborted } from '../../passkeys/ceremony-error';

interface AutofillHandlers {
  onSignedIn: (signedIn: SignedIn) => void;
  onError: (error: unknown) => void;
}

/**
 * Conditional mediation (WebAuthn §5.1.4, `mediation: "conditional"`): while `enabled`, the browser offers the
 * reader's passkeys in the autofill of the field marked `autocomplete="username webauthn"`, and picking one signs
 * in without a password. It stops when the page leaves or `enabled` turns false; a passkey button starting its
 * own ceremony aborts it too (one ceremony at a time), and `restart` offers the passkeys again afterwards. A
 * refused passkey ends the offer until `restart`. `verifying` is true while the hub checks the chosen passkey.
 */
export function usePasskeyAutofill(enabled: boolean, handlers: AutofillHandlers) {
  const [round, setRound] = useState(0);
  const [verifying, setVerifying] = useState(false);
  const latest = useRef(handlers);
  latest.current = handlers;

  useEffect(() => {
    void round; // a new round after another ceremony aborted this one, or after a refusal
    if (!enabled) return;
    let active = true;
    /** Whether the browser is waiting on our conditional request: only then is leaving ours to cancel. */
    let waiting = false;

    const offer = async () => {
      if (!(await browserSupportsWebAuthnAutofill()) || !active) return;
      let options: Awaited<ReturnType<typeof passwordlessOptions>>;
      try {
        options = await passwordlessOptions();
      } catch {
        return; // a convenience: without options the form still works, and the button reports its own errors
      }
      if (!active) return;
      let response: Awaited<ReturnType<typeof assertWithPasskey>>;
      waiting = true;
      try {
        response = await assertWithPasskey(options, true);
      } catch (error) {
        if (active && !isAborted(error)) latest.current.onError(error);
        return;
      } finally {
        waiting = false;
      }
      if (!active) return;
      setVerifying(true);
      let signedIn: SignedIn;
      try {
        signedIn = await api.passkeySignIn(response);
      } catch (error) {
        if (!active) return;
        setVerifying(false);
        // Not offered again by itself: an authenticator that answers at once (a test's virtual one) would loop.
        // The passkey button, or reloading the page, starts a new round.
        latest.current.onError(error);
        return;
      }
      if (!active) return;
      setVerifying(false);
      latest.current.onSignedIn(signedIn);
    };
    void offer();

    return () => {
      active = false;
      if (waiting) cancelPasskeyCeremony();
    };
  }, [enabled, round]);

  const restart = useCallback(() => setRound((n) => n + 1), []);
  return { verifying, restart };
}
