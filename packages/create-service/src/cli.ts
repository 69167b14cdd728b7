#!/usr/bin/env node
// `npm run new-service -- <id>`: the root script builds this package, then runs this file.
import { fileURLToPath } from 'node:url';
import { runNewService } from './command.js';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
// npm runs scripts from the repository root; INIT_CWD is where the command was typed.
const cwd = process.env.INIT_CWD ?? process.cwd();

const { exitCode, output } = await runNewService(process.argv.slice(2), { repoRoot, cwd });
(exitCode === 0 ? process.stdout : process.stderr).write(`${output}\n`);
process.exitCode = exitCode;
