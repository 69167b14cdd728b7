/** What the soak writes down as it runs, and the plain arithmetic over it (no I/O: tested on its own). */

/** One HTTP request a virtual user made. */
export interface Sample {
  /** The request as the report names it, e.g. `POST /api/send`. */
  name: string;
  /** When it was sent (epoch ms) and how long its answer took. */
  at: number;
  ms: number;
  /** The HTTP status; 0 when no answer came (the connection was refused or reset). */
  status: number;
  /** Whether the journey got what it asked for (a 401 after sign-out is what it asked for). */
  ok: boolean;
  /** For a failure: the error code of the answer, or the socket error's code. */
  code?: string | undefined;
}

/** A fault as injected: when it began and when what it broke was back (the server up, the process ready). */
export interface FaultWindow {
  fault: string;
  startedAt: number;
  endedAt: number;
}

/** How long after a fault ends the platform may take to serve every request again (issue 18). */
export const RECOVERY_LIMIT_MS = 5_000;

export const percentile = (sorted: readonly number[], p: number): number =>
  sorted.length === 0
    ? 0
    : sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;

/** A failure's kind for the report: `503 service.unavailable`, `500`, `ECONNREFUSED`. */
export const kindOf = (s: Sample): string =>
  s.status === 0 ? (s.code ?? 'no answer') : s.code ? `${s.status} ${s.code}` : String(s.status);

/** Whether a failure is the server's fault (5xx, or no answer), not the request's. */
export const isServerFailure = (s: Sample): boolean => !s.ok && (s.status === 0 || s.status >= 500);

export interface RequestStats {
  name: string;
  count: number;
  failures: number;
  p50: number;
  p99: number;
  max: number;
}

/** Count, failures and latency per request name, busiest first. */
export function requestStats(samples: readonly Sample[]): RequestStats[] {
  const byName = new Map<string, Sample[]>();
  for (const s of samples) {
    const list = byName.get(s.name);
    if (list) list.push(s);
    else byName.set(s.name, [s]);
  }
  return [...byName.entries()]
    .map(([name, list]) => {
      const ms = list.map((s) => s.ms).sort((a, b) => a - b);
      return {
        name,
        count: list.length,
        failures: list.filter((s) => !s.ok).length,
        p50: percentile(ms, 50),
        p99: percentile(ms, 99),
        max: ms.at(-1) ?? 0,
      };
    })
    .sort((a, b) => b.count - a.count);
}

/** Failures by kind, most first. */
export function failuresByKind(samples: readonly Sample[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const s of samples) if (!s.ok) counts.set(kindOf(s), (counts.get(kindOf(s)) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1]);
}

/**
 * A request belongs to a fault when it was in flight between the fault's start (less a second: a request sent
 * just before meets it) and the end of the recovery allowance after the fault ended.
 */
export const duringFault = (s: Sample, f: FaultWindow): boolean =>
  s.at + s.ms >= f.startedAt - 1_000 && s.at <= f.endedAt + RECOVERY_LIMIT_MS;

export interface FaultReport extends FaultWindow {
  /** Server failures that met the fault, by kind. */
  failures: [string, number][];
  /** From the first server failure to the end of the last, or 0 when none failed. */
  errorWindowMs: number;
  /** How long after the fault ended the last server failure ended (0: none after it ended). */
  servingAgainAfterMs: number;
}

export function faultReport(samples: readonly Sample[], fault: FaultWindow): FaultReport {
  const failed = samples.filter((s) => isServerFailure(s) && duringFault(s, fault));
  if (failed.length === 0) return { ...fault, failures: [], errorWindowMs: 0, servingAgainAfterMs: 0 };
  const first = Math.min(...failed.map((s) => s.at));
  const lastEnd = Math.max(...failed.map((s) => s.at + s.ms));
  return {
    ...fault,
    failures: failuresByKind(failed),
    errorWindowMs: lastEnd - first,
    servingAgainAfterMs: Math.max(0, lastEnd - fault.endedAt),
  };
}

/** Server failures that no fault explains: each is a defect. */
export const unexplainedFailures = (samples: readonly Sample[], faults: readonly FaultWindow[]): Sample[] =>
  samples.filter((s) => isServerFailure(s) && !faults.some((f) => duringFault(s, f)));

/** Every send the soak made with one key: each answer's message id (sender's copy), or the failure. */
export interface SendRecord {
  key: string;
  /** The subject carries the key, so every copy of the message can be found by it. */
  subject: string;
  /** How many recipients it was addressed to (distinct accounts other than the sender). */
  recipients: number;
  /** The message ids of the successful answers (every one must be the same). */
  answers: string[];
}

/** Every purchase call the soak made with one key. */
export interface PurchaseRecord {
  accountId: string;
  key: string;
  /** The subscription ids of the successful answers (every one must be the same). */
  answers: string[];
}

/** One copy of a soak message in the database. */
export interface MessageRow {
  subject: string;
  ownerSub: string;
  folder: string;
  id: string;
}

