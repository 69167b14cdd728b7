/**
 * English strings of recovery: forgot password, the pages emailed links lead to, and the email's state in the
 * account center. en.ts puts them under `recovery`, the error codes under `errors`, and the security log's
 * entries under `securityLog.events`.
 */
export const recoveryEn = {
  forgotLink: 'Forgot password?',
  forgot: {
    pageTitle: 'Forgot password',
    title: 'Reset your password',
    intro:
      'Enter your account number, handle or email. If the account has a verified email address, we send it a link to choose a new password.',
    identifier: 'Account number, handle or email',
    submit: 'Send the link',
    submitting: 'Sending…',
    sentTitle: 'Check your email',
    sent: 'If that account has a verified email address, a link to reset its password is on its way. It works for 30 minutes, once.',
    sentHint:
      'No email? Check your spam folder, or ask again in a few minutes. An account without a verified address can’t be reset by email.',
    backToSignIn: 'Back to sign in',
  },
  reset: {
    pageTitle: 'Choose a new password',
    title: 'Choose a new password',
    intro:
      'Your new password replaces the old one, and every device signed in to your account is signed out.',
    checking: 'Checking your link…',
    password: 'New password',
    passwordHint: 'At least 8 characters; a passphrase of a few words is best.',
    confirm: 'New password, again',
    mismatch: 'The two passwords are not the same.',
    submit: 'Set the new password',
    submitting: 'Setting…',
    doneTitle: 'Your password was changed',
    done: 'Sign in with your new password. If your account has a passkey, you will be asked for it (or a recovery code) too.',
    signIn: 'Sign in',
    invalidTitle: 'This link can’t be used',
    invalid: 'This reset link was used, has expired, or is not complete. Ask for a new one.',
    again: 'Ask for a new link',
  },
  verify: {
    pageTitle: 'Verify your email',
    title: 'Verify your email',
    checking: 'Checking your link…',
    confirmIntro:
      'Confirm that {{email}} is your address. It will then be the address of your Orbit account.',
    confirm: 'Verify {{email}}',
    confirming: 'Verifying…',
    doneTitle: 'Your email is verified',
    done: '{{email}} is now your account’s verified address: you can sign in with it and recover your account through it.',
    toAccount: 'Go to your account',
    signIn: 'Sign in',
    invalidTitle: 'This link can’t be used',
    invalid:
      'This verification link was used, has expired, or a newer one replaced it. Send a new one from your account.',
  },
  undo: {
    pageTitle: 'Undo the email change',
    title: 'Undo the email change',
    checking: 'Checking your link…',
    confirmIntro:
      'Your account’s email was changed. If you did not do this, bring back {{email}}: every device signed in to your account will be signed out.',
    confirm: 'Bring back {{email}}',
    confirming: 'Restoring…',
    doneTitle: 'Your email is back',
    done: '{{email}} is your account’s address again, and every device was signed out. If someone else made the change, they may know your password: reset it now.',
    resetPassword: 'Reset your password',
    signIn: 'Sign in',
    invalidTitle: 'This link can’t be used',
    invalid: 'This link was used, or more than 72 hours have passed since the change.',
  },
  emailState: {
    verified: 'Verified',
    unverified: 'Not verified: check your inbox for the link, or send a new one.',
    pending: 'Waiting for verification: {{email}}. Your address changes once you use the link we sent there.',
    pendingNew: 'We sent a link to {{email}}. Use it to verify your address.',
    resend: 'Send the link again',
    resending: 'Sending…',
    resent: 'A new link is on its way to {{email}}.',
    cancel: 'Keep my current address',
  },
  signUpSent: 'We sent a link to {{email}}: use it to verify your address within 24 hours.',
  errors: {
    email: {
      invalid_token: 'This link was used, has expired, or a newer one replaced it.',
      taken: 'Another account uses this address now.',
      nothing_to_verify: 'There is no address waiting for verification.',
      too_many_requests: 'Too many verification emails were sent in the last hour. Try again later.',
    },
    password_reset: {
      invalid_token: 'This reset link was used, has expired, or is not complete. Ask for a new one.',
      too_many_requests: 'Too many reset requests came from your network. Try again later.',
    },
  },
  events: {
    passwordReset: 'Reset the password through an emailed link',
    passwordResetRequested: 'Asked for a password reset link',
    emailVerificationSent: 'Sent a link to verify {{email}}',
    emailVerified: 'Verified {{email}}',
    emailChangeUndone: 'Undid an email change: {{email}} is back',
  },
};
