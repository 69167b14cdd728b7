import { useCallback } from 'react';
import { useNavigate } from 'react-router';
import { needsFullPageLoad } from './return-to';

/**
 * Goes on to a `return_to` destination (already made safe by `safeReturnTo`): a full page load for the hub's own
 * paths (`/oidc/…`), an in-app navigation that replaces the current entry otherwise.
 */
export function useContinueTo() {
  const navigate = useNavigate();
  return useCallback(
    async (destination: string, state?: unknown) => {
      if (needsFullPageLoad(destination)) window.location.assign(destination);
      else await navigate(destination, { replace: true, state });
    },
    [navigate],
  );
}
