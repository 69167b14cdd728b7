import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  listFiles,
  renderTemplate,
  rootRelativePath,
  TEMPLATE_DIR,
  type TemplateValues,
} from './template.js';

const values: TemplateValues = {
  id: 'team-notes',
  name: 'Team notes',
  schema: 'team_notes',
  port: 4102,
  repoRoot: '../..',
};

describe('renderTemplate', () => {
  it('fills in every placeholder, wherever it appears', () => {
    const text = [
      "id: '__SERVICE_ID__', name: '__SERVICE_NAME__', again: '__SERVICE_ID__'",
      "pgSchema('__SERVICE_SCHEMA__'), defaultPort: __SERVICE_PORT__",
      '"extends": "__REPO_ROOT__/tsconfig.json"',
    ].join('\n');
    expect(renderTemplate(text, values)).toBe(
      [
        "id: 'team-notes', name: 'Team notes', again: 'team-notes'",
        "pgSchema('team_notes'), defaultPort: 4102",
        '"extends": "../../tsconfig.json"',
      ].join('\n'),
    );
  });

  it('refuses a placeholder it does not know, naming the file', () => {
    expect(() => renderTemplate('color: __SERVICE_COLOR__', values, 'src/theme.ts')).toThrow(
      /src\/theme\.ts holds an unknown placeholder __SERVICE_COLOR__/,
    );
  });

  it('leaves no placeholder in any file of the real template', async () => {
    const files = await listFiles(TEMPLATE_DIR);
    expect(files).toEqual(
      expect.arrayContaining([
        'package.json',
        'src/manifest.ts',
        'src/app.ts',
        'src/main.ts',
        'src/app.test.ts',
        'drizzle/0000_init.sql',
        'drizzle/meta/_journal.json',
        'web/index.html',
        'web/src/main.tsx',
      ]),
    );
    for (const file of files) {
      const rendered = renderTemplate(await readFile(join(TEMPLATE_DIR, file), 'utf8'), values, file);
      expect(rendered, file).not.toMatch(/__[A-Z_]+__/);
    }
  });
});

describe('rootRelativePath', () => {
  it('is the way up from the service to the repository root', () => {
    expect(rootRelativePath('/repo/apps/team-notes', '/repo')).toBe('../..');
    expect(rootRelativePath('/repo/.orbit/scaffold-test-1/team-notes', '/repo/')).toBe('../../..');
  });

  it('refuses a folder outside the repository, or the root itself', () => {
    for (const dir of ['/elsewhere/team-notes', '/repo', '/repository/x']) {
      expect(() => rootRelativePath(dir, '/repo'), dir).toThrow(/not inside the repository/);
    }
  });
});
