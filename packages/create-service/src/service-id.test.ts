import { describe, expect, it } from 'vitest';
import {
  defaultName,
  RESERVED_IDS,
  SERVICE_ID_PATTERN,
  schemaName,
  validateName,
  validateServiceId,
} from './service-id.js';

const codeOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return undefined;
};

describe('validateServiceId', () => {
  it('accepts what the manifest accepts', () => {
    for (const id of ['ab', 'team-notes', 'x2', `a${'b'.repeat(31)}`]) {
      expect(() => validateServiceId(id)).not.toThrow();
    }
  });

  it('refuses an id the manifest would refuse', () => {
    for (const id of ['', 'a', 'Notes', '2fa', '-notes', 'team_notes', 'team notes', `a${'b'.repeat(32)}`]) {
      expect(
        codeOf(() => validateServiceId(id)),
        id,
      ).toBe('id.invalid');
    }
  });

  it('refuses the ids of Orbit’s own apps and packages, and schemas PostgreSQL or the hub keep', () => {
    for (const id of ['identity', 'portal', 'mail', 'sdk', 'http', 'db', 'jobs', 'testing', 'manifest']) {
      expect(
        codeOf(() => validateServiceId(id)),
        id,
      ).toBe('id.reserved');
    }
    for (const id of ['create-service', 'e2e', 'oidc', 'public', 'pg-stats']) {
      expect(
        codeOf(() => validateServiceId(id)),
        id,
      ).toBe('id.reserved');
    }
  });

  it('reserves only ids the manifest would otherwise accept (so the list means something)', () => {
    for (const id of RESERVED_IDS) expect(SERVICE_ID_PATTERN.test(id), id).toBe(true);
  });
});

describe('names', () => {
  it('names the schema after the id, with _ for -', () => {
    expect(schemaName('team-notes-2')).toBe('team_notes_2');
  });

  it('makes a display name from the id', () => {
    expect(defaultName('team-notes')).toBe('Team notes');
    expect(defaultName('qa')).toBe('Qa');
  });

  it('takes a display name trimmed, and refuses one the generated code could not hold as it is', () => {
    expect(validateName('  Team notes ')).toBe('Team notes');
    expect(validateName('Café (β), 2 + 2!')).toBe('Café (β), 2 + 2!');
    for (const name of [
      '',
      '   ',
      'x'.repeat(41),
      "Tom's notes",
      'A "quoted" name',
      '<b>Bold</b>',
      'a\\b',
      'a{b}',
    ]) {
      expect(
        codeOf(() => validateName(name)),
        name,
      ).toBe('name.invalid');
    }
  });
});
