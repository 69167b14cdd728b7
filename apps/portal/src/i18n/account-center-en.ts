/**
 * English strings of the account center's frame: its sections and their navigation, the overview, language and
 * region, badges, signing out other sessions, and the deletion warning about memberships. en.ts puts them under
 * `accountCenter`, the error codes under `errors.account`, and the security log's entry under `securityLog.events`.
 * The sections' own forms keep their strings where they were (`account`, `passkeys`, `dataAccount`, …).
 */
export const accountCenterEn = {
  nav: {
    label: 'Account sections',
    select: 'Section',
    overview: 'Overview',
    profile: 'Personal info',
    security: 'Security',
    sessions: 'Devices and sessions',
    apps: 'Connected apps',
    privacy: 'Privacy and data',
    membership: 'Membership',
  },
  roles: {
    support: 'Support',
  },
  intro: {
    overview: 'Your account at a glance, and what needs your attention.',
    profile: 'Your name, picture, bio and email address, and the language and time zone Orbit uses for you.',
    security: 'Your password, passkeys and recovery codes, and the log of sign-ins and changes.',
    sessions: 'The browsers and devices signed in to your account. Sign out any you don’t recognise.',
    apps: 'Applications you allowed to use your Orbit account.',
    privacy:
      'Who can find and add you, who sees your badges, a copy of your data, and deleting your account.',
    membership: 'Your memberships, VIP and activity levels, and receipts.',
  },
  overview: {
    attentionTitle: 'Needs your attention',
    allGood: 'Nothing needs your attention.',
    sectionsTitle: 'Your account',
    open: 'Open',
    noPasskey: 'Add a passkey: then a stolen password alone can’t get into your account.',
    noPasskeyAction: 'Add a passkey',
    noEmail: 'Add an email address, so you can reset a forgotten password.',
    noEmailAction: 'Add an email address',
    emailUnverified: 'Confirm {{email}}: until then it can’t be used to sign in or to reset your password.',
    emailUnverifiedAction: 'Confirm your email',
    recoveryLow_one: 'Only {{count}} recovery code is left. Make new ones before you run out.',
    recoveryLow_other: 'Only {{count}} recovery codes are left. Make new ones before you run out.',
    recoveryNone: 'You have no recovery codes left. Make new ones, in case you lose your passkey.',
    recoveryAction: 'Make new recovery codes',
    passkeysOn_one: 'Passkey protection is on: {{count}} passkey.',
    passkeysOn_other: 'Passkey protection is on: {{count}} passkeys.',
    passkeysOff: 'Passkey protection is off.',
    sessions_one: '{{count}} signed-in device or browser.',
    sessions_other: '{{count}} signed-in devices or browsers.',
    emailVerified: '{{email}} (confirmed)',
    apps_one: '{{count}} app can use your account.',
    apps_other: '{{count}} apps can use your account.',
    appsNone: 'No app can use your account yet.',
    badgesShown: 'Your badges are shown to others.',
    badgesHidden: 'Your badges are hidden.',
    membershipNone: 'No membership yet.',
    emailPending: '{{email}} (not confirmed yet)',
    emailNone: 'No email address.',
  },
  region: {
    title: 'Language and region',
    intro:
      'Orbit’s pages and the mail we send you are in your language; your days are counted in your time zone.',
    language: 'Language',
    languageHint: 'Changes the pages at once, and the language of the mail we send you.',
    timeZone: 'Time zone',
    timeZoneHint: 'Where your day starts and ends for growth and activity.',
    save: 'Save time zone',
    saving: 'Saving…',
    saved: 'Time zone saved.',
    loading: 'Loading your time zone…',
  },
  badges: {
    title: 'Badges',
    intro: 'Services such as Mail can show your VIP and activity levels beside your name.',
    show: 'Show my badges to others',
    save: 'Save',
    saving: 'Saving…',
    saved: 'Saved.',
  },
  passkeyName: {
    hint: 'Something that tells it apart. Leave it empty to call it “{{name}}”.',
  },
  revokeOthers: {
    button_one: 'Sign out {{count}} other session',
    button_other: 'Sign out {{count}} other sessions',
    none: 'This is the only session signed in to your account.',
    pending: 'Signing out…',
    confirmTitle: 'Sign out everywhere else?',
    confirmBody:
      'Every other browser and device signed in to your account is signed out, and so are the apps they signed in to. This one stays signed in.',
    confirmOk: 'Sign out the others',
    done_one: 'Signed out {{count}} other session.',
    done_other: 'Signed out {{count}} other sessions.',
  },
  deletion: {
    checking: 'Checking your memberships…',
    paidTitle: 'Your paid memberships stop renewing now',
    paidItem: '{{tier}}, paid until {{date}}',
    paidItemPastDue: '{{tier}}, renewal payment overdue',
    noRefund:
      'Nothing is charged while the deletion waits. They end when your account is deleted, and what is left of the paid period is not refunded. Signing in before then turns the renewals back on.',
    complimentary_one: 'A membership granted to you ends too.',
    complimentary_other: '{{count}} memberships granted to you end too.',
    paymentInProgress:
      'A payment for your account is being processed. Wait a few minutes for it to finish, then delete your account.',
  },
};

/** `errors.account.*` codes of the account center. */
export const accountCenterErrorsEn = {
  payment_in_progress:
    'A payment for your account is being processed. Wait a few minutes for it to finish, then try again.',
};

/** `securityLog.events.*`: the entry "sign out all other sessions" leaves. */
export const accountCenterEventsEn = {
  sessionsRevokedOthers: 'Signed out all other sessions',
  accountDeletionScheduled: 'Asked for the account to be deleted',
  accountDeletionCancelled: 'Signing in cancelled the account’s deletion',
};
