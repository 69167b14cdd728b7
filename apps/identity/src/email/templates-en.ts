import type { ComposeContext, LocaleTemplates } from './templates.js';

const hi = (name: string) => `Hi ${name},`;
const where = (ip: string | null) => ip ?? 'unknown';
const notice = (product: string) =>
  `You got this security notice because this is the verified email address of your ${product} account. ` +
  'Security notices are always sent.';
const origin = (d: { at: Date | string; ip: string | null; device: string }, ctx: ComposeContext) =>
  [
    ['When', ctx.time(d.at)],
    ['IP address', where(d.ip)],
    ['Device', d.device],
  ] as [string, string][];
const notYou =
  'If this wasn’t you, sign in and change your password now, and check your passkeys and sessions.';
const review = (d: { accountLink?: string | undefined }) =>
  d.accountLink ? { action: { label: 'Review your account', url: d.accountLink } } : {};

export const en: LocaleTemplates = {
  email_verify: (d, { product }) => ({
    subject: `Verify your email address for ${product}`,
    preview: `Confirm this address for your ${product} account.`,
    greeting: hi(d.displayName),
    paragraphs: [`Please confirm that this is your email address, so ${product} can use it to reach you.`],
    action: { label: 'Verify email address', url: d.link },
    after: [
      `The link works once and expires in ${d.expiresHours} hours.`,
      'If you didn’t ask for this, you can ignore this message: the address stays unverified.',
    ],
    reason: `You got this email because this address was entered for an account on ${product}.`,
  }),
  email_changed: (d, { product }) => ({
    subject: d.newEmail
      ? `Your ${product} email address was changed`
      : `Your email address was removed from ${product}`,
    preview: d.newEmail
      ? `Your account's email address is now ${d.newEmail}.`
      : 'Your account has no email address now.',
    greeting: hi(d.displayName),
    paragraphs: [
      d.newEmail
        ? `The email address of your ${product} account was changed from this address to ${d.newEmail}.`
        : `This address was removed from your ${product} account, which now has none: password-reset links can't reach you.`,
      `If you didn’t make this change, undo it with the button below. The link works for ${d.undoHours} hours.`,
    ],
    action: { label: 'Undo this change', url: d.undoLink },
    after: ['If you made this change, there is nothing to do.'],
    reason: `You got this email because this was the email address of your ${product} account.`,
  }),
  signup_email_in_use: (d, { product }) => ({
    subject: `Someone tried to sign up for ${product} with your email address`,
    preview: 'This address already belongs to an account.',
    greeting: 'Hello,',
    paragraphs: [
      `Someone just tried to create an account on ${product} with this email address, but it already belongs to an account.`,
      'If it was you, sign in to your existing account instead:',
    ],
    action: { label: 'Sign in', url: d.signInLink },
    after: [
      `Forgot your password? Reset it here: ${d.resetLink}`,
      'If it wasn’t you, you can ignore this message: no account was created and yours is unchanged.',
    ],
    reason: `You got this email because this address belongs to an account on ${product}.`,
  }),
  password_reset: (d, { product }) => ({
    subject: `Reset your ${product} password`,
    preview: `A link to choose a new password, valid for ${d.expiresMinutes} minutes.`,
    greeting: hi(d.displayName),
    paragraphs: [`Someone asked to reset the password of your ${product} account. To choose a new password:`],
    action: { label: 'Reset password', url: d.link },
    after: [
      `The link works once and expires in ${d.expiresMinutes} minutes. Resetting signs you out everywhere.`,
      'If you didn’t ask for this, ignore this message: your password stays as it is.',
    ],
    reason: `You got this email because a password reset was requested for your ${product} account.`,
  }),
  password_changed: (d, ctx) => ({
    subject: `Your ${ctx.product} password was ${d.via === 'reset' ? 'reset' : 'changed'}`,
    preview: 'Every other session was signed out.',
    greeting: hi(d.displayName),
    paragraphs: [
      d.via === 'reset'
        ? `The password of your ${ctx.product} account was reset through an email link. Every session was signed out.`
        : `The password of your ${ctx.product} account was changed. Your other sessions were signed out.`,
    ],
    ...review(d),
    facts: origin(d, ctx),
    after: [notYou],
    reason: notice(ctx.product),
  }),
  passkey_added: (d, ctx) => ({
    subject: `A passkey was added to your ${ctx.product} account`,
    preview: `New passkey: ${d.passkeyName}`,
    greeting: hi(d.displayName),
    paragraphs: [`A new passkey, “${d.passkeyName}”, can now sign in to your ${ctx.product} account.`],
    ...review(d),
    facts: origin(d, ctx),
    after: [`${notYou} Remove the passkey you don’t recognise.`],
    reason: notice(ctx.product),
  }),
  passkey_removed: (d, ctx) => ({
    subject: `A passkey was removed from your ${ctx.product} account`,
    preview: `Removed passkey: ${d.passkeyName}`,
    greeting: hi(d.displayName),
    paragraphs: [`The passkey “${d.passkeyName}” was removed from your ${ctx.product} account.`],
    ...review(d),
    facts: origin(d, ctx),
    after: [notYou],
    reason: notice(ctx.product),
  }),
  recovery_code_used: (d, ctx) => ({
    subject: `A recovery code was used to sign in to ${ctx.product}`,
    preview: `${d.remaining} recovery codes left.`,
    greeting: hi(d.displayName),
    paragraphs: [
      `A recovery code was used instead of a passkey to sign in to your ${ctx.product} account. ` +
        `${d.remaining === 1 ? '1 code is' : `${d.remaining} codes are`} left.`,
    ],
    ...review(d),
    facts: origin(d, ctx),
    after: [`${notYou} Then make new recovery codes.`],
    reason: notice(ctx.product),
  }),
  sign_in_locked: (d, ctx) => ({
    subject: `Sign-in to your ${ctx.product} account was paused after failed attempts`,
    preview: 'Your own browsers can still sign in.',
    greeting: hi(d.displayName),
    paragraphs: [
      `Someone entered a wrong password for your ${ctx.product} account too many times, so sign-in from unknown ` +
        'browsers is paused. Browsers you have signed in with before can still sign in.',
      'If this was you and you forgot your password, reset it:',
    ],
    action: { label: 'Reset password', url: d.resetLink },
    facts: [
      ['Paused until', ctx.time(d.until)],
      ['Last attempt from', where(d.ip)],
    ],
    after: [
      'If it wasn’t you, your password was not guessed: nothing else is needed, but a long, unique password ' +
        'and a passkey keep the account safe.',
    ],
    reason: `${notice(ctx.product)} At most one such notice is sent per hour.`,
  }),
  staff_role_changed: (d, ctx) => {
    const role = d.role === 'admin' ? 'administrator' : d.role;
    const granted = d.change === 'granted';
    return {
      subject: granted
        ? `You are now ${role === 'administrator' ? 'an' : 'a'} ${role} of ${ctx.product}`
        : `You are no longer ${role === 'administrator' ? 'an' : 'a'} ${role} of ${ctx.product}`,
      preview: granted
        ? `An administrator gave you the role ${d.role}.`
        : `An administrator took away the role ${d.role}.`,
      greeting: hi(d.displayName),
      paragraphs: granted
        ? [
            `An administrator gave your ${ctx.product} account the role ${d.role}: it can now see and change other ` +
              'people’s accounts in the admin console.',
            'Every change you make there is confirmed with a passkey and written to the audit log. Add a passkey ' +
              'to your account first if it has none.',
          ]
        : [`An administrator took away the role ${d.role} from your ${ctx.product} account.`],
      ...review(d),
      facts: origin(d, ctx),
      after: ['If you did not expect this, tell the administrators of this hub.'],
      reason: notice(ctx.product),
    };
  },
  account_locked: (d, ctx) => ({
    subject: `Your ${ctx.product} account was locked`,
    preview: `An administrator locked your account: ${d.reason}`,
    greeting: hi(d.displayName),
    paragraphs: [
      `An administrator locked your ${ctx.product} account. You were signed out everywhere, and you can’t sign in ` +
        'until it is unlocked.',
      `The reason given: ${d.reason}`,
    ],
    facts: [['When', ctx.time(d.at)]],
    after: ['If you think this is a mistake, contact support.'],
    reason: notice(ctx.product),
  }),
  recovery_codes_reset: (d, ctx) => ({
    subject: `Your ${ctx.product} recovery codes were reset`,
    preview: 'Your old recovery codes no longer work. Make new ones.',
    greeting: hi(d.displayName),
    paragraphs: [
      `An administrator reset the recovery codes of your ${ctx.product} account: the old ones no longer work, and ` +
        'nobody has seen new ones.',
      'Sign in, make new recovery codes in your account’s security settings, and keep them somewhere safe.',
    ],
    ...review(d),
    facts: origin(d, ctx),
    after: ['If you did not ask for this, contact support.'],
    reason: notice(ctx.product),
  }),
  account_deletion_scheduled: (d, ctx) => ({
    subject: `Your ${ctx.product} account will be deleted on ${ctx.time(d.scheduledFor)}`,
    preview: 'Changed your mind? Sign in before then to keep your account.',
    greeting: hi(d.displayName),
    paragraphs: [
      `You asked for your ${ctx.product} account to be deleted. You were signed out everywhere, and on ` +
        `${ctx.time(d.scheduledFor)} the account and its data in every ${ctx.product} service are deleted for good.`,
      'Changed your mind? Sign in before then: that cancels the deletion, and your account stays as it was.',
    ],
    action: { label: 'Sign in to keep your account', url: d.signInLink },
    facts: origin(d, ctx),
    after: [notYou],
    reason: notice(ctx.product),
  }),
  notification: (d, ctx) => ({
    subject: `${ctx.product}: ${d.text.length > 100 ? `${d.text.slice(0, 99)}…` : d.text}`,
    preview: d.text,
    greeting: hi(d.displayName),
    paragraphs: [d.text],
    ...(d.link ? { action: { label: 'Open', url: d.link } } : {}),
    after: [`You get notifications like this by email because you chose to: ${d.preferencesLink}`],
    reason: `You are receiving this because you have a ${ctx.product} account and turned on email for notifications of this kind.`,
  }),
  notification_digest: (d, { product }) => {
    const count = d.items.length + d.more;
    return {
      subject: `${product}: ${count === 1 ? '1 unread notification' : `${count} unread notifications`} from the last day`,
      preview: d.items[0]?.text ?? '',
      greeting: hi(d.displayName),
      paragraphs: [
        'Here is what happened in the last day that you haven’t read yet:',
        ...d.items.map((item) => (item.link ? `• ${item.text} — ${item.link}` : `• ${item.text}`)),
        ...(d.more > 0 ? [`…and ${d.more} more.`] : []),
      ],
      action: { label: 'Open your notifications', url: d.link },
      after: [`You get this digest once a day because you turned it on: ${d.preferencesLink}`],
      reason: `You are receiving this because you have a ${product} account and turned on the daily digest.`,
    };
  },
};
