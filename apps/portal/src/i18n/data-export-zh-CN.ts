import type { dataExportEn } from './data-export-en';

/** 数据导出面板（`ExportPanel`）的简体中文文本；见 data-export-en.ts。 */
export const dataExportZhCN: typeof dataExportEn = {
  title: '下载你的数据',
  body: '一个 zip 压缩包，包含 Orbit 保存的关于你的全部信息——账号、会话、安全日志、好友、通知和会员——以及你在每个 Orbit 服务中的数据，例如你的邮件及其附件。表格数据以 JSON 和 CSV 提供；manifest.json 说明每个文件是什么。生成需要几分钟。',
  request: '申请导出',
  requesting: '正在申请…',
  loading: '正在加载你的导出…',
  nextAt: '你可以在 {{date}} 申请下一次导出：每周一次。',
  queued: '你的导出正在等待开始…',
  building: '正在收集{{step}}（第 {{done}} 步，共 {{total}} 步）…',
  stepHub: '你的 Orbit 账号',
  ready: '你在 {{date}} 申请的导出已准备好（{{size}}）。请在 {{expires}} 之前下载。',
  download: '下载',
  preparing: '正在准备下载…',
  partial: '部分服务无法连接，因此它们的数据不在此压缩包中：{{services}}。下周重新申请导出即可包含这些数据。',
  failed: '你在 {{date}} 申请的导出未能生成。你可以重新申请。',
  expired: '你在 {{date}} 申请的导出已过期并被删除。',
};
