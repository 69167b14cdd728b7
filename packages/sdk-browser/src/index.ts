/**
 * `@orbit/sdk-browser`: the browser half of the Orbit SDK (docs/services.md, "The web side"). A separate
 * package rather than `@orbit/sdk/browser`: the SDK is a Node package (Hono, openid-client, `node:crypto`)
 * built by tsc, while this runs in pages, is bundled by each service's Vite from source (like `@orbit/ui`) and
 * needs the DOM and React.
 */
export {
  createOrbitClient,
  isLeavingPage,
  type LeaveReason,
  LeavingPageError,
  type OrbitClient,
  type OrbitClientOptions,
  type OrbitRequestOptions,
  type PageLocation,
  type Resumed,
} from './client';
export { RESUME_PARAM, STASH_TTL_MS } from './stash';
export { type OrbitUserState, useOrbitUser } from './use-orbit-user';
