export { type PasskeysExports, passkeysModule } from './module.js';
export type { Passkeys } from './passkeys.js';
export type { RecoveryCodes } from './recovery-codes.js';
export { passkeySchema, passkeys, pendingSignIns, recoveryCodes } from './schema.js';
export {
  hasPasskey,
  REAUTHENTICATION_MAX_AGE_SECONDS,
  STEP_UP_MAX_AGE_SECONDS,
  type StepUpCheck,
  stepUpExpiresAt,
} from './step-up.js';
