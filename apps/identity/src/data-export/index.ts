export { DATA_EXPORT_QUEUE, type DataExportJob, type DataExports } from './exports.js';
export { type DataExportExports, dataExportModule } from './module.js';
export { archiveChunks, dataExportSchema, dataExports } from './schema.js';
