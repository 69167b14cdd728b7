import { type ReactNode, useEffect, useState } from 'react';
import { onPasskeyRequired, onStepUpRequired } from '../api/client';
import { PasskeyRequiredDialog } from './PasskeyRequiredDialog';
import { StepUpDialog } from './StepUpDialog';

/**
 * Answers the hub's `step_up_required` for every request of the app: shows the step-up dialog and tells the
 * client whether to send the request again. A staff write refused with `admin.passkey_required` shows where to
 * add a passkey. Mount it once, near the root.
 */
export function StepUpProvider({ children }: { children: ReactNode }) {
  const [pending, setPending] = useState<{ resolve: (confirmed: boolean) => void } | null>(null);
  const [passkeyRequired, setPasskeyRequired] = useState(false);

  useEffect(() => onStepUpRequired(() => new Promise<boolean>((resolve) => setPending({ resolve }))), []);
  useEffect(() => onPasskeyRequired(() => setPasskeyRequired(true)), []);

  // Gone while asking (never in practice: it sits at the root), the request fails as if cancelled. After an
  // answer this resolves an already settled promise, which changes nothing.
  useEffect(() => () => pending?.resolve(false), [pending]);

  const finish = (confirmed: boolean) => {
    pending?.resolve(confirmed);
    setPending(null);
  };

  return (
    <>
      {children}
      {pending && <StepUpDialog onConfirmed={() => finish(true)} onCancel={() => finish(false)} />}
      {passkeyRequired && !pending && <PasskeyRequiredDialog onClose={() => setPasskeyRequired(false)} />}
    </>
  );
}
