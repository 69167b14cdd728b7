import { describe, expect, it } from 'vitest';
import { activityIcons, type Badges, createBadgeStore } from './badges';

describe('activityIcons', () => {
  it('counts the level in base 4: stars, moons, suns, then crowns', () => {
    expect(activityIcons(0)).toEqual({ crowns: 0, suns: 0, moons: 0, stars: 0 });
    expect(activityIcons(3)).toEqual({ crowns: 0, suns: 0, moons: 0, stars: 3 });
    expect(activityIcons(6)).toEqual({ crowns: 0, suns: 0, moons: 1, stars: 2 });
    expect(activityIcons(21)).toEqual({ crowns: 0, suns: 1, moons: 1, stars: 1 });
    expect(activityIcons(130)).toEqual({ crowns: 2, suns: 0, moons: 0, stars: 2 });
  });
});

describe('the badge store', () => {
  function setup(answer: (subs: string[]) => Promise<Record<string, Badges | null>>) {
    const asked: string[][] = [];
    const queued: (() => void)[] = [];
    let clock = 0;
    const store = createBadgeStore(
      (subs) => {
        asked.push(subs);
        return answer(subs);
      },
      { now: () => clock, schedule: (run) => void queued.push(run) },
    );
    const flush = async () => {
      for (const run of queued.splice(0)) run();
      await new Promise((resolve) => setTimeout(resolve, 0));
    };
    const advance = (ms: number) => {
      clock += ms;
    };
    return { store, asked, flush, advance };
  }

  it('asks for every account wanted in one turn together, once, and tells its listeners', async () => {
    const { store, asked, flush } = setup(async (subs) =>
      Object.fromEntries(subs.map((sub) => [sub, sub === 'b' ? null : { vipLevel: 2, activityLevel: 1 }])),
    );
    let told = 0;
    store.subscribe(() => void told++);
    for (const sub of ['a', 'b', 'a']) store.request(sub);
    expect(store.peek('a')).toBeUndefined();
    await flush();
    expect(asked).toEqual([['a', 'b']]);
    expect(told).toBe(1);
    expect(store.peek('a')).toEqual({ vipLevel: 2, activityLevel: 1 });
    expect(store.peek('b')).toBeNull();
    store.request('a');
    await flush();
    expect(asked).toHaveLength(1);
  });

  it('splits large asks into requests of 100, and asks again once an answer is old', async () => {
    const { store, asked, flush, advance } = setup(async () => ({}));
    for (let i = 0; i < 150; i++) store.request(`s${i}`);
    await flush();
    expect(asked.map((subs) => subs.length)).toEqual([100, 50]);
    advance(11 * 60_000);
    store.request('s1');
    await flush();
    expect(asked[2]).toEqual(['s1']);
  });

  it('leaves badges out when the request fails, and asks again when next needed', async () => {
    let fail = true;
    const { store, asked, flush } = setup(async () => {
      if (fail) throw new Error('offline');
      return { a: { vipLevel: 1, activityLevel: 0 } };
    });
    store.request('a');
    await flush();
    expect(store.peek('a')).toBeUndefined();
    fail = false;
    store.request('a');
    await flush();
    expect(asked).toHaveLength(2);
    expect(store.peek('a')).toEqual({ vipLevel: 1, activityLevel: 0 });
  });
});
