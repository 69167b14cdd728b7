import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

/** The patched `Queue` of the postgres driver (patches/postgres+3.4.9.patch): both the ESM and the CJS copy. */
interface DriverQueue<T> {
  readonly length: number;
  readonly capacity: number;
  push(x: T): T;
  shift(): T | undefined;
  remove(x: T): T | null;
}

// The package's exports map hides its files; its entry point gives the folder.
const root = join(dirname(createRequire(import.meta.url).resolve('postgres')), '..', '..');
const copies = {
  esm: async () => (await import(pathToFileURL(join(root, 'src', 'queue.js')).href)).default,
  cjs: async () => createRequire(import.meta.url)(join(root, 'cjs', 'src', 'queue.js')),
};

describe.each(Object.entries(copies))('the postgres driver’s connection queue (%s)', (_, load) => {
  it('stays small in a pool that always has an idle connection', async () => {
    const Queue = (await load()) as <T>() => DriverQueue<T>;
    // What the driver does per query: take the oldest idle connection, move it to busy (remove() from the
    // queue it was in — it is no longer there), then back to idle (push) when the query is done.
    const open = Queue<string>();
    open.push('a');
    open.push('b');
    for (let i = 0; i < 100_000; i++) {
      const c = open.shift() as string;
      expect(open.remove(c)).toBeNull();
      open.push(c);
    }
    expect(open.length).toBe(2);
    // Unpatched it held 100,002 slots, and every remove() scanned them.
    expect(open.capacity).toBeLessThan(200);
  });

  it('is still first in, first out, and removes from the middle', async () => {
    const Queue = (await load()) as <T>() => DriverQueue<T>;
    const q = Queue<number>();
    const expected: number[] = [];
    let next = 0;
    // Interleaved pushes, shifts and removes, past many compactions.
    for (let round = 0; round < 2_000; round++) {
      for (let k = 0; k < 3; k++) {
        q.push(next);
        expected.push(next++);
      }
      expect(q.shift()).toBe(expected.shift());
      if (round % 5 === 0) {
        const middle = expected[Math.floor(expected.length / 2)] as number;
        expect(q.remove(middle)).toBe(middle);
        expected.splice(expected.indexOf(middle), 1);
      }
      expect(q.length).toBe(expected.length);
    }
    while (expected.length) expect(q.shift()).toBe(expected.shift());
    expect(q.length).toBe(0);
  });
});
