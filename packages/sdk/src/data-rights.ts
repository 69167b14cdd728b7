/**
 * A user's data rights (issue 19, point 5) for what a service holds: the hub builds one export archive from the
 * hub's data and every service's part, and tells every service when an account is deleted for good. A service
 * implements both through `createOrbitService({ dataRights: { export, erase } })`.
 */

/** One file of a service's part of an export, placed under `services/<service id>/` in the archive. */
export interface ExportFile {
  /** Relative path inside the service's folder, e.g. `messages.json` or `attachments/<id>/report.pdf`. */
  path: string;
  /** JSON (serialised for you), text (CSV …) or bytes (attachments, photos). */
  data: unknown;
  contentType?: string;
}

/** What a service hands over for one account. */
export interface ServiceExport {
  /** Human-readable description of each file or folder, written into the archive's `manifest.json`. */
  describe: Record<string, string>;
  files: ExportFile[];
}

export interface DataRights {
  /** Everything this service holds about the account `sub`, as files. */
  export?: (sub: string) => Promise<ServiceExport>;
  /**
   * Deletes everything this service holds about the account `sub`; must be idempotent (the hub repeats it until
   * acknowledged). The SDK ends the account's sessions here itself.
   */
  erase?: (sub: string) => Promise<void>;
}
