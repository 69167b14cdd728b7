import type { staffEn, staffErrorsEn, staffEventsEn } from './staff-en';

/** 员工角色与权限守卫的简体中文文案（对应 staff-en.ts）。 */
export const staffZhCN: typeof staffEn = {
  passkeyRequired: {
    title: '请先添加通行密钥',
    body: '管理控制台中的每项更改都需要用通行密钥确认。请先为你的账号添加通行密钥，然后重试。',
    add: '添加通行密钥',
    close: '暂不',
  },
  roles: {
    admin: '管理员',
    support: '客服',
  },
  outboxBodyWithheld: '只有管理员可以阅读邮件正文：正文包含指向他人账号的有效链接，例如重置密码链接。',
};

export const staffErrorsZhCN: typeof staffErrorsEn = {
  admin: {
    passkey_required: '进行管理更改前，请先为你的账号添加通行密钥。',
  },
  role: {
    last_admin: '这是唯一的管理员。请先让其他人成为管理员。',
    unknown: '没有这个角色。',
    not_held: '该账号没有这个角色。',
  },
};

export const staffEventsZhCN: typeof staffEventsEn = {
  roleGranted: '管理员授予了你角色 {{role}}',
  roleRevoked: '管理员撤销了你的角色 {{role}}',
};
