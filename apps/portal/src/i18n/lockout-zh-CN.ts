import type { lockoutErrorsEn, lockoutEventsEn, reauthenticateEn } from './lockout-en';

/** Simplified Chinese for the lockout rules and the first-passkey re-authentication (see lockout-en.ts). */
export const lockoutErrorsZhCN: typeof lockoutErrorsEn = {
  reauthentication_required: '添加第一个通行密钥前，请再次输入密码。',
  sign_up: {
    too_many: '最近从此网络创建的账号过多，请稍后再试。',
  },
};

export const lockoutEventsZhCN: typeof lockoutEventsEn = {
  signInLocked: '多次输错密码后，已暂停陌生设备的登录',
  passwordReauthenticated: '再次输入了密码',
};

export const reauthenticateZhCN: typeof reauthenticateEn = {
  intro: '为保护你的账号，添加第一个通行密钥前请输入密码。',
  password: '密码',
  submit: '继续',
};
