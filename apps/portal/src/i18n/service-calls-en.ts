/** English strings of the services console about calls between services; en.ts puts them under `serviceCalls`. */
export const serviceCallsEn = {
  title: 'Calls between services',
  intro:
    'A service’s manifest names the scopes it calls on other services’ APIs. Services you register yourself are approved at once; approve the others here, and revoke what a service should no longer do. A revoked call stays revoked when the service registers again.',
  loading: 'Loading calls…',
  empty: 'No service calls another yet.',
  caller: 'Caller',
  target: 'Calls',
  scope: 'Scope',
  status: 'Status',
  action: 'Action',
  statuses: { approved: 'Approved', pending: 'Waiting for approval', revoked: 'Revoked' },
  notOffered: '{{target}} does not offer this scope now: no token carries it.',
  approve: 'Approve',
  approveLabel: 'Approve {{caller}} calling {{scope}}',
  revoke: 'Revoke',
  revokeLabel: 'Revoke {{caller}} calling {{scope}}',
  working: 'Saving…',
  confirmRevokeTitle: 'Revoke this call?',
  confirmRevokeBody:
    '{{caller}} will no longer get tokens for {{scope}} on {{target}}. Tokens it holds now work until they expire (minutes).',
  confirmRevokeOk: 'Revoke',
  doneApproved: '{{caller}} may now call {{scope}}.',
  doneRevoked: '{{caller}} may no longer call {{scope}}.',
};

/** The hub's error codes about calls between services (under `errors`). */
export const serviceCallErrorsEn = {
  service_call: { not_found: 'That service does not ask for this call any more. Reload the page.' },
};
