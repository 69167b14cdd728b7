import type { shellEn } from './texts-en';

/** 服务外壳自带的简体中文文本（命名空间 `orbit-shell`）。 */
export const shellZhCN: typeof shellEn = {
  header: {
    apps: '应用',
    appsLabel: '切换到其他 Orbit 应用',
    allApps: 'Orbit 的全部应用',
    current: '当前应用',
    account: '我的 Orbit 账号',
    avatarOf: '{{name}} 的头像',
    accountNumber: '账号 {{number}}',
    vip: 'VIP{{level}}',
    vipLevel: 'VIP 等级 {{level}}',
    language: '语言',
    signOut: '退出登录',
  },
  bell: {
    label: '通知',
    labelUnread: '通知：{{count}} 条未读',
    title: '通知',
    markAll: '全部已读',
    seeAll: '在 Orbit 查看全部',
    empty: '还没有通知。',
    loading: '正在加载通知…',
    failed: '通知加载失败。',
    retry: '重试',
    unread: '未读',
    hub: 'Orbit',
  },
  pages: {
    loading: '正在加载…',
    signingIn: '正在为您登录…',
    toStepUp: '正在前往通行密钥确认…',
    signedOut: {
      title: '您已退出登录',
      text: '请使用您的 Orbit 账号登录，以继续使用{{service}}。',
      action: '登录',
    },
    error: {
      title: '出了点问题',
      text: '{{service}}暂时无法加载。您已保存的内容都没有丢失。',
      action: '重试',
    },
    serviceDisabled: {
      title: '{{service}}暂不可用',
      text: 'Orbit 目前不允许{{service}}接入：管理员停用了它，或它的配置需要修复。您的账号和数据都是安全的。',
      action: '返回 Orbit',
    },
    stepUpCancelled: {
      title: '未做任何更改',
      text: '此操作需要您使用通行密钥确认，但确认未完成。您仍处于登录状态。',
      action: '使用通行密钥确认',
      back: '返回{{service}}',
    },
  },
};
