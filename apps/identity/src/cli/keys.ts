import { signingAlgorithms } from '../oidc/index.js';
import { type Command, CommandError, json, table } from './context.js';

const iso = (d: Date | null) => (d ? d.toISOString() : '-');

export const keyCommands: Record<string, Command> = {
  'keys:list': {
    summary: 'list the signing keys: kid, algorithm, state, and when each was created, signs, retired',
    description:
      'States: published (in the JWKS, not signing yet), signing, retired (no longer signs; still in the JWKS\n' +
      'while tokens it signed may be live), expired (out of the JWKS; keys:prune deletes it).',
    flags: { json: { type: 'boolean', description: 'print JSON instead of a table' } },
    async run({ args, services, print, note }) {
      const keys = await services.keys.list();
      if (args.flag('json')) {
        print(json(keys));
        return 0;
      }
      if (keys.length === 0) {
        note('There are no signing keys yet; the hub creates them when it first starts.');
        return 0;
      }
      print(
        table(
          ['KID', 'ALG', 'STATE', 'CREATED', 'ACTIVATES', 'RETIRED'],
          keys.map((k) => [k.kid, k.alg, k.state, iso(k.createdAt), iso(k.activatesAt), iso(k.retiredAt)]),
        ),
      );
      return 0;
    },
  },

  'keys:rotate': {
    summary: 'publish new signing keys now; they sign after the JWKS cache lifetime, and the old ones retire',
    description:
      'Each algorithm gets a new key, published in the JWKS at once and signing after twice the JWKS\n' +
      'max-age (so relying parties have fetched it). The keys it replaces stop signing then and stay\n' +
      'published until every token they signed has expired; keys:prune deletes them after that.',
    flags: { json: { type: 'boolean', description: 'print the new keys as JSON' } },
    async run({ args, services, actor, print, note }) {
      const keys = await services.keys.list();
      const signing = keys.filter((k) => k.state === 'signing');
      if (signing.length === 0) {
        throw new CommandError(
          'there are no signing keys yet; start the hub once (it creates them), then rotate',
        );
      }
      // New keys are sealed with this process's key-encryption key. If it is not the hub's (e.g.
      // ORBIT_KEY_ENCRYPTION_KEY is missing here), the hub could not sign once they activate: refuse.
      for (const alg of signingAlgorithms) {
        if (!signing.some((k) => k.alg === alg)) continue;
        try {
          await services.keys.signingKey(alg);
        } catch {
          throw new CommandError(
            'this key-encryption key cannot open the current signing keys; run with the hub’s ' +
              'ORBIT_KEY_ENCRYPTION_KEY (or its ORBIT_DATA_DIR) so the new keys can be read back',
          );
        }
      }
      const created = await services.keys.rotate((tx, fresh) =>
        services.audit.record(tx, actor, {
          action: 'key.rotated',
          details: { keys: fresh.map(({ kid, alg }) => ({ kid, alg })) },
        }),
      );
      if (args.flag('json')) {
        print(json(created));
        return 0;
      }
      print(
        table(
          ['KID', 'ALG', 'SIGNS FROM'],
          created.map((k) => [k.kid, k.alg, k.activatesAt.toISOString()]),
        ),
      );
      note(
        `Published ${created.length} new keys in the JWKS. They start signing at ${iso(created[0]?.activatesAt ?? null)}, ` +
          'when the keys they replace retire; run keys:prune once tokens signed by those have expired.',
      );
      return 0;
    },
  },

  'keys:prune': {
    summary: 'delete retired keys that no live token can need any more',
    async run({ services, actor, print }) {
      const pruned = await services.keys.prune((tx, kids) =>
        services.audit.record(tx, actor, { action: 'key.pruned', details: { kids } }),
      );
      print(pruned === 1 ? 'Deleted 1 expired key.' : `Deleted ${pruned} expired keys.`);
      return 0;
    },
  },
};
