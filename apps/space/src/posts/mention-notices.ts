import type { SpaceCore } from '../deps.js';
import type { PostRow } from './views.js';

/**
 * Tells the mentioned accounts in `subs` that `row` mentions them, in their bell — only those who may see it
 * (a mention in an only-me item tells nobody) and only once it is published (a draft's mentions are told on
 * publishing). Best effort: the SDK logs a failure rather than failing the write.
 */
export async function notifyMentions(core: SpaceCore, row: PostRow, subs: readonly string[]): Promise<void> {
  if (row.status !== 'published' || subs.length === 0) return;
  for (const recipient of subs) {
    if (!(await core.visibility.canSee(recipient, row))) continue;
    await core.orbit.notify({
      recipient,
      actor: row.ownerSub,
      type: 'space.mention',
      category: 'space.mentions',
      target: `post:${row.id}`,
      url: `${core.orbit.publicUrl}/p/${row.id}`,
      text: { en: '{actors} mentioned you in a post', 'zh-CN': '{actors} 在动态中提到了你' },
    });
  }
}