/** One account's purchase records in the database. */
export interface AccountPurchaseRows {
  accountId: string;
  /** Ledger `charge` entries. */
  charges: number;
  /** Subscriptions bought (source `purchase`), by id. */
  subscriptions: string[];
  /** Idempotency records still `pending`. */
  pending: number;
}

export interface LedgerCheck {
  sendsAccepted: number;
  sendsUnanswered: number;
  purchasesAccepted: number;
  purchasesUnanswered: number;
  /** Accepted writes that are missing (or only partly there), with why. */
  lost: string[];
  /** Writes present more than once, or answered differently for one key. */
  doubled: string[];
  /** Purchases a crash left pending. */
  pending: string[];
}

/**
 * Checks the soak's own ledger against the database. An accepted send (any 2xx) must exist exactly once: one copy
 * in the sender's Sent and one in each recipient's Inbox, the sender's being the id every answer gave. A send no
 * answer accepted may exist (its answer was lost to the fault) but then whole and once. An accepted purchase must
 * be exactly one charge and one subscription, the one answered; every answer for one key must be the same.
 */
export function checkLedger(
  sends: readonly SendRecord[],
  purchases: readonly PurchaseRecord[],
  messages: readonly MessageRow[],
  accounts: readonly AccountPurchaseRows[],
): LedgerCheck {
  const check: LedgerCheck = {
    sendsAccepted: 0,
    sendsUnanswered: 0,
    purchasesAccepted: 0,
    purchasesUnanswered: 0,
    lost: [],
    doubled: [],
    pending: [],
  };
  const bySubject = new Map<string, MessageRow[]>();
  for (const row of messages) {
    const list = bySubject.get(row.subject);
    if (list) list.push(row);
    else bySubject.set(row.subject, [row]);
  }
  for (const send of sends) {
    const rows = bySubject.get(send.subject) ?? [];
    const sent = rows.filter((r) => r.folder === 'sent');
    const inbox = rows.filter((r) => r.folder === 'inbox');
    const owners = new Set(inbox.map((r) => r.ownerSub));
    const accepted = send.answers.length > 0;
    if (accepted) check.sendsAccepted++;
    else check.sendsUnanswered++;
    if (new Set(send.answers).size > 1) {
      check.doubled.push(`send ${send.key}: answered with ${new Set(send.answers).size} different messages`);
    }
    if (sent.length > 1 || inbox.length > send.recipients || owners.size < inbox.length) {
      check.doubled.push(`send ${send.key}: ${sent.length} sent and ${inbox.length} inbox copies`);
      continue;
    }
    const whole = sent.length === 1 && inbox.length === send.recipients;
    const absent = rows.length === 0;
    if (accepted && !whole) {
      check.lost.push(
        `send ${send.key}: accepted, but ${sent.length} sent and ${inbox.length} of ${send.recipients} inbox copies`,
      );
    } else if (accepted && sent[0]!.id !== send.answers[0]) {
      check.lost.push(
        `send ${send.key}: answered message ${send.answers[0]}, but the sent copy is ${sent[0]!.id}`,
      );
    } else if (!accepted && !whole && !absent) {
      check.lost.push(`send ${send.key}: unanswered and only partly there (${rows.length} copies)`);
    }
  }
  const rowsOf = new Map(accounts.map((a) => [a.accountId, a]));
  const keysOf = new Map<string, PurchaseRecord[]>();
  for (const p of purchases) {
    const list = keysOf.get(p.accountId);
    if (list) list.push(p);
    else keysOf.set(p.accountId, [p]);
  }
  for (const [accountId, records] of keysOf) {
    const rows = rowsOf.get(accountId) ?? { accountId, charges: 0, subscriptions: [], pending: 0 };
    const answered = records.flatMap((r) => r.answers);
    for (const r of records) {
      if (r.answers.length > 0) check.purchasesAccepted++;
      else check.purchasesUnanswered++;
      if (new Set(r.answers).size > 1) {
        check.doubled.push(
          `purchase ${r.key}: answered with ${new Set(r.answers).size} different subscriptions`,
        );
      }
    }
    if (rows.pending > 0)
      check.pending.push(`account ${accountId}: ${rows.pending} purchase(s) still pending`);
    // Each virtual user buys one membership: more than one charge or subscription is a double.
    if (rows.charges > 1 || rows.subscriptions.length > 1) {
      check.doubled.push(
        `account ${accountId}: ${rows.charges} charges and ${rows.subscriptions.length} subscriptions`,
      );
      continue;
    }
    if (rows.charges !== rows.subscriptions.length) {
      check.lost.push(
        `account ${accountId}: ${rows.charges} charge(s) but ${rows.subscriptions.length} subscription(s)`,
      );
    } else if (
      answered.length > 0 &&
      (rows.subscriptions.length === 0 || rows.subscriptions[0] !== answered[0])
    ) {
      check.lost.push(
        `account ${accountId}: answered subscription ${answered[0]}, but holds ${rows.subscriptions[0] ?? 'none'}`,
      );
    }
  }
  return check;
}
