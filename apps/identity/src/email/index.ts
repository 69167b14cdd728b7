export { EMAIL_QUEUE, EMAIL_RETENTION_MS, type Email } from './email.js';
export { emailModule } from './module.js';
export { emailMessages, emailSchema } from './schema.js';
export type { TemplateName } from './templates.js';
