/** 服务控制台中“服务间调用”部分的中文文本；zh-CN.ts 把它们放在 `serviceCalls` 下。 */
export const serviceCallsZhCN = {
  title: '服务间调用',
  intro:
    '服务的清单会列出它要调用的其他服务 API 的权限范围。你自己注册的服务会立即获批；其他服务请在这里批准，不应再有的调用可以撤销。已撤销的调用在服务重新注册后仍保持撤销。',
  loading: '正在加载调用…',
  empty: '目前还没有服务调用其他服务。',
  caller: '调用方',
  target: '被调用服务',
  scope: '权限范围',
  status: '状态',
  action: '操作',
  statuses: { approved: '已批准', pending: '等待批准', revoked: '已撤销' },
  notOffered: '{{target}} 当前不提供此权限范围：任何令牌都不会包含它。',
  approve: '批准',
  approveLabel: '批准 {{caller}} 调用 {{scope}}',
  revoke: '撤销',
  revokeLabel: '撤销 {{caller}} 调用 {{scope}}',
  working: '正在保存…',
  confirmRevokeTitle: '撤销此调用？',
  confirmRevokeBody:
    '{{caller}} 将无法再获得 {{target}} 上 {{scope}} 的令牌。它现在持有的令牌在过期前（几分钟内）仍然有效。',
  confirmRevokeOk: '撤销',
  doneApproved: '{{caller}} 现在可以调用 {{scope}}。',
  doneRevoked: '{{caller}} 已不能再调用 {{scope}}。',
};

/** 关于服务间调用的中心错误代码（位于 `errors` 下）。 */
export const serviceCallErrorsZhCN = {
  service_call: { not_found: '该服务已不再请求这个调用。请重新加载页面。' },
};
