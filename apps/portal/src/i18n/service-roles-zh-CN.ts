import type { serviceRolesEn } from './service-roles-en';

/** 服务控制台中关于服务角色的中文文本；zh-CN.ts 将其放在 `serviceRoles` 下。 */
export const serviceRolesZhCN: typeof serviceRolesEn = {
  declared: '声明的角色',
  declaredHint: '管理员可在账号页面授予这些角色；服务会将其作为自己的角色收到。',
};
