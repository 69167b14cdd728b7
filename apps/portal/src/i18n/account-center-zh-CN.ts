import type { accountCenterEn, accountCenterErrorsEn, accountCenterEventsEn } from './account-center-en';

/** 账号中心框架的简体中文文案（结构同 account-center-en.ts）。 */
export const accountCenterZhCN: typeof accountCenterEn = {
  nav: {
    label: '账号设置分区',
    select: '分区',
    overview: '概览',
    profile: '个人信息',
    security: '安全',
    sessions: '设备与会话',
    apps: '已连接的应用',
    privacy: '隐私与数据',
    membership: '会员',
  },
  roles: {
    support: '客服',
  },
  intro: {
    overview: '账号概况，以及需要你处理的事项。',
    profile: '你的名称、头像、简介和邮箱地址，以及 Orbit 为你使用的语言和时区。',
    security: '你的密码、通行密钥和恢复码，以及登录与变更记录。',
    sessions: '已登录你账号的浏览器和设备。发现不认识的，请将其退出登录。',
    apps: '你允许使用 Orbit 账号的应用。',
    privacy: '谁能找到并添加你、谁能看到你的徽章、导出你的数据，以及删除账号。',
    membership: '你的会员、VIP 等级与活跃等级，以及收据。',
  },
  overview: {
    attentionTitle: '需要你处理',
    allGood: '暂时没有需要处理的事项。',
    sectionsTitle: '你的账号',
    open: '打开',
    noPasskey: '添加通行密钥：这样即使密码被盗，别人也无法仅凭密码登录你的账号。',
    noPasskeyAction: '添加通行密钥',
    noEmail: '添加邮箱地址，忘记密码时可以通过邮件重置。',
    noEmailAction: '添加邮箱地址',
    emailUnverified: '请验证 {{email}}：验证之前，它不能用于登录或重置密码。',
    emailUnverifiedAction: '验证邮箱',
    recoveryLow_one: '只剩 {{count}} 个恢复码了。请在用完之前生成新的恢复码。',
    recoveryLow_other: '只剩 {{count}} 个恢复码了。请在用完之前生成新的恢复码。',
    recoveryNone: '你的恢复码已用完。请生成新的恢复码，以防丢失通行密钥。',
    recoveryAction: '生成新的恢复码',
    passkeysOn_one: '通行密钥保护已开启：{{count}} 个通行密钥。',
    passkeysOn_other: '通行密钥保护已开启：{{count}} 个通行密钥。',
    passkeysOff: '通行密钥保护未开启。',
    sessions_one: '{{count}} 个已登录的设备或浏览器。',
    sessions_other: '{{count}} 个已登录的设备或浏览器。',
    emailVerified: '{{email}}（已验证）',
    apps_one: '{{count}} 个应用可以使用你的账号。',
    apps_other: '{{count}} 个应用可以使用你的账号。',
    appsNone: '还没有应用可以使用你的账号。',
    badgesShown: '你的徽章对他人可见。',
    badgesHidden: '你的徽章已隐藏。',
    membershipNone: '还没有会员。',
    emailPending: '{{email}}（尚未验证）',
    emailNone: '未设置邮箱地址。',
  },
  region: {
    title: '语言和地区',
    intro: 'Orbit 的页面和我们发给你的邮件使用你的语言；你的每一天按你的时区计算。',
    language: '语言',
    languageHint: '立即切换页面语言，我们发给你的邮件也使用该语言。',
    timeZone: '时区',
    timeZoneHint: '成长值和活跃天数按该时区划分每一天。',
    save: '保存时区',
    saving: '正在保存…',
    saved: '时区已保存。',
    loading: '正在加载你的时区…',
  },
  badges: {
    title: '徽章',
    intro: 'Mail 等服务可以在你的名字旁显示你的 VIP 等级和活跃等级。',
    show: '向他人显示我的徽章',
    save: '保存',
    saving: '正在保存…',
    saved: '已保存。',
  },
  passkeyName: {
    hint: '便于区分的名称。留空则命名为“{{name}}”。',
  },
  revokeOthers: {
    button_one: '退出其他 {{count}} 个会话',
    button_other: '退出其他 {{count}} 个会话',
    none: '只有当前会话登录了你的账号。',
    pending: '正在退出…',
    confirmTitle: '退出所有其他会话？',
    confirmBody:
      '所有其他已登录你账号的浏览器和设备都会退出登录，通过它们登录的应用也会一并退出。当前会话保持登录。',
    confirmOk: '退出其他会话',
    done_one: '已退出其他 {{count}} 个会话。',
    done_other: '已退出其他 {{count}} 个会话。',
  },
  deletion: {
    checking: '正在检查你的会员…',
    paidTitle: '你的付费会员将立即停止续费',
    paidItem: '{{tier}}，已付费至 {{date}}',
    paidItemPastDue: '{{tier}}，续费款项逾期未付',
    noRefund:
      '等待删除期间不会扣费。账号删除时会员终止，已付费期间的剩余部分不予退款。在此之前登录即可恢复自动续费。',
    complimentary_one: '赠送给你的会员也会终止。',
    complimentary_other: '赠送给你的 {{count}} 个会员也会终止。',
    paymentInProgress: '你的账号有一笔付款正在处理中。请等待几分钟，付款完成后再删除账号。',
  },
};

export const accountCenterErrorsZhCN: typeof accountCenterErrorsEn = {
  payment_in_progress: '你的账号有一笔付款正在处理中。请等待几分钟，完成后再试。',
};

export const accountCenterEventsZhCN: typeof accountCenterEventsEn = {
  sessionsRevokedOthers: '退出了所有其他会话',
  accountDeletionScheduled: '申请删除账号',
  accountDeletionCancelled: '登录后取消了账号删除',
};
