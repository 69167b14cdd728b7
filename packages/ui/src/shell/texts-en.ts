/** The service shell's own English text (namespace `orbit-shell`); services keep theirs in their own files. */
export const shellEn = {
  header: {
    apps: 'Apps',
    appsLabel: 'Switch to another Orbit app',
    allApps: 'All apps at Orbit',
    current: 'You are here',
    account: 'Your Orbit account',
    avatarOf: '{{name}}’s avatar',
    accountNumber: 'Account {{number}}',
    vip: 'VIP{{level}}',
    vipLevel: 'VIP level {{level}}',
    language: 'Language',
    signOut: 'Sign out',
  },
  pages: {
    loading: 'Loading…',
    signingIn: 'Signing you in…',
    toStepUp: 'Taking you to confirm with your passkey…',
    signedOut: {
      title: 'You’re signed out',
      text: 'Sign in with your Orbit account to continue using {{service}}.',
      action: 'Sign in',
    },
    error: {
      title: 'Something went wrong',
      text: '{{service}} could not load just now. Nothing you saved was lost.',
      action: 'Try again',
    },
    serviceDisabled: {
      title: '{{service}} is unavailable',
      text: 'Orbit does not let {{service}} in right now: an administrator turned it off, or its setup needs fixing. Your account and your data are safe.',
      action: 'Back to Orbit',
    },
    stepUpCancelled: {
      title: 'Nothing was changed',
      text: 'This action needs you to confirm it with a passkey, and that was not done. You are still signed in.',
      action: 'Confirm with a passkey',
      back: 'Back to {{service}}',
    },
  },
};
