/**
 * English strings of staff roles and guards (the hub's admin/guards.ts): the "add a passkey first" dialog and the
 * error codes of roles. en.ts puts them under `staff` and `errors`.
 */
export const staffEn = {
  passkeyRequired: {
    title: 'Add a passkey first',
    body: 'Every change in the admin console is confirmed with a passkey. Add a passkey to your account, then try again.',
    add: 'Add a passkey',
    close: 'Not now',
  },
  roles: {
    admin: 'Administrator',
    support: 'Support',
  },
  outboxBodyWithheld:
    'Only administrators can read a message’s text: it holds live links, like password-reset links, to someone’s account.',
};

export const staffErrorsEn = {
  admin: {
    passkey_required: 'Add a passkey to your account before making admin changes.',
  },
  role: {
    last_admin: 'This is the only administrator. Make someone else an administrator first.',
    unknown: 'There is no such role.',
    not_held: 'The account does not hold this role.',
  },
};

export const staffEventsEn = {
  roleGranted: 'An administrator gave you the role {{role}}',
  roleRevoked: 'An administrator took away your role {{role}}',
};
