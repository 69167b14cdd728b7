import { type ReactNode, useEffect, useState } from 'react';
import { onStepUpRequired } from '../api/client';
import { StepUpDialog } from './StepUpDialog';

/**
 * Answers the hub's `step_up_required` for every request of the app: shows the step-up dialog and tells the
 * client whether to send the request again. Mount it once, near the root.
 */
export function StepUpProvider({ children }: { children: ReactNode }) {
  const [pending, setPending] = useState<{ resolve: (confirmed: boolean) => void } | null>(null);

  useEffect(() => onStepUpRequired(() => new Promise<boolean>((resolve) => setPending({ resolve }))), []);

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
    </>
  );
}
