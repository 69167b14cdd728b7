/**
 * `perk()` and `requirePerk()` take their keys and value types from the manifest given to `createOrbitService`.
 * These are compile-time checks: `npm run typecheck` (tsc over src/, tests included) fails when a misspelt key
 * compiles, or when a perk's value has the wrong type; vitest runs the file too, so its assertions stay honest.
 */
import { defineManifest, type PerkKey, type PerkValue, type ServiceManifest } from '@orbit/contracts';
import { describe, expectTypeOf, it } from 'vitest';
import type { OrbitService } from './service.js';

const manifest = defineManifest({
  id: 'notes',
  name: 'Notes',
  description: 'Notes.',
  icon: '<svg xmlns="http://www.w3.org/2000/svg"/>',
  defaultPort: 4190,
  scopes: ['openid'],
  perks: [
    { key: 'notes.max', type: 'number', default: 100, tiers: { vip: 1000 }, description: 'Notes kept' },
    { key: 'notes.export', type: 'boolean', default: false, tiers: { vip: true }, description: 'Export' },
  ],
});

type Notes = typeof manifest;
type Orbit = OrbitService<Notes>;
const user = { sub: '0190b2c4-0000-7000-8000-000000000000' };

/** Never called: tsc checks what it says, and each `@ts-expect-error` fails the typecheck if the line compiles. */
export async function misspelt(orbit: Orbit) {
  // @ts-expect-error — not a key the manifest declares
  await orbit.perk(user, 'notes.maxx');
  // @ts-expect-error — another service's perk
  await orbit.perk(user, 'mail.quota_mb');
  // @ts-expect-error — not a key the manifest declares
  orbit.requirePerk('notes.exports');
  // @ts-expect-error — a number perk is not a boolean
  const on: boolean = await orbit.perk(user, 'notes.max');
  return on;
}

describe('typed perks', () => {
  it('keeps the manifest’s perk keys as literals', () => {
    expectTypeOf<PerkKey<Notes>>().toEqualTypeOf<'notes.max' | 'notes.export'>();
    expectTypeOf(manifest.perks[0]!.key).toEqualTypeOf<'notes.max' | 'notes.export'>();
    // Still a manifest every API that takes one accepts.
    expectTypeOf(manifest).toExtend<ServiceManifest>();
  });

  it('types each perk’s value from its declared type', () => {
    expectTypeOf<PerkValue<Notes, 'notes.max'>>().toEqualTypeOf<number>();
    expectTypeOf<PerkValue<Notes, 'notes.export'>>().toEqualTypeOf<boolean>();
    expectTypeOf<Orbit['perk']>().parameter(1).toEqualTypeOf<'notes.max' | 'notes.export'>();
    expectTypeOf<ReturnType<typeof misspelt>>().toEqualTypeOf<Promise<boolean>>();
  });

  it('accepts any key of an untyped manifest (one read from outside, e.g. JSON)', () => {
    expectTypeOf<PerkKey<ServiceManifest>>().toEqualTypeOf<string>();
    expectTypeOf<PerkValue<ServiceManifest, string>>().toEqualTypeOf<boolean | number>();
    // A typed service is usable where any service is expected.
    expectTypeOf<Orbit>().toExtend<Pick<OrbitService, 'manifest' | 'entitlements'>>();
  });
});
