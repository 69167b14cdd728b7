import { randomUUID } from 'node:crypto';
import { type Audience, audienceSchema } from '@orbit/contracts';
import { describe, expect, it } from 'vitest';
import { canSee, type SeeingRelationship } from './can-see.js';

const owner = randomUUID();
const viewer = randomUUID();
const someoneElse = randomUUID();
const family = randomUUID();
const work = randomUUID();

/** The owner's view of the viewer. */
const stranger: SeeingRelationship = { friend: false, groupId: null, blocking: false, blockedBy: false };
const friendIn = (groupId: string | null): SeeingRelationship => ({ ...stranger, friend: true, groupId });
const defaultGroupFriend = friendIn(null);
const familyFriend = friendIn(family);
/** The owner blocked the viewer; the viewer blocked the owner. */
const ownerBlocked: SeeingRelationship = { ...stranger, blocking: true };
const viewerBlocked: SeeingRelationship = { ...stranger, blockedBy: true };

const audiences = {
  public: { type: 'public' },
  friends: { type: 'friends' },
  family: { type: 'groups', groupIds: [family] },
  familyAndDefault: { type: 'groups', groupIds: [work, family, null] },
  onlyMe: { type: 'only_me' },
  chosen: { type: 'chosen', ids: [someoneElse, viewer] },
  chosenOthers: { type: 'chosen', ids: [someoneElse] },
} satisfies Record<string, Audience>;

describe('canSee', () => {
  it('lets the owner see their own content, whatever the audience', () => {
    for (const audience of Object.values(audiences)) {
      expect(canSee(owner, owner, audience, null), audience.type).toBe(true);
      expect(canSee(owner.toUpperCase(), owner, audience, undefined), audience.type).toBe(true);
    }
  });

  it('decides each audience for a signed-in viewer', () => {
    const cases: [keyof typeof audiences, SeeingRelationship | null, boolean][] = [
      ['public', null, true],
      ['public', stranger, true],
      ['public', familyFriend, true],
      ['friends', null, false],
      ['friends', stranger, false],
      ['friends', defaultGroupFriend, true],
      ['friends', familyFriend, true],
      ['family', stranger, false],
      ['family', defaultGroupFriend, false],
      ['family', friendIn(work), false],
      ['family', familyFriend, true],
      // A group listed for someone who is no friend (any more) lets nobody in.
      ['family', { ...stranger, groupId: family }, false],
      ['familyAndDefault', defaultGroupFriend, true],
      ['familyAndDefault', friendIn(work), true],
      ['familyAndDefault', friendIn(randomUUID()), false],
      ['familyAndDefault', stranger, false],
      ['onlyMe', null, false],
      ['onlyMe', familyFriend, false],
      ['chosen', null, true],
      ['chosen', familyFriend, true],
      ['chosenOthers', familyFriend, false],
      ['chosenOthers', null, false],
    ];
    for (const [name, relationship, expected] of cases) {
      expect(
        canSee(viewer, owner, audiences[name], relationship),
        `${name} ${JSON.stringify(relationship)}`,
      ).toBe(expected);
    }
  });

  it('hides everything from a viewer the owner blocked, and from one who blocked the owner', () => {
    for (const blocked of [ownerBlocked, viewerBlocked]) {
      // Friends too (a block ends a friendship at the hub; a stale cached view must not let them in).
      for (const relationship of [blocked, { ...familyFriend, ...pickBlocks(blocked) }]) {
        for (const audience of Object.values(audiences)) {
          expect(canSee(viewer, owner, audience, relationship), audience.type).toBe(false);
          // Mentioned or not.
          expect(canSee(viewer, owner, audience, relationship, [viewer]), audience.type).toBe(false);
        }
      }
    }
  });

  it('shows a signed-out viewer public content only', () => {
    for (const [name, audience] of Object.entries(audiences)) {
      expect(canSee(null, owner, audience, null), name).toBe(name === 'public');
      expect(canSee(null, owner, audience, null, [viewer]), name).toBe(name === 'public');
    }
  });

  it('lets a mentioned viewer see it, unless it is only the owner’s or a block stands between', () => {
    for (const [name, audience] of Object.entries(audiences)) {
      expect(canSee(viewer, owner, audience, stranger, [someoneElse, viewer.toUpperCase()]), name).toBe(
        name !== 'onlyMe',
      );
      expect(canSee(viewer, owner, audience, null, [viewer]), name).toBe(name !== 'onlyMe');
    }
    // Someone else's mention lets nobody else in.
    expect(canSee(viewer, owner, audiences.friends, stranger, [someoneElse])).toBe(false);
    expect(canSee(viewer, owner, audiences.friends, stranger, [])).toBe(false);
    expect(canSee(viewer, owner, audiences.public, ownerBlocked, [viewer])).toBe(false);
  });

  it('takes only well-formed audiences through the contract', () => {
    expect(audienceSchema.safeParse({ type: 'groups', groupIds: [] }).success).toBe(false);
    expect(audienceSchema.safeParse({ type: 'chosen', ids: [] }).success).toBe(false);
    expect(audienceSchema.safeParse({ type: 'chosen', ids: ['alice'] }).success).toBe(false);
    expect(audienceSchema.safeParse({ type: 'everyone' }).success).toBe(false);
    expect(audienceSchema.safeParse({ type: 'public', ids: [viewer] }).success).toBe(false);
    expect(audienceSchema.parse({ type: 'groups', groupIds: [null, family] })).toEqual({
      type: 'groups',
      groupIds: [null, family],
    });
    // One a newer SDK might store and this one doesn't know: nobody but the owner.
    const unknown = { type: 'circles' } as unknown as Audience;
    expect(canSee(viewer, owner, unknown, familyFriend)).toBe(false);
    expect(canSee(owner, owner, unknown, null)).toBe(true);
  });
});

const pickBlocks = (r: SeeingRelationship) => ({ blocking: r.blocking, blockedBy: r.blockedBy });
