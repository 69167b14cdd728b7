import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ScaffoldError } from './errors.js';

/** The template a service is made from (`packages/create-service/template`), from src/ and dist/ alike. */
export const TEMPLATE_DIR = fileURLToPath(new URL('../template', import.meta.url));

/** What the template's placeholders stand for. */
export interface TemplateValues {
  /** `__SERVICE_ID__`: the id, e.g. `team-notes`. */
  id: string;
  /** `__SERVICE_NAME__`: the display name, e.g. `Team notes`. */
  name: string;
  /** `__SERVICE_SCHEMA__`: the Postgres schema, e.g. `team_notes`. */
  schema: string;
  /** `__SERVICE_PORT__`: the default port. */
  port: number;
  /** `__REPO_ROOT__`: the repository root, relative to the service's folder, e.g. `../..`. */
  repoRoot: string;
}

const PLACEHOLDER = /__(SERVICE_ID|SERVICE_NAME|SERVICE_SCHEMA|SERVICE_PORT|REPO_ROOT)__/g;
const ANY_PLACEHOLDER = /__(SERVICE_[A-Z_]+|REPO_[A-Z_]+)__/;

/** Fills in a template file's placeholders; a placeholder it does not know is a mistake in the template. */
export function renderTemplate(text: string, values: TemplateValues, file = 'template'): string {
  const byToken: Record<string, string> = {
    SERVICE_ID: values.id,
    SERVICE_NAME: values.name,
    SERVICE_SCHEMA: values.schema,
    SERVICE_PORT: String(values.port),
    REPO_ROOT: values.repoRoot,
  };
  const rendered = text.replace(PLACEHOLDER, (_match, token: string) => byToken[token] ?? '');
  const unknown = ANY_PLACEHOLDER.exec(text.replace(PLACEHOLDER, ''));
  if (unknown) {
    throw new ScaffoldError('template.placeholder', `${file} holds an unknown placeholder ${unknown[0]}.`);
  }
  return rendered;
}

/**
 * The path from `serviceDir` up to `repoRoot`, with `/` separators, as `extends` and `import` want it. A
 * service must live inside the repository, below its root, so that the root's `node_modules` resolve.
 */
export function rootRelativePath(serviceDir: string, repoRoot: string): string {
  const down = relative(repoRoot, serviceDir);
  if (!down || down === '..' || down.startsWith(`..${sep}`) || isAbsolute(down)) {
    throw new ScaffoldError(
      'dir.outside_repository',
      `${serviceDir} is not inside the repository (${repoRoot}): a service must be, to find its dependencies.`,
    );
  }
  return relative(serviceDir, repoRoot).split(sep).join('/');
}

/** Every file under `dir`, relative to it, sorted. */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}

/** Writes every template file into `targetDir` with its placeholders filled in; answers the files written. */
export async function copyTemplate(
  templateDir: string,
  targetDir: string,
  values: TemplateValues,
): Promise<string[]> {
  const files = await listFiles(templateDir);
  for (const file of files) {
    const text = await readFile(join(templateDir, file), 'utf8');
    const target = join(targetDir, file);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, renderTemplate(text, values, file));
  }
  return files;
}
