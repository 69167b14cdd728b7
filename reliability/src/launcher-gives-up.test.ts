import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@orbit/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { assertBuilt, startLauncher } from './platform.js';

/**
 * The launcher's other half (issue 18, point 2): a process that cannot stay up at all — here Mail, whose port
 * another program holds — is started again with a growing wait (1 s, 2 s, 4 s, 8 s), and after the fifth quick
 * exit the launcher stops everything and exits non-zero, rather than restarting it forever. About 20 s.
 */
describe('npm start when a process cannot stay up', () => {
  let dataDir: string | undefined;
  let squatter: Server | undefined;

  afterAll(async () => {
    await new Promise<void>((resolve) => (squatter ? squatter.close(() => resolve()) : resolve()));
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('restarts it with a growing wait, then gives up, stops the others and exits non-zero', async () => {
    assertBuilt();
    dataDir = await mkdtemp(join(tmpdir(), 'orbit-gives-up-'));
    const [hubPort, mailPort, spacePort] = [await freePort(), await freePort(), await freePort()];
    // Another program on Mail's port (every address, as Mail listens), hanging up on whoever calls.
    squatter = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => squatter!.listen(mailPort, resolve));

    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ORBIT_DATA_DIR: dataDir,
      PORT: String(hubPort),
      ORBIT_MAIL_PORT: String(mailPort),
      ORBIT_SPACE_PORT: String(spacePort),
      LOG_FORMAT: 'json',
      LOG_LEVEL: 'warn',
    };
    for (const name of ['DATABASE_URL', 'ORBIT_ISSUER', 'FORCE_COLOR']) delete env[name];
    const launcher = startLauncher(env);
    const code = await launcher.exited;
    const output = launcher.output();

    expect(code, output).not.toBe(0);
    // Each wait twice the one before, then the fifth exit in a row ends it.
    const waits = [...output.matchAll(/orbit: mail exited \(code \d+\); starting it again in (\d+)s\./g)].map(
      (m) => Number(m[1]),
    );
    expect(waits, output).toEqual([1, 2, 4, 8]);
    expect(output).toMatch(
      /orbit: mail exited \(code \d+\) 5 times in a row, each within 30s of starting; stopping the others\./,
    );
    // The hub was up meanwhile and was stopped with the rest, at once: nothing waited out the stop grace (and was
    // killed) or the readiness timeout. Said by the launcher's own lines, not timed: a loaded machine took 69 s.
    expect(output).toMatch(/Orbit hub: http:\/\/localhost:\d+/);
    expect(output).not.toMatch(/did not stop within|did not answer \/readyz within/);
    // And nothing is left running: the hub's port is free again.
    const refused = await fetch(`http://localhost:${hubPort}/healthz`).then(
      () => false,
      () => true,
    );
    expect(refused).toBe(true);
  }, 90_000);
});
