import { randomUUID } from 'node:crypto';
import { HttpBrowser } from '@orbit/testing';
import type { PurchaseRecord, Sample, SendRecord } from './record.js';

/** The sandbox payment provider's card that always succeeds. */
const SUCCEEDING_CARD = '4242424242424242';
const PASSWORD = 'soak passphrase, long enough 42';
/** How long a user keeps checking that signing out at the hub ended their Mail session. */
const SIGN_OUT_WATCH_MS = 30_000;
/** A client's retries of a write with the same key after no answer or a 5xx: 0.5, 1, 2, 4, 8 s apart. */
const RETRY_DELAYS_MS = [500, 1_000, 2_000, 4_000, 8_000];

const WORDS = (
  'please find the quarterly numbers attached below and let me know what you think about the plan for next ' +
  'week meeting budget review schedule project update notes draft summary agenda team lunch travel'
).split(' ');

/** Everything the virtual users share: where the platform is, and what they write down. */
export class SoakContext {
  readonly samples: Sample[] = [];
  readonly sends: SendRecord[] = [];
  readonly purchases: PurchaseRecord[] = [];
  /** Milliseconds from signing out at the hub until Mail refused the session, and when each sign-out was. */
  readonly signOuts: { at: number; ms: number }[] = [];
  /** Handles of the users signed up so far: whom mail can be sent to. */
  readonly handles: string[] = [];
  /** When each purchase call being answered right now was sent (the `kill-during-purchase` fault waits for one). */
  readonly purchasesInFlight = new Set<{ at: number }>();
  running = true;
  readonly tag = Date.now().toString(36);

  constructor(
    readonly hubUrl: string,
    readonly mailUrl: string,
    readonly thinkMs: number,
  ) {}

