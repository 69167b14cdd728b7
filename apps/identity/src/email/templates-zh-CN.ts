import type { ComposeContext, LocaleTemplates } from './templates.js';

const hi = (name: string) => `${name}，你好：`;
const where = (ip: string | null) => ip ?? '未知';
const notice = (product: string) =>
  `你收到这封安全通知，是因为这是你的 ${product} 账号已验证的邮箱地址。安全通知总会发送。`;
const origin = (d: { at: Date | string; ip: string | null; device: string }, ctx: ComposeContext) =>
  [
    ['时间', ctx.time(d.at)],
    ['IP 地址', where(d.ip)],
    ['设备', d.device],
  ] as [string, string][];
const notYou = '如果这不是你本人操作，请立即登录并修改密码，并检查你的通行密钥和登录会话。';
const review = (d: { accountLink?: string | undefined }) =>
  d.accountLink ? { action: { label: '查看账号安全', url: d.accountLink } } : {};

export const zhCN: LocaleTemplates = {
  email_verify: (d, { product }) => ({
    subject: `验证你在 ${product} 的邮箱地址`,
    preview: `确认这是你的 ${product} 账号邮箱。`,
    greeting: hi(d.displayName),
    paragraphs: [`请确认这是你的邮箱地址，以便 ${product} 通过它联系你。`],
    action: { label: '验证邮箱地址', url: d.link },
    after: [
      `此链接只能使用一次，${d.expiresHours} 小时后失效。`,
      '如果你没有请求验证，请忽略这封邮件：该地址将保持未验证状态。',
    ],
    reason: `你收到这封邮件，是因为有人为 ${product} 账号填写了这个地址。`,
  }),
  email_changed: (d, { product }) => ({
    subject: d.newEmail ? `你的 ${product} 邮箱地址已更改` : `你的邮箱地址已从 ${product} 账号移除`,
    preview: d.newEmail ? `账号邮箱已改为 ${d.newEmail}。` : '你的账号现在没有邮箱地址。',
    greeting: hi(d.displayName),
    paragraphs: [
      d.newEmail
        ? `你的 ${product} 账号邮箱已从此地址更改为 ${d.newEmail}。`
        : `此地址已从你的 ${product} 账号移除，账号现在没有邮箱，重置密码的链接将无法送达你。`,
      `如果这不是你本人操作，请点击下面的按钮撤销更改。链接在 ${d.undoHours} 小时内有效。`,
    ],
    action: { label: '撤销此更改', url: d.undoLink },
    after: ['如果是你本人更改的，无需任何操作。'],
    reason: `你收到这封邮件，是因为这曾是你的 ${product} 账号邮箱。`,
  }),
  signup_email_in_use: (d, { product }) => ({
    subject: `有人尝试用你的邮箱地址注册 ${product}`,
    preview: '这个地址已属于一个账号。',
    greeting: '你好：',
    paragraphs: [
      `刚才有人尝试用这个邮箱地址创建 ${product} 账号，但该地址已属于一个账号。`,
      '如果是你本人，请直接登录已有的账号：',
    ],
    action: { label: '登录', url: d.signInLink },
    after: [
      `忘记密码？在这里重置：${d.resetLink}`,
      '如果不是你本人，请忽略这封邮件：没有创建新账号，你的账号也没有任何变化。',
    ],
    reason: `你收到这封邮件，是因为这个地址属于一个 ${product} 账号。`,
  }),
  password_reset: (d, { product }) => ({
    subject: `重置你的 ${product} 密码`,
    preview: `设置新密码的链接，${d.expiresMinutes} 分钟内有效。`,
    greeting: hi(d.displayName),
    paragraphs: [`有人请求重置你的 ${product} 账号密码。点击下面的按钮设置新密码：`],
    action: { label: '重置密码', url: d.link },
    after: [
      `此链接只能使用一次，${d.expiresMinutes} 分钟后失效。重置后所有设备都会退出登录。`,
      '如果你没有请求重置，请忽略这封邮件：你的密码不会改变。',
    ],
    reason: `你收到这封邮件，是因为有人为你的 ${product} 账号请求了密码重置。`,
  }),
  password_changed: (d, ctx) => ({
    subject: `你的 ${ctx.product} 密码已${d.via === 'reset' ? '重置' : '修改'}`,
    preview: '其他登录会话均已退出。',
    greeting: hi(d.displayName),
    paragraphs: [
      d.via === 'reset'
        ? `你的 ${ctx.product} 账号密码已通过邮件链接重置，所有登录会话均已退出。`
        : `你的 ${ctx.product} 账号密码已修改，其他登录会话均已退出。`,
    ],
    ...review(d),
    facts: origin(d, ctx),
    after: [notYou],
    reason: notice(ctx.product),
  }),
  passkey_added: (d, ctx) => ({
    subject: `你的 ${ctx.product} 账号添加了通行密钥`,
    preview: `新的通行密钥：${d.passkeyName}`,
    greeting: hi(d.displayName),
    paragraphs: [`新的通行密钥“${d.passkeyName}”现在可以登录你的 ${ctx.product} 账号。`],
    ...review(d),
    facts: origin(d, ctx),
    after: [`${notYou}并删除你不认识的通行密钥。`],
    reason: notice(ctx.product),
  }),
  passkey_removed: (d, ctx) => ({
    subject: `你的 ${ctx.product} 账号删除了通行密钥`,
    preview: `已删除的通行密钥：${d.passkeyName}`,
    greeting: hi(d.displayName),
    paragraphs: [`通行密钥“${d.passkeyName}”已从你的 ${ctx.product} 账号中删除。`],
    ...review(d),
    facts: origin(d, ctx),
    after: [notYou],
    reason: notice(ctx.product),
  }),
  recovery_code_used: (d, ctx) => ({
    subject: `有人使用恢复码登录了 ${ctx.product}`,
    preview: `还剩 ${d.remaining} 个恢复码。`,
    greeting: hi(d.displayName),
    paragraphs: [`有人使用恢复码代替通行密钥登录了你的 ${ctx.product} 账号。还剩 ${d.remaining} 个恢复码。`],
    ...review(d),
    facts: origin(d, ctx),
    after: [`${notYou}然后重新生成恢复码。`],
    reason: notice(ctx.product),
  }),
  sign_in_locked: (d, ctx) => ({
    subject: `多次尝试失败后，你的 ${ctx.product} 账号已暂停登录`,
    preview: '你自己的浏览器仍然可以登录。',
    greeting: hi(d.displayName),
    paragraphs: [
      `有人多次为你的 ${ctx.product} 账号输入了错误密码，因此暂停了来自陌生浏览器的登录。` +
        '你以前登录过的浏览器仍然可以登录。',
      '如果是你本人并且忘记了密码，请重置密码：',
    ],
    action: { label: '重置密码', url: d.resetLink },
    facts: [
      ['暂停至', ctx.time(d.until)],
      ['最后一次尝试来自', where(d.ip)],
    ],
    after: [
      '如果不是你本人，说明密码没有被猜中，无需其他操作；使用足够长且独特的密码并添加通行密钥可以让账号更安全。',
    ],
    reason: `${notice(ctx.product)}此类通知每小时最多发送一次。`,
  }),
  staff_role_changed: (d, ctx) => {
    const role = d.role === 'admin' ? '管理员' : d.role === 'support' ? '客服' : d.role;
    const granted = d.change === 'granted';
    return {
      subject: granted ? `你已成为 ${ctx.product} 的${role}` : `你已不再是 ${ctx.product} 的${role}`,
      preview: granted ? `管理员授予了你角色 ${d.role}。` : `管理员撤销了你的角色 ${d.role}。`,
      greeting: hi(d.displayName),
      paragraphs: granted
        ? [
            `管理员授予了你的 ${ctx.product} 账号角色 ${d.role}：现在可以在管理控制台中查看和更改其他人的账号。`,
            '你在控制台中的每项更改都需要用通行密钥确认，并会记入审计日志。如果你的账号还没有通行密钥，请先添加。',
          ]
        : [`管理员撤销了你的 ${ctx.product} 账号的角色 ${d.role}。`],
      ...review(d),
      facts: origin(d, ctx),
      after: ['如果这出乎你的意料，请联系本平台的管理员。'],
      reason: notice(ctx.product),
    };
  },
  account_locked: (d, ctx) => ({
    subject: `你的 ${ctx.product} 账号已被锁定`,
    preview: `管理员锁定了你的账号：${d.reason}`,
    greeting: hi(d.displayName),
    paragraphs: [
      `管理员锁定了你的 ${ctx.product} 账号。你已在所有设备上退出登录，解锁之前无法登录。`,
      `锁定原因：${d.reason}`,
    ],
    facts: [['时间', ctx.time(d.at)]],
    after: ['如果你认为这是误操作，请联系客服。'],
    reason: notice(ctx.product),
  }),
  recovery_codes_reset: (d, ctx) => ({
    subject: `你的 ${ctx.product} 恢复码已被重置`,
    preview: '旧的恢复码已失效，请生成新的恢复码。',
    greeting: hi(d.displayName),
    paragraphs: [
      `管理员重置了你的 ${ctx.product} 账号的恢复码：旧的恢复码已失效，也没有人看到过新的恢复码。`,
      '请登录后在账号的安全设置中生成新的恢复码，并妥善保存。',
    ],
    ...review(d),
    facts: origin(d, ctx),
    after: ['如果这不是你请求的，请联系客服。'],
    reason: notice(ctx.product),
  }),
  account_deletion_scheduled: (d, ctx) => ({
    subject: `你的 ${ctx.product} 账号将于 ${ctx.time(d.scheduledFor)} 注销`,
    preview: '改变主意了？在此之前登录即可保留账号。',
    greeting: hi(d.displayName),
    paragraphs: [
      `你申请了注销 ${ctx.product} 账号。你已在所有设备上退出登录；${ctx.time(d.scheduledFor)}，` +
        `该账号及其在所有 ${ctx.product} 服务中的数据将被永久删除。`,
      '改变主意了？在此之前登录即可取消注销，账号将保持原样。',
    ],
    action: { label: '登录以保留账号', url: d.signInLink },
    facts: origin(d, ctx),
    after: [notYou],
    reason: notice(ctx.product),
  }),
  notification: (d, ctx) => ({
    subject: `${ctx.product}: ${d.text.length > 100 ? `${d.text.slice(0, 99)}…` : d.text}`,
    preview: d.text,
    greeting: hi(d.displayName),
    paragraphs: [d.text],
    ...(d.link ? { action: { label: '查看', url: d.link } } : {}),
    after: [`你选择了通过邮件接收此类通知，可在此处更改：${d.preferencesLink}`],
    reason: `你收到这封邮件，是因为你有 ${ctx.product} 账号，并为此类通知开启了邮件提醒。`,
  }),
  notification_digest: (d, { product }) => ({
    subject: `${product}：过去一天有 ${d.items.length + d.more} 条未读通知`,
    preview: d.items[0]?.text ?? '',
    greeting: hi(d.displayName),
    paragraphs: [
      '过去一天里你还没有看的通知：',
      ...d.items.map((item) => (item.link ? `• ${item.text} — ${item.link}` : `• ${item.text}`)),
      ...(d.more > 0 ? [`……还有 ${d.more} 条。`] : []),
    ],
    action: { label: '查看全部通知', url: d.link },
    after: [`你开启了每日摘要，每天会收到一封，可在此处关闭：${d.preferencesLink}`],
    reason: `你收到这封邮件，是因为你有 ${product} 账号，并开启了每日通知摘要。`,
  }),
};
