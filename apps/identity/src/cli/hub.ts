import type { Command } from './context.js';

/** Commands about the hub itself. */
export const hubCommands: Record<string, Command> = {
  migrate: {
    summary: 'apply the hub’s database migrations and exit',
    announceMigrations: true,
    // Opening the hub applies the migrations (and logs them); there is nothing more to do.
    async run() {
      return 0;
    },
  },

  'setup:link': {
    summary: 'print a new one-time link that creates the first admin (only while no admin exists)',
    async run({ services, config, print, note }) {
      const token = await services.setup.issueTokenIfNeeded();
      if (!token) {
        note('An admin account already exists; no setup link is needed.');
        return 1;
      }
      print(`${config.issuer}/setup?token=${token}`);
      return 0;
    },
  },
};
