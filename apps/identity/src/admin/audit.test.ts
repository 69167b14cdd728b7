import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditActor } from '../kernel/actor.js';
import { createClients } from '../oidc/index.js';
import { createServiceRegistry } from '../services/index.js';
import { testManifest } from '../services/testkit.js';
import { newStaff, type Staff } from '../test/admin.js';
import { startTestHub, type TestHub } from '../test/hub.js';
import { createAuditLog } from './audit.js';

const cli = (label: string): AuditActor => ({
  accountId: null,
  label,
  via: 'cli',
  ip: null,
  userAgent: 'orbit-cli',
});

describe('the audit log', () => {
  let hub: TestHub;
  let admin: Staff;
  let support: Staff;
  const t0 = new Date('2020-05-01T10:00:00Z');

  beforeAll(async () => {
    hub = await startTestHub();
    await hub.services.serviceRegistry.register(testManifest());
    admin = await newStaff(hub, ['admin'], { handle: 'auditboss' });
    support = await newStaff(hub, ['support']);
    // A history to search: five entries, one hour apart, long ago.
    const entries = [
      [cli('alice'), { action: 'client.created', target: { type: 'client', id: 'news', label: 'News' } }],
      [
        cli('alice'),
        { action: 'client.secret_rotated', target: { type: 'client', id: 'news', label: 'News' } },
      ],
      [cli('bob'), { action: 'service.disabled', target: { type: 'service', id: 'mail', label: 'Mail' } }],
      [cli('bob'), { action: 'tier.created', target: { type: 'tier', id: 'gold', label: 'Gold 100%' } }],
      [cli('carol'), { action: 'keys.rotated' }],
    ] as const;
    for (const [i, [actor, entry]] of entries.entries()) {
      await createAuditLog({
        db: hub.db,
        clock: { now: () => new Date(t0.getTime() + i * 3_600_000) },
      }).record(hub.db, actor, entry);
    }
  });
  afterAll(async () => {
    await hub.close();
  });

  const search = (browser: Staff['browser'], query: string) =>
    browser.request('GET', `/api/admin/audit?${query}`);
  const actions = (reply: { body: { entries: { action: string }[] } }) =>
    reply.body.entries.map((e) => e.action);

  it('lists entries newest first, in the contract shape', async () => {
    const reply = await search(admin.browser, 'actor=alice');
    expect(reply.status).toBe(200);
    expect(reply.headers.get('cache-control')).toBe('no-store');
    expect(reply.body).toEqual({
      entries: [
        {
          id: expect.any(Number),
          at: '2020-05-01T11:00:00.000Z',
          actor: { accountId: null, label: 'alice', via: 'cli' },
          action: 'client.secret_rotated',
          target: { type: 'client', id: 'news', label: 'News' },
          details: {},
          ip: null,
          userAgent: 'orbit-cli',
        },
        expect.objectContaining({ action: 'client.created', at: '2020-05-01T10:00:00.000Z' }),
      ],
      nextBefore: null,
    });
    const keys = (await search(admin.browser, 'action=keys.rotated')).body.entries[0];
    expect(keys.target).toBeNull();
  });

  it('filters by text, actor, action (or prefix), target and time range', async () => {
    expect(actions(await search(admin.browser, 'q=NEWS'))).toEqual([
      'client.secret_rotated',
      'client.created',
    ]);
    expect(actions(await search(admin.browser, 'q=gold%20100%25'))).toEqual(['tier.created']);
    // `%` and `_` match literally, not as wildcards.
    expect(actions(await search(admin.browser, 'q=%25'))).toEqual(['tier.created']);
    expect(actions(await search(admin.browser, 'q=g_ld'))).toEqual([]);
    expect(actions(await search(admin.browser, 'q=bob'))).toEqual(['tier.created', 'service.disabled']);
    expect(actions(await search(admin.browser, 'action=client.*'))).toEqual([
      'client.secret_rotated',
      'client.created',
    ]);
    expect(actions(await search(admin.browser, 'target=mail'))).toEqual(['service.disabled']);
    expect(actions(await search(admin.browser, 'from=2020-05-01T11:00:00Z&to=2020-05-01T13:00:00Z'))).toEqual(
      ['service.disabled', 'client.secret_rotated'],
    );
    expect(actions(await search(admin.browser, 'actor=bob&action=tier.created&from=2020-05-01'))).toEqual([
      'tier.created',
    ]);
    expect(
      actions(await search(admin.browser, 'q=&actor=&action=&target=&from=&to=&before=&limit=')),
    ).toContain('keys.rotated');
  });

  it('finds a console actor by account id or by handle', async () => {
    await admin.browser.request('POST', `/api/admin/accounts/${support.account.id}/roles`, { role: 'admin' });
    for (const actor of [admin.account.id, 'auditboss', '@auditboss', '@AuditBoss']) {
      const reply = await search(support.browser, `actor=${encodeURIComponent(actor)}`);
      expect(actions(reply), actor).toEqual(['role.granted']);
      expect(reply.body.entries[0].actor).toEqual({
        accountId: admin.account.id,
        label: '@auditboss',
        via: 'console',
      });
    }
  });

  it('pages with before and limit until nextBefore is null', async () => {
    const seen: number[] = [];
    let before: number | null = null;
    for (let page = 0; page < 10; page++) {
      const reply = await search(admin.browser, `limit=2${before ? `&before=${before}` : ''}`);
      seen.push(...reply.body.entries.map((e: { id: number }) => e.id));
      expect(reply.body.entries.length).toBeLessThanOrEqual(2);
      before = reply.body.nextBefore;
      if (before === null) break;
    }
    const all = (await search(admin.browser, 'limit=200')).body.entries.map((e: { id: number }) => e.id);
    expect(seen).toEqual(all);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('answers bad input with a 400, never a 500', async () => {
    for (const query of [
      'limit=0',
      'limit=201',
      'limit=ten',
      'before=-1',
      'before=1.5',
      'from=yesterday',
      'to=2020-13-01',
      'from=2020-05-02&to=2020-05-01',
      'action=DROP%20TABLE',
      `q=${'x'.repeat(201)}`,
    ]) {
      const reply = await search(admin.browser, query);
      expect(reply.status, query).toBe(400);
      expect(reply.body.error.code, query).toBe('request.invalid');
    }
  });

  it('commits an entry with its action and rolls it back with it', async () => {
    const { audit } = hub.services;
    const before = (await audit.search({ action: 'test.*' })).entries.length;
    await expect(
      audit.transaction(
        cli('dave'),
        async () => {
          throw new Error('the action failed');
        },
        () => ({ action: 'test.failed' }),
      ),
    ).rejects.toThrow('the action failed');
    expect((await audit.search({ action: 'test.*' })).entries).toHaveLength(before);
  });

  it('undoes an admin write when its audit entry fails', async () => {
    const badActor = { ...cli('eve'), via: 'telepathy' } as unknown as AuditActor;
    await expect(
      hub.services.audit.transaction(
        badActor,
        (tx) =>
          createServiceRegistry({
            db: tx,
            clock: hub.clock,
            clients: createClients({ db: tx, clock: hub.clock }),
          }).setDisabled('mail', true),
        (service) => ({ action: 'service.disabled', target: { type: 'service', id: service.id } }),
      ),
    ).rejects.toThrow();
    expect((await hub.services.serviceRegistry.get('mail'))?.disabled).toBe(false);
  });

  it('keeps entries unchanged: the table refuses updates', async () => {
    const error = await hub.db
      .execute('update identity.audit_log set action = $$forged$$')
      .catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect(String((error as Error & { cause?: unknown }).cause ?? error)).toMatch(/append-only/);
  });

  it('records console writes with who, what, to whom, when and from where', async () => {
    await admin.stepUp();
    expect((await admin.browser.request('POST', '/api/admin/services/mail/disable')).status).toBe(200);
    const rotated = await admin.browser.request('POST', '/api/admin/services/mail/rotate-secret', {
      graceHours: 2,
    });
    expect(rotated.status).toBe(200);
    const [rotation, disabling] = (await search(admin.browser, 'target=mail&action=service.*')).body.entries;
    expect(disabling).toMatchObject({
      action: 'service.disabled',
      actor: { accountId: admin.account.id, label: '@auditboss', via: 'console' },
      target: { type: 'service', id: 'mail', label: 'Mail' },
      ip: '203.0.113.10',
    });
    expect(rotation).toMatchObject({
      action: 'service.secret_rotated',
      details: { previousSecretExpiresAt: expect.any(String) },
    });
    expect(JSON.stringify(rotation)).not.toContain(rotated.body.clientSecret);
  });
});
