export type { EmailVerification } from './email-verification.js';
export { recoveryModule } from './module.js';
export type { PasswordReset } from './password-reset.js';
export { emailTokens, recoverySchema } from './schema.js';
