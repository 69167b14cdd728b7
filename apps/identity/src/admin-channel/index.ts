import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { RunningHub } from '../server.js';
import { type AdminChannel, AdminChannelError, openAdminChannel } from './server.js';

export { sendToHub } from './client.js';
export type { AdminChannel } from './server.js';
export { AdminChannelError, openAdminChannel } from './server.js';

/**
 * Opens the admin channel of a started hub at `config.adminSocket`, with the hub's services, its effective
 * issuer and the setup link it printed. Answers undefined when there is no data folder (`memory://`) or the
 * channel cannot open safely: the hub runs on, and says why in its log.
 */
export async function openHubAdminChannel(
  hub: RunningHub,
  config: Config,
  logger: Logger,
): Promise<AdminChannel | undefined> {
  if (!config.adminSocket) return undefined;
  const last = hub.setupUrl ? (new URL(hub.setupUrl).searchParams.get('token') ?? undefined) : undefined;
  try {
    return await openAdminChannel({
      path: config.adminSocket,
      hub: {
        services: hub.services,
        config: { ...config, issuer: hub.url },
        setupTokens: { last },
        inHub: true,
      },
      logger,
    });
  } catch (error) {
    if (!(error instanceof AdminChannelError)) throw error;
    logger.warn(
      { path: config.adminSocket },
      `admin channel not opened: ${error.message}. The CLI cannot reach this hub while it runs.`,
    );
    return undefined;
  }
}
