import { jobs } from '@orbit/jobs';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHousekeeping } from '../housekeeping/index.js';
import { startTestHub, type TestHub } from '../test/hub.js';
import { EMAIL_QUEUE } from './email.js';
import { messagesTo } from './testkit.js';

const DAY_MS = 24 * 60 * 60_000;

describe('how long mail is kept', () => {
  let hub: TestHub;

  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(async () => {
    await hub.close();
  });

  const send = (to: string) =>
    hub.services.email.send({
      to,
      locale: 'en',
      template: 'email_verify',
      data: { displayName: 'Ada', link: 'http://localhost:4000/verify-email?token=t', expiresHours: 24 },
    });

  it('deletes sent messages 30 days after they were queued, with the body the outbox kept', async () => {
    const housekeeping = createHousekeeping({ db: hub.db, clock: hub.clock, config: hub.config });
    const old = await send('old@example.org');
    await hub.services.email.deliverDue();
    hub.clock.advance(29 * DAY_MS);
    await send('recent@example.org');
    await hub.services.email.deliverDue();
    await housekeeping();
    expect(await messagesTo(hub, 'old@example.org')).toHaveLength(1);

    hub.clock.advance(2 * DAY_MS);
    const removed = await housekeeping();
    expect(removed.emailMessages).toBe(1);
    expect(await messagesTo(hub, 'old@example.org')).toEqual([]);
    // Its delivery job goes with it.
    expect(removed.emailJobs).toBe(1);
    const left = await hub.db
      .select({ id: jobs.id })
      .from(jobs)
      .where(and(eq(jobs.queue, EMAIL_QUEUE), sql`${jobs.payload}->>'messageId' = ${String(old)}`));
    expect(left).toEqual([]);
    expect(await messagesTo(hub, 'recent@example.org')).toHaveLength(1);
  });

  it('keeps a message still waiting to be delivered, however old', async () => {
    const housekeeping = createHousekeeping({ db: hub.db, clock: hub.clock, config: hub.config });
    await send('waiting@example.org');
    hub.clock.advance(40 * DAY_MS);
    await housekeeping();
    const [row] = await messagesTo(hub, 'waiting@example.org');
    expect(row?.status).toBe('queued');
  });
});
