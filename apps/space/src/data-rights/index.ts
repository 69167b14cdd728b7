import type { ServiceExport } from '@orbit/sdk';
import type { SpaceCore } from '../deps.js';
import { eraseSpace } from './erase.js';
import { exportSpace } from './export.js';

/**
 * The user's data rights over what Space holds (docs/data-rights.md): Space's part of the hub's export archive,
 * and erasure once the account is deleted for good (the hub's `account-deleted` event, through the SDK).
 */
export function createSpaceDataRights(core: SpaceCore): {
  export(sub: string): Promise<ServiceExport>;
  erase(sub: string): Promise<void>;
} {
  return {
    export: (sub) => exportSpace(core, sub),
    erase: (sub) => eraseSpace(core, sub),
  };
}
