import { mkdir, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ScaffoldError } from './errors.js';
import { pickPort } from './ports.js';
import { defaultName, schemaName, validateName, validateServiceId } from './service-id.js';
import { copyTemplate, rootRelativePath, TEMPLATE_DIR } from './template.js';
import { existingServices, workspacePackageNames } from './workspace.js';

export interface ScaffoldOptions {
  /** The repository root (the folder with the root package.json and node_modules). */
  repoRoot: string;
  id: string;
  /** Display name; default made from the id (`team-notes` → `Team notes`). */
  name?: string;
  /** Default port; default the next free one above every service's (`pickPort`). */
  port?: number;
  /** Where to write the service; default `apps/<id>`. Relative paths are from `repoRoot`. */
  dir?: string;
  /** Only tests change it. */
  templateDir?: string;
}

export interface ScaffoldedService {
  id: string;
  name: string;
  schema: string;
  port: number;
  /** The absolute folder the service was written to. */
  dir: string;
  /** Its files, relative to `dir`. */
  files: string[];
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

/**
 * Writes a new service from the template: checks the id (the manifest's rule, not reserved, not already a
 * service or package), picks its port, and fills in the id, name, schema, port and the path back to the
 * repository root. When writing fails, the half-written folder is removed.
 *
 * @example
 * const service = await scaffoldService({ repoRoot, id: 'team-notes' });
 * service.dir; // <repoRoot>/apps/team-notes
 */
export async function scaffoldService(options: ScaffoldOptions): Promise<ScaffoldedService> {
  const { repoRoot, id } = options;
  validateServiceId(id);
  const name = validateName(options.name ?? defaultName(id));
  const dir = resolve(repoRoot, options.dir ?? join('apps', id));
  const repoRootFromService = rootRelativePath(dir, repoRoot);

  const services = await existingServices(repoRoot);
  const packages = await workspacePackageNames(repoRoot);
  if (
    services.some((s) => s.id === id || s.app === id) ||
    packages.has(`@orbit/${id}`) ||
    (await exists(join(repoRoot, 'apps', id)))
  ) {
    throw new ScaffoldError('id.taken', `A service or package "${id}" exists already; pick another id.`);
  }
  if (await exists(dir)) {
    throw new ScaffoldError('dir.exists', `${dir} exists already; nothing was written.`);
  }
  const taken = services.flatMap((s) => (s.defaultPort === undefined ? [] : [s.defaultPort]));
  const port = pickPort(taken, options.port);

  const values = { id, name, schema: schemaName(id), port, repoRoot: repoRootFromService };
  await mkdir(dir, { recursive: true });
  try {
    const files = await copyTemplate(options.templateDir ?? TEMPLATE_DIR, dir, values);
    return { id, name, schema: values.schema, port, dir, files };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}
