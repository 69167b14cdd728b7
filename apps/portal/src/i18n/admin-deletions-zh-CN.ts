import type { adminDeletionsEn } from './admin-deletions-en';

/** admin-deletions-en.ts 的中文（键必须一致）。 */
export const adminDeletionsZhCN: typeof adminDeletionsEn = {
  nav: '账号删除',
  pageTitle: '账号删除 · 管理',
  section: '管理',
  title: '账号删除',
  intro:
    '用户自行删除的账号会等待 {{days}} 天（期间登录即可取消）；管理员删除的账号立即删除。随后会通知每个服务删除它持有的该账号数据，直到每个服务都确认为止。',
  loading: '正在加载删除记录…',
  empty: '还没有删除过账号。',
  listLabel: '删除记录，待处理的在前',
  account: '账号 {{number}}',
  accountId: '账号 ID（服务使用的 sub）',
  by: {
    self: '用户本人申请',
    admin: '管理员删除',
  },
  state: {
    scheduled: '等待删除',
    notifying: '等待服务确认',
    done: '已完成',
  },
  requested: '申请时间',
  scheduledFor: '删除日期',
  deletedAt: '删除时间',
  services: '服务',
  noServices: '账号删除后才会通知各服务。',
  noServicesRegistered: '删除时没有需要通知的服务。',
  removedService: '{{id}}（已不再注册）',
  acknowledged: '已于 {{date}} 确认',
  waiting: '尚未确认',
  attempts_one: '已尝试 {{count}} 次',
  attempts_other: '已尝试 {{count}} 次',
  lastError: '最近一次错误：{{error}}',
  retry: '立即重试',
  retrying: '正在发送…',
  retried: '已重新发送。',
};