  think(): Promise<void> {
    return sleep(this.thinkMs * (0.5 + Math.random()));
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The error code of a JSON error answer (`{ error: { code } }`), when there is one. */
function errorCode(body: unknown): string | undefined {
  const error = (body as { error?: { code?: unknown } } | undefined)?.error;
  return typeof error?.code === 'string' ? error.code : undefined;
}

interface Answer {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: answers are read loosely, checked where used
  body: any;
}

/** One person: a browser (cookies for the hub and Mail), an account once signed up, and whether they are a member. */
export class VirtualUser {
  private browser = new HttpBrowser();
  private account: { id: string; handle: string } | undefined;
  private member = false;

  constructor(
    private readonly ctx: SoakContext,
    private readonly index: number,
  ) {}

  /** Runs journeys until the soak ends. */
  async run(): Promise<void> {
    while (this.ctx.running) {
      await this.journey().catch(() => {
        // A step that failed already wrote its sample; the next journey starts signed out, in a fresh browser.
        this.browser = new HttpBrowser();
      });
      await this.ctx.think();
    }
  }

  /** One request, timed and written down. `ok` says which statuses are what the journey asked for. */
  private async call(
    name: string,
    url: string,
    init: RequestInit,
    ok: (status: number, body: unknown) => boolean,
  ): Promise<Answer> {
    const at = Date.now();
    try {
      const response = await this.browser.fetch(url, init);
      const text = await response.text();
      let body: unknown;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        body = undefined;
      }
      const good = ok(response.status, body);
      this.ctx.samples.push({
        name,
        at,
        ms: Date.now() - at,
        status: response.status,
        ok: good,
        code: good ? undefined : errorCode(body),
      });
      return { status: response.status, body };
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause;
      this.ctx.samples.push({
        name,
        at,
        ms: Date.now() - at,
        status: 0,
        ok: false,
        code: cause?.code ?? (error as Error).name,
      });
      return { status: 0, body: undefined };
    }
  }

  private hubJson(method: string, body?: unknown, headers: Record<string, string> = {}) {
    return {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(this.browser.csrfToken && method !== 'GET' ? { 'x-csrf-token': this.browser.csrfToken } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    };
  }

  private async journey(): Promise<void> {
    const { ctx } = this;
    // 1. Sign up the first time, else sign in with the password.
    if (!this.account) {
      const handle = `soak${ctx.tag}u${this.index}`;
      const reply = await this.call(
        'POST /api/accounts (sign up)',
        `${ctx.hubUrl}/api/accounts`,
        this.hubJson('POST', { handle, displayName: `Soak ${this.index}`, password: PASSWORD }),
        (status) => status === 201,
      );
      if (reply.status !== 201) {
        // A sign-up whose answer was lost may have happened: the handle is then taken, and signing in works.
        if (reply.status === 0 || reply.status >= 500) this.account = { id: '', handle };
        throw new Error('sign-up failed');
      }
      this.account = { id: reply.body.account.id, handle };
      this.browser.csrfToken = reply.body.csrfToken;
      ctx.handles.push(handle);
    } else {
      const reply = await this.call(
        'POST /api/sessions (sign in)',
        `${ctx.hubUrl}/api/sessions`,
        this.hubJson('POST', { identifier: this.account.handle, password: PASSWORD }),
        (status) => status === 200,
      );
      if (reply.status !== 200) throw new Error('sign-in failed');
      this.browser.csrfToken = reply.body.csrfToken;
      if (!this.account.id) {
        this.account.id = reply.body.account?.id ?? '';
        ctx.handles.push(this.account.handle);
      }
    }
    await ctx.think();

    // 2. Open Mail: single sign-on through the hub (authorize, the code back to Mail, its session).
    await this.openMail();
    await ctx.think();

    // 3. A few rounds of writing and reading mail.
    const rounds = 2 + Math.floor(Math.random() * 3);
    for (let round = 0; round < rounds && ctx.running; round++) {
      if (Math.random() < 0.7) await this.send();
      await ctx.think();
      const list = await this.call(
        'GET /api/messages (inbox)',
        `${ctx.mailUrl}/api/messages?folder=inbox&limit=20`,
        {},
        (status) => status === 200,
      );
      const messages = (list.body?.messages ?? []) as { id: string }[];
      await ctx.think();
      if (messages.length > 0 && Math.random() < 0.6) {
        const pick = messages[Math.floor(Math.random() * messages.length)]!;
        await this.call(
          'GET /api/messages/:id (read)',
          `${ctx.mailUrl}/api/messages/${pick.id}`,
          {},
          (status) => status === 200,
        );
        await ctx.think();
      }
    }

    // 4. Now and then, buy a membership (once per user).
    if (!this.member && Math.random() < 0.3) {
      await this.buy();
      await ctx.think();
    }

    // 5. Sign out at the hub, and watch Mail's session end by back-channel logout.
    await this.signOut();
  }

  private async openMail(): Promise<void> {
    const { ctx } = this;
    const at = Date.now();
    let status = 0;
    let code: string | undefined;
    try {
      const visit = await this.browser.navigate(`${ctx.mailUrl}/`);
      status = visit.response.status;
      if (visit.url !== `${ctx.mailUrl}/` && status === 200) {
        status = 0;
        code = `ended at ${new URL(visit.url).pathname}`;
      } else if (status !== 200) {
        // Where it stopped, and the error code when the answer was the JSON error shape.
        let body: unknown;
        try {
          body = JSON.parse(visit.text);
        } catch {
          body = undefined;
        }
        code = `${errorCode(body) ?? 'page'} at ${new URL(visit.url).pathname}`;
      }
    } catch (error) {
      code = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message.slice(0, 60);
    }
    ctx.samples.push({
      name: 'GET / at Mail (single sign-on)',
      at,
      ms: Date.now() - at,
      status,
      ok: status === 200,
      code: status === 200 ? undefined : code,
    });
    if (status !== 200) throw new Error('single sign-on failed');
    const me = await this.call('GET /api/me (Mail)', `${ctx.mailUrl}/api/me`, {}, (s) => s === 200);
    if (me.status !== 200) throw new Error('Mail did not sign in');
  }

  /** Sends with an Idempotency-Key, retrying with the same key when no answer (or a 5xx) came. */
  private async send(): Promise<void> {
    const { ctx } = this;
    const others = ctx.handles.filter((h) => h !== this.account?.handle);
    if (others.length === 0) return;
    const count = Math.random() < 0.8 ? 1 : 2;
    const to = [
      ...new Set(Array.from({ length: count }, () => others[Math.floor(Math.random() * others.length)]!)),
    ];
    const key = randomUUID();
    const record: SendRecord = { key, subject: `soak ${key}`, recipients: to.length, answers: [] };
    ctx.sends.push(record);
    const words = Array.from({ length: 30 }, () => WORDS[Math.floor(Math.random() * WORDS.length)]!);
    const payload = { to, subject: record.subject, bodyText: `Hello,\n\n${words.join(' ')}.\n` };
    const once = (name: string) =>
      this.call(
        name,
        `${ctx.mailUrl}/api/send`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': key },
          body: JSON.stringify(payload),
        },
        (status) => status === 201 || status === 200,
      ).then((reply) => {
        if (reply.status === 200 || reply.status === 201) record.answers.push(reply.body.message.id);
        return reply;
      });
    const roll = Math.random();
    if (roll < 0.05) {
      // A double click: two sends with one key at the same moment.
      await Promise.all([once('POST /api/send'), once('POST /api/send (twin)')]);
    } else {
      await this.withRetries(
        () => once('POST /api/send'),
        () => once('POST /api/send (retry)'),
      );
      // A client that didn't see its answer sends again: the same message, not a second one.
      if (roll < 0.15 && record.answers.length > 0) await once('POST /api/send (repeat)');
    }
  }

  /** `first`, then `retry` while there is no answer, a 5xx, or an "in progress"; gives up after five retries. */
  private async withRetries(first: () => Promise<Answer>, retry: () => Promise<Answer>) {
    let reply = await first();
    for (const delay of RETRY_DELAYS_MS) {
      const again =
        reply.status === 0 || reply.status >= 500 || errorCode(reply.body)?.endsWith('in_progress');
      if (!again || !this.ctx.running) break;
      await sleep(delay);
      reply = await retry();
    }
    return reply;
  }

  private async buy(): Promise<void> {
    const { ctx } = this;
    const key = randomUUID();
    const record: PurchaseRecord = { accountId: this.account!.id, key, answers: [] };
    const body = {
      tierId: 'vip',
      period: 'month',
      currency: 'CNY',
      card: { number: SUCCEEDING_CARD, expMonth: 12, expYear: new Date().getUTCFullYear() + 3, cvc: '123' },
    };
    let serverFailed = false;
    const once = async (name: string) => {
      const inFlight = { at: Date.now() };
      ctx.purchasesInFlight.add(inFlight);
      try {
        const reply = await this.call(
          name,
          `${ctx.hubUrl}/api/me/subscriptions`,
          this.hubJson('POST', body, { 'idempotency-key': key }),
          (status, answer) =>
            status === 201 ||
            status === 200 ||
            // Bought already (an earlier purchase whose answer was lost was settled meanwhile).
            (status === 409 && errorCode(answer) === 'membership.already_subscribed'),
        );
        if (reply.status === 201 || reply.status === 200) {
          record.answers.push(reply.body.subscription.id);
          this.member = true;
        } else if (errorCode(reply.body) === 'membership.already_subscribed') {
          this.member = true;
        } else if (reply.status === 0 || reply.status >= 500) {
          serverFailed = true;
        }
        return reply;
      } finally {
        ctx.purchasesInFlight.delete(inFlight);
      }
    };
    await this.withRetries(
      () => once('POST /api/me/subscriptions (buy)'),
      () => once('POST /api/me/subscriptions (retry)'),
    );
    if (record.answers.length > 0 && Math.random() < 0.1) await once('POST /api/me/subscriptions (repeat)');
    // A clean refusal changes nothing; anything else is a write to account for.
    if (record.answers.length > 0 || serverFailed) ctx.purchases.push(record);
  }

  private async signOut(): Promise<void> {
    const { ctx } = this;
    const reply = await this.call(
      'DELETE /api/sessions/current (sign out)',
      `${ctx.hubUrl}/api/sessions/current`,
      this.hubJson('DELETE'),
      (status) => status === 204,
    );
    if (reply.status !== 204) throw new Error('sign-out failed');
    const signedOut = Date.now();
    while (Date.now() - signedOut < SIGN_OUT_WATCH_MS) {
      const me = await this.call(
        'GET /api/me (Mail, after sign-out)',
        `${ctx.mailUrl}/api/me`,
        {},
        (status) => status === 200 || status === 401,
      );
      if (me.status === 401) {
        ctx.signOuts.push({ at: signedOut, ms: Date.now() - signedOut });
        return;
      }
      await sleep(100);
    }
    ctx.signOuts.push({ at: signedOut, ms: SIGN_OUT_WATCH_MS });
  }
}
