/**
 * English strings of the Data section's export panel (`ExportPanel`): requesting an archive of everything Orbit
 * and its services hold, its progress, the download and the weekly limit. en.ts puts them under
 * `dataAccount.export`; the export API's error codes have their texts in hub-errors-en.ts (`errors.data_export.*`).
 */
export const dataExportEn = {
  title: 'Download your data',
  body: 'A zip archive of everything Orbit keeps about you — your account, sessions, security log, friends, notifications and memberships — and your data in every Orbit service, such as your mail and its attachments. Tables come as JSON and CSV; manifest.json says what each file is. Building it takes a few minutes.',
  request: 'Request an export',
  requesting: 'Requesting…',
  loading: 'Loading your exports…',
  nextAt: 'You can request your next export on {{date}}: one a week.',
  queued: 'Your export is waiting to start…',
  building: 'Collecting {{step}} ({{done}} of {{total}})…',
  stepHub: 'your Orbit account',
  ready: 'Your export of {{date}} is ready ({{size}}). Download it before {{expires}}.',
  download: 'Download',
  preparing: 'Preparing the download…',
  partial:
    'Some services could not be reached, so their data is not in this archive: {{services}}. Request a new export next week to include it.',
  failed: 'Your export of {{date}} could not be built. You can request a new one.',
  expired: 'Your export of {{date}} has expired and was deleted.',
};
