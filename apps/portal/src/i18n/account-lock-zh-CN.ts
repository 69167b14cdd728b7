import type { accountLockErrorsEn, accountLockEventsEn } from './account-lock-en';

/** Simplified Chinese for what staff do to an account, as its owner reads it (see account-lock-en.ts). */
export const accountLockErrorsZhCN: typeof accountLockErrorsEn = {
  locked: '此账号已被管理员锁定。请联系客服解锁。',
};

export const accountLockEventsZhCN: typeof accountLockEventsEn = {
  accountLocked: '已被管理员锁定：{{reason}}',
  accountUnlocked: '已被管理员解锁',
  sessionsRevokedByStaff_one: '管理员已让你退出 {{count}} 个会话',
  sessionsRevokedByStaff_other: '管理员已让你退出 {{count}} 个会话',
  recoveryCodesReset: '管理员重置了你的恢复码：请生成新的恢复码并妥善保存',
  profileUpdatedByStaff: '管理员编辑了你的个人资料',
  passwordResetSentByStaff: '管理员向你发送了重置密码链接',
  emailChangedByStaff: '管理员将你的邮箱地址改为 {{email}}',
  emailRemovedByStaff: '管理员移除了你的邮箱地址',
  passkeyRemovedByStaff: '管理员移除了一个通行密钥',
  passkeyRemovedByStaffNamed: '管理员移除了通行密钥“{{name}}”',
};
