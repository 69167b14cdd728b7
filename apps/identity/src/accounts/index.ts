export { isAccountNumber } from './account-number.js';
export {
  type Accounts,
  type AccountView,
  type NewAccount,
  normalizeHandle,
  viewAccount,
} from './accounts.js';
export { accountLocked } from './errors.js';
export { accountsModule } from './module.js';
export {
  ARGON2_PARAMS,
  argon2Params,
  checkPasswordPolicy,
  dummyHash,
  hashPassword,
  needsRehash,
  TEST_HASHING_VARIABLE,
  verifyPassword,
} from './passwords.js';
export { insertRoles, rolesArray, rolesOf } from './roles.js';
export { accountRoles, accountsSchema } from './schema.js';
export { handleSchema, signUpBody } from './validation.js';
