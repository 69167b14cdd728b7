/** English strings of the services console about service roles; en.ts puts them under `serviceRoles`. */
export const serviceRolesEn = {
  declared: 'Roles it declares',
  declaredHint: 'Admins grant these on an account’s page; the service receives them as its own roles.',
};
