import { describe, expect, it } from 'vitest';
import { defineManifest, ManifestError, type ManifestInput, parseManifest } from './manifest.js';

const base: ManifestInput = {
  id: 'notes',
  name: 'Notes',
  description: 'Notes.',
  icon: '<svg xmlns="http://www.w3.org/2000/svg"/>',
  defaultPort: 4102,
  scopes: ['openid'],
};

function problemsOf(input: unknown): string[] {
  try {
    parseManifest(input);
  } catch (error) {
    expect(error).toBeInstanceOf(ManifestError);
    return (error as ManifestError).problems.map((p) => `${p.path}: ${p.message}`);
  }
  throw new Error('the manifest was accepted');
}

describe('perk tier defaults', () => {
  it('takes a value per default tier, of the perk’s type', () => {
    const notes = defineManifest({
      ...base,
      plusTier: true,
      perks: [
        {
          key: 'notes.max',
          type: 'number',
          default: 100,
          tiers: { vip: 1000, svip: 5000, plus: 500 },
          description: 'Notes kept',
        },
        {
          key: 'notes.export',
          type: 'boolean',
          default: false,
          tiers: { svip: true },
          description: 'Export',
        },
        { key: 'notes.sync', type: 'boolean', default: false, description: 'Sync' },
      ],
    });
    expect(notes.plusTier).toBe(true);
    expect(notes.perks.map((perk) => perk.tiers)).toEqual([
      { vip: 1000, svip: 5000, plus: 500 },
      { svip: true },
      undefined,
    ]);
    expect(Object.isFrozen(notes.perks[0]?.tiers)).toBe(true);
  });

  it('asks for no service tier unless told', () => {
    expect(defineManifest(base).plusTier).toBe(false);
  });

  it('refuses a value of another type, a fraction, a negative number or an unknown tier', () => {
    const perk = { key: 'notes.max', type: 'number', default: 100, description: 'Notes kept' } as const;
    expect(problemsOf({ ...base, perks: [{ ...perk, tiers: { vip: true } }] })).toEqual([
      expect.stringMatching(/^perks\.0\.tiers\.vip: /),
    ]);
    expect(problemsOf({ ...base, perks: [{ ...perk, tiers: { vip: 1.5 } }] })).toEqual([
      expect.stringMatching(/^perks\.0\.tiers\.vip: /),
    ]);
    expect(problemsOf({ ...base, perks: [{ ...perk, tiers: { svip: -1 } }] })).toEqual([
      expect.stringMatching(/^perks\.0\.tiers\.svip: /),
    ]);
    expect(problemsOf({ ...base, perks: [{ ...perk, tiers: { gold: 3 } }] })).toEqual([
      expect.stringMatching(/^perks\.0\.tiers: /),
    ]);
    const flag = { key: 'notes.export', type: 'boolean', default: false, description: 'Export' } as const;
    expect(problemsOf({ ...base, perks: [{ ...flag, tiers: { vip: 1 } }] })).toEqual([
      expect.stringMatching(/^perks\.0\.tiers\.vip: /),
    ]);
  });

  it('refuses a tier of its own for a service whose id leaves no room for "-plus"', () => {
    const id = `n${'x'.repeat(27)}`;
    expect(problemsOf({ ...base, id, plusTier: true })).toEqual([
      `plusTier: needs a service id of at most 27 characters: its tier would be "${id}-plus"`,
    ]);
    expect(defineManifest({ ...base, id: id.slice(1), plusTier: true }).plusTier).toBe(true);
  });

  it('refuses a value for the service’s own tier when the manifest asks for none', () => {
    const perk = { key: 'notes.max', type: 'number', default: 100, description: 'Notes kept' } as const;
    expect(problemsOf({ ...base, perks: [{ ...perk, tiers: { plus: 500 } }] })).toEqual([
      'perks.0.tiers.plus: names a value for the service\'s own tier, but "plusTier" is not true',
    ]);
  });
});
