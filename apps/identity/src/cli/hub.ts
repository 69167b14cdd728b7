import type { Command } from './context.js';

/** Commands about the hub itself. */
export const hubCommands: Record<string, Command> = {
  migrate: {
    summary: 'apply the hub’s database migrations and exit',
    announceMigrations: true,
    // Opening the hub applies the migrations (and logs them); there is nothing more to do.
    async run({ inHub, note }) {
      if (inHub) note('The hub is running: it applied its migrations when it started.');
      return 0;
    },
  },

  'setup:link': {
    summary: 'print the one-time link that creates the first admin (only while no admin exists)',
    description:
      'Through the running hub, prints the link it printed at start while that is still valid, else a new one\n' +
      '(which replaces it). The link is a secret: it goes to stdout only, and is never logged.',
    async run({ services, config, setupTokens, print, note }) {
      const last = setupTokens?.last;
      const reuse = last && (await services.setup.isValid(last)) && !(await services.accounts.hasAdmin());
      const token = reuse ? last : await services.setup.issueTokenIfNeeded();
      if (!token) {
        note('An admin account already exists; no setup link is needed.');
        return 1;
      }
      if (setupTokens) setupTokens.last = token;
      print(`${config.issuer}/setup?token=${token}`);
      return 0;
    },
  },
};
