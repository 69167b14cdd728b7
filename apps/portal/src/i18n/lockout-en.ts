/**
 * English words for the lockout rules and the first-passkey re-authentication (docs/security.md). en.ts spreads
 * the errors into `errors`, the log entries into `securityLog.events`, and keeps the form under `reauthenticate`.
 */
export const lockoutErrorsEn = {
  reauthentication_required: 'Enter your password again to add your first passkey.',
  sign_up: {
    too_many: 'Too many accounts were created from this network recently. Please try again later.',
  },
};

export const lockoutEventsEn = {
  signInLocked: 'Sign-in was paused for unknown devices after repeated wrong passwords',
  passwordReauthenticated: 'Entered the password again',
};

export const reauthenticateEn = {
  intro: 'To protect your account, enter your password before adding your first passkey.',
  password: 'Password',
  submit: 'Continue',
};
