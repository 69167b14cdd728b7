/** Why a service could not be scaffolded; `code` is stable, the message says what to do. */
export type ScaffoldErrorCode =
  | 'id.invalid'
  | 'id.reserved'
  | 'id.taken'
  | 'name.invalid'
  | 'port.invalid'
  | 'port.taken'
  | 'dir.exists'
  | 'dir.outside_repository'
  | 'template.placeholder';

export class ScaffoldError extends Error {
  override name = 'ScaffoldError';
  constructor(
    readonly code: ScaffoldErrorCode,
    message: string,
  ) {
    super(message);
  }
}
