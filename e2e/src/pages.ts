import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';

export interface NewAccount {
  handle: string;
  displayName: string;
  email: string;
  password: string;
}

/** A new account's details, unique per call. */
export function newAccount(prefix = 'user'): NewAccount {
  const id = randomBytes(4).toString('hex');
  return {
    handle: `${prefix}_${id}`,
    displayName: `${prefix[0]!.toUpperCase()}${prefix.slice(1)} ${id}`,
    email: `${prefix}.${id}@example.test`,
    password: `orbit-e2e-${randomBytes(6).toString('hex')}`,
  };
}

/** Creates an account through the API (outside any browser), for tests that need one to exist. */
export async function createAccount(
  hubUrl: string,
  account: NewAccount,
): Promise<{ id: string; accountNumber: string }> {
  const response = await fetch(new URL('/api/accounts', hubUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(account),
  });
  expect(response.status, await response.clone().text()).toBe(201);
  return ((await response.json()) as { account: { id: string; accountNumber: string } }).account;
}

/** `createAccount`, answering the new account's number. */
export async function createAccountByApi(hubUrl: string, account: NewAccount): Promise<string> {
  return (await createAccount(hubUrl, account)).accountNumber;
}

/** Fills in and sends `/signup`; returns the account number the page then shows. */
export async function signUp(page: Page, account: NewAccount): Promise<string> {
  await page.goto('/signup');
  await page.getByTestId('signup-handle').fill(account.handle);
  await page.getByTestId('signup-display-name').fill(account.displayName);
  await page.getByTestId('signup-email').fill(account.email);
  await page.getByTestId('signup-password').fill(account.password);
  await page.getByTestId('signup-submit').click();
  const shown = page.getByTestId('signup-account-number');
  await shown.waitFor();
  return ((await shown.textContent()) ?? '').trim();
}

/** Fills in and sends `/signin` (identifier: account number, handle or email). */
export async function signIn(page: Page, identifier: string, password: string): Promise<void> {
  await page.goto('/signin');
  await page.getByTestId('signin-identifier').fill(identifier);
  await page.getByTestId('signin-password').fill(password);
  await page.getByTestId('signin-submit').click();
}

/** Path of the page's current URL, e.g. `/account`. */
export function pathOf(page: Page): string {
  return new URL(page.url()).pathname;
}

/** Waits until the page is at `origin` (and at `path`, when given), across origins. */
export const at = (page: Page, origin: string, path?: string) =>
  page.waitForURL((url) => url.origin === origin && (path === undefined || url.pathname === path));

/** Waits until the page has navigated to `path` (client-side routing included). */
export async function waitForPath(page: Page, path: string): Promise<void> {
  await page.waitForURL((url) => url.pathname === path);
}

/** Collects uncaught errors thrown in the page, so a test can assert there were none. */
export function trackPageErrors(page: Page): Error[] {
  const errors: Error[] = [];
  page.on('pageerror', (error) => errors.push(error));
  return errors;
}

/** Checks a screenshot is a real, non-trivial PNG. */
export async function expectPng(path: string): Promise<void> {
  const png = await readFile(path);
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  expect(png.length).toBeGreaterThan(5_000);
}

/**
 * GETs JSON with the context's cookies, through the context's own request client (no new tab: each tab costs
 * Chromium a renderer process, about half a second of CPU). The client pools keep-alive sockets, which the server
 * may close while idle (ECONNRESET): such a failure is retried on a new connection, as Chromium itself does.
 */
// biome-ignore lint/suspicious/noExplicitAny: tests read reply bodies loosely, asserting on their shape
export async function getJson(context: BrowserContext, url: string): Promise<{ status: number; body: any }> {
  const response = await context.request.get(url, { headers: { accept: 'application/json' }, maxRetries: 3 });
  const text = await response.text();
  return { status: response.status(), body: text ? JSON.parse(text) : undefined };
}

/** A new account, created through the API and signed in to the portal in a browser context of its own. */
export interface SignedInPerson {
  account: NewAccount;
  created: { id: string; accountNumber: string };
  context: BrowserContext;
  page: Page;
  /** What its page threw (`trackPageErrors`). */
  errors: Error[];
}

/**
 * One signed-in person per prefix, each in a fresh context (`newContext`), on the account page; the caller closes
 * the contexts. If signing in fails, the contexts made so far are closed.
 */
export async function signedInPeople<const P extends readonly string[]>(
  newContext: (baseURL: string) => Promise<BrowserContext>,
  hubUrl: string,
  prefixes: P,
): Promise<{ [K in keyof P]: SignedInPerson }> {
  const accounts = prefixes.map((prefix) => newAccount(prefix));
  const created = await Promise.all(accounts.map((account) => createAccount(hubUrl, account)));
  const contexts = await Promise.all(accounts.map(() => newContext(hubUrl)));
  try {
    const people = await Promise.all(
      accounts.map(async (account, i): Promise<SignedInPerson> => {
        const context = contexts[i]!;
        const page = await context.newPage();
        const errors = trackPageErrors(page);
        await signIn(page, account.handle, account.password);
        await waitForPath(page, '/account');
        return { account, created: created[i]!, context, page, errors };
      }),
    );
    return people as { [K in keyof P]: SignedInPerson };
  } catch (error) {
    await Promise.all(contexts.map((context) => context.close()));
    throw error;
  }
}
