import { describe, expect, it } from 'vitest';
import {
  type AccountPurchaseRows,
  checkLedger,
  faultReport,
  type MessageRow,
  percentile,
  requestStats,
  type Sample,
  type SendRecord,
  unexplainedFailures,
} from './record.js';

const sample = (over: Partial<Sample>): Sample => ({
  name: 'GET /x',
  at: 0,
  ms: 10,
  status: 200,
  ok: true,
  ...over,
});

describe('the soak’s arithmetic', () => {
  it('takes percentiles by rank', () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(sorted, 50)).toBe(50);
    expect(percentile(sorted, 99)).toBe(99);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 99)).toBe(0);
  });

  it('counts requests and failures per name, busiest first', () => {
    const stats = requestStats([
      sample({ name: 'a', ms: 5 }),
      sample({ name: 'b', ms: 1 }),
      sample({ name: 'b', ms: 9, status: 503, ok: false }),
    ]);
    expect(stats.map((s) => [s.name, s.count, s.failures, s.max])).toEqual([
      ['b', 2, 1, 9],
      ['a', 1, 0, 5],
    ]);
  });

  it('lays server failures at a fault’s door only while it lasts, plus the recovery allowance', () => {
    const fault = { fault: 'db-restart', startedAt: 10_000, endedAt: 12_000 };
    const failures = [
      sample({ at: 9_500, ms: 600, status: 503, ok: false, code: 'service.unavailable' }),
      sample({ at: 12_500, ms: 100, status: 0, ok: false, code: 'ECONNREFUSED' }),
      sample({ at: 30_000, ms: 10, status: 503, ok: false }),
      // A refusal the request deserved is no server failure.
      sample({ at: 11_000, ms: 10, status: 409, ok: false }),
    ];
    expect(unexplainedFailures(failures, [fault]).map((s) => s.at)).toEqual([30_000]);
    const report = faultReport(failures, fault);
    expect(report.errorWindowMs).toBe(12_600 - 9_500);
    expect(report.servingAgainAfterMs).toBe(600);
    expect(report.failures).toEqual([
      ['503 service.unavailable', 1],
      ['ECONNREFUSED', 1],
    ]);
  });
});

describe('the ledger check', () => {
  const send = (key: string, answers: string[], recipients = 1): SendRecord => ({
    key,
    subject: `soak ${key}`,
    recipients,
    answers,
  });
  const copies = (key: string, sentId: string, inboxOwners: string[]): MessageRow[] => [
    { subject: `soak ${key}`, ownerSub: 'sender', folder: 'sent', id: sentId },
    ...inboxOwners.map((owner, i) => ({
      subject: `soak ${key}`,
      ownerSub: owner,
      folder: 'inbox',
      id: `${sentId}-${i}`,
    })),
  ];

  it('passes whole, single writes — an unanswered one may be absent or whole', () => {
    const check = checkLedger(
      [send('a', ['m1', 'm1']), send('b', [], 2), send('c', [])],
      [{ accountId: 'u1', key: 'k', answers: ['s1'] }],
      [...copies('a', 'm1', ['r1']), ...copies('b', 'm2', ['r1', 'r2'])],
      [{ accountId: 'u1', charges: 1, subscriptions: ['s1'], pending: 0 }],
    );
    expect(check).toMatchObject({ sendsAccepted: 1, sendsUnanswered: 2, purchasesAccepted: 1 });
    expect([...check.lost, ...check.doubled, ...check.pending]).toEqual([]);
  });

  it('finds an accepted send that is missing, or missing a recipient’s copy', () => {
    const check = checkLedger([send('a', ['m1']), send('b', ['m2'], 2)], [], copies('b', 'm2', ['r1']), []);
    expect(check.lost).toHaveLength(2);
  });

  it('finds a send stored twice, or answered with two messages for one key', () => {
    const check = checkLedger(
      [send('a', ['m1']), send('b', ['m2', 'm3'])],
      [],
      [...copies('a', 'm1', ['r1']), ...copies('a', 'm9', ['r1']), ...copies('b', 'm2', ['r1'])],
      [],
    );
    expect(check.doubled).toHaveLength(2);
  });

  it('finds a purchase charged twice, one lost, one answered but not held, and one left pending', () => {
    const rows: AccountPurchaseRows[] = [
      { accountId: 'twice', charges: 2, subscriptions: ['s1'], pending: 0 },
      { accountId: 'lost', charges: 0, subscriptions: [], pending: 0 },
      { accountId: 'other', charges: 1, subscriptions: ['s9'], pending: 0 },
      { accountId: 'pending', charges: 0, subscriptions: [], pending: 1 },
    ];
    const check = checkLedger(
      [],
      [
        { accountId: 'twice', key: 'k1', answers: ['s1'] },
        { accountId: 'lost', key: 'k2', answers: ['s2'] },
        { accountId: 'other', key: 'k3', answers: ['s3'] },
        { accountId: 'pending', key: 'k4', answers: [] },
      ],
      [],
      rows,
    );
    expect(check.doubled).toEqual([expect.stringContaining('twice')]);
    expect(check.lost).toEqual([expect.stringContaining('lost'), expect.stringContaining('other')]);
    expect(check.pending).toEqual([expect.stringContaining('pending')]);
  });
});
