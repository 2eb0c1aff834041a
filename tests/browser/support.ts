import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, inject } from 'vitest';
import { CHROMIUM } from './global-setup.ts';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export const baseUrl = () => inject('baseUrl');
export const adminCredentials = () => ({ login: inject('adminLogin'), password: inject('adminPassword') });

export type Lang = 'kk' | 'ru' | 'en';
export const LANGS: Lang[] = ['kk', 'ru', 'en'];

/** Unique enough for names and logins in one run against one database. */
export const uniq = (prefix = 'b') => `${prefix}${randomBytes(5).toString('hex')}`;

// ---------------------------------------------------------------------------------------
// Interface texts: tests find elements by the words a person reads, taken from the web
// app's own translation files, so a test says "the button labelled t('auth.signIn')".

const dictionaries = new Map<Lang, Record<string, unknown>>();

function dictionary(lang: Lang): Record<string, unknown> {
  let d = dictionaries.get(lang);
  if (!d) {
    // kk.json, plus any per-area file such as academics.kk.json, which the web app merges
    // under its area's key (academics.*).
    const dir = path.join(root, 'apps/web/src/i18n');
    d = {};
    for (const file of fs.readdirSync(dir).sort()) {
      const texts = () =>
        JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as Record<string, unknown>;
      if (file === `${lang}.json`) merge(d, texts());
      else if (file.endsWith(`.${lang}.json`))
        merge(d, { [file.slice(0, -`.${lang}.json`.length)]: texts() });
    }
    dictionaries.set(lang, d);
  }
  return d;
}

function merge(into: Record<string, unknown>, from: Record<string, unknown>) {
  for (const [k, v] of Object.entries(from)) {
    const existing = into[k];
    if (v && typeof v === 'object' && existing && typeof existing === 'object') {
      merge(existing as Record<string, unknown>, v as Record<string, unknown>);
    } else into[k] = v;
  }
}

/** The interface text for a dotted key, with {{param}} filled in; throws for an unknown key. */
export function t(lang: Lang, key: string, params: Record<string, string | number> = {}): string {
  let node: unknown = dictionary(lang);
  for (const part of key.split('.')) {
    node = node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined;
  }
  if (typeof node !== 'string')
    throw new Error(`No ${lang} text for "${key}" in apps/web/src/i18n/*${lang}.json`);
  return node.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => String(params[name] ?? `{{${name}}}`));
}

/** A regular expression matching the whole text exactly (for getByRole's name). */
export const exact = (text: string) => new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);

// ---------------------------------------------------------------------------------------
// Browser: one Chromium per test file, a fresh context (cookies, storage) per test.

export type BrowserFixture = {
  /** A new page in a fresh context; closed after the test. */
  newPage(opts?: { locale?: string }): Promise<Page>;
};

export function setUpBrowser(): BrowserFixture {
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--disable-sync',
        '--disable-quic',
      ],
    });
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail') await describePages(contexts);
    for (const c of contexts.splice(0)) await c.close().catch(() => {});
    const errors = pageErrors.splice(0);
    // An uncaught exception in the app is a bug even when the page looks right.
    expect(errors, 'uncaught errors in the page').toEqual([]);
  });
  afterAll(async () => {
    await browser?.close();
  });

  return {
    async newPage(opts = {}) {
      if (!browser) throw new Error('setUpBrowser() must be called at the top level of the test file');
      const context = await browser.newContext({
        baseURL: baseUrl(),
        locale: opts.locale ?? 'kk-KZ',
        timezoneId: 'Asia/Almaty',
        reducedMotion: 'reduce',
        viewport: { width: 1280, height: 900 },
      });
      context.setDefaultTimeout(15_000);
      contexts.push(context);
      const page = await context.newPage();
      page.on('pageerror', (err) => pageErrors.push(`${page.url()}: ${err.message}`));
      return page;
    },
  };
}

/** After a failure: where each page was and what a screen reader would have found there. */
async function describePages(contexts: BrowserContext[]) {
  for (const context of contexts) {
    for (const page of context.pages()) {
      const snapshot = await page
        .locator('body')
        .ariaSnapshot({ timeout: 2000 })
        .catch((err: Error) => `(no snapshot: ${err.message})`);
      console.error(`--- page at ${page.url()} when the test failed:\n${snapshot.slice(0, 4000)}`);
    }
  }
}

// ---------------------------------------------------------------------------------------
// Accessibility: axe-core on every page a test visits.

const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

type AxeNode = { target: unknown[]; html: string; failureSummary?: string };
type AxeViolation = { id: string; impact: string | null; help: string; helpUrl: string; nodes: AxeNode[] };

/** Runs axe-core on the page as it is now and fails the test on any violation, listing them. */
export async function expectNoAxeViolations(page: Page, what = page.url()): Promise<void> {
  await page.waitForLoadState('load');
  // Judge the page at rest: not under the pointer that last clicked something.
  await page.mouse.move(0, 0);
  // …and not halfway through a transition (a dialog fading in has text of too little contrast).
  // Endless ones (a spinner) are left alone.
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((a) => Number.isFinite(Number(a.effect?.getComputedTiming().endTime)))
        .map((a) => a.finished.catch(() => undefined)),
    ),
  );
  // The app's CSP allows only its own scripts, so axe is evaluated through the DevTools
  // protocol (which CSP does not govern) rather than added as an inline <script>.
  const loaded = await page.evaluate(() => typeof (window as { axe?: unknown }).axe !== 'undefined');
  if (!loaded) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    // biome-ignore lint/suspicious/noExplicitAny: axe is injected above
    const axe = (window as any).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations as AxeViolation[];
  });
  const report = violations
    .map(
      (v) =>
        `  [${v.impact ?? '?'}] ${v.id}: ${v.help} (${v.helpUrl})\n` +
        v.nodes
          .slice(0, 5)
          .map(
            (n) =>
              `      at ${n.target.join(' ')}\n         ${n.html.slice(0, 200)}\n         ${(n.failureSummary ?? '').replace(/\n/g, '\n         ')}`,
          )
          .join('\n'),
    )
    .join('\n');
  expect(violations.length, `axe-core found accessibility violations on ${what}:\n${report}`).toBe(0);
}

// ---------------------------------------------------------------------------------------
// API: preparing data as an administrator would, through the public HTTP API.

export class ApiError extends Error {
  status: number;
  body: unknown;
  constructor(status: number, body: unknown, what: string) {
    super(`${what} → ${status} ${JSON.stringify(body)}`);
    this.status = status;
    this.body = body;
  }
}

export type ApiSession = {
  cookie: string;
  csrfToken: string;
  user: Record<string, unknown>;
  request<T = unknown>(method: string, url: string, body?: unknown): Promise<{ status: number; body: T }>;
  /** Like request, but throws unless the answer is 2xx. */
  call<T = unknown>(method: string, url: string, body?: unknown): Promise<T>;
};

export async function apiRequest(
  method: string,
  url: string,
  opts: { body?: unknown; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: unknown; headers: Headers }> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(new URL(url, baseUrl()), {
    method,
    headers,
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON
  }
  return { status: res.status, body, headers: res.headers };
}

/** Signs in through POST /api/v1/auth/login and keeps the cookie and CSRF token. */
export async function apiSignIn(login: string, password: string, totp?: string): Promise<ApiSession> {
  const res = await fetch(new URL('/api/v1/auth/login', baseUrl()), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(totp ? { login, password, totp } : { login, password }),
  });
  const body = (await res.json().catch(() => ({}))) as { user?: Record<string, unknown>; csrfToken?: string };
  if (res.status !== 200) throw new ApiError(res.status, body, `sign-in as ${login}`);
  const sid = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith('sid='));
  if (!sid) throw new Error('sign-in answered without a session cookie');
  const session: ApiSession = {
    cookie: sid,
    csrfToken: body.csrfToken!,
    user: body.user ?? {},
    async request<T>(method: string, url: string, payload?: unknown) {
      const r = await apiRequest(method, url, {
        body: payload,
        headers: { cookie: sid, 'x-csrf-token': session.csrfToken },
      });
      return { status: r.status, body: r.body as T };
    },
    async call<T>(method: string, url: string, payload?: unknown) {
      const r = await session.request<T>(method, url, payload);
      if (r.status < 200 || r.status > 299) throw new ApiError(r.status, r.body, `${method} ${url}`);
      return r.body;
    },
  };
  return session;
}

let adminSession: Promise<ApiSession> | undefined;
/** The environment administrator (ADMIN_LOGIN), signed in once per test file. */
export function adminApi(): Promise<ApiSession> {
  const { login, password } = adminCredentials();
  adminSession ??= apiSignIn(login, password);
  return adminSession;
}

export type CreatedUser = { id: string; login: string; password: string; email: string };

/** A strong password that is not in any common-password list. */
export const newPassword = () => `Kz-${randomBytes(9).toString('base64url')}-7`;

/**
 * Creates a user through the API as the administrator (createUser), grants the roles
 * (assignRole, system scope unless given) and — unless `mustChangePassword` is wanted —
 * completes the forced first password change through the API, so the returned password
 * signs straight in.
 */
export async function createUser(
  opts: {
    roles?: Array<string | { code: string; scopeType: string; scopeId: string | null }>;
    surname?: string;
    givenName?: string;
    preferredLanguage?: Lang;
    mustChangePassword?: boolean;
    login?: string;
  } = {},
): Promise<CreatedUser> {
  const admin = await adminApi();
  const login = opts.login ?? uniq('u');
  const email = `${login}@example.test`;
  const initial = newPassword();
  const { user } = await admin.call<{ user: { id: string } }>('POST', '/api/v1/users', {
    login,
    surname: opts.surname ?? 'Сейтқали',
    givenName: opts.givenName ?? 'Әлия',
    email,
    preferredLanguage: opts.preferredLanguage ?? 'kk',
    password: initial,
  });
  for (const r of opts.roles ?? []) {
    const spec = typeof r === 'string' ? { code: r, scopeType: 'system', scopeId: null } : r;
    await admin.call('POST', `/api/v1/users/${user.id}/roles`, {
      role: spec.code,
      scopeType: spec.scopeType,
      scopeId: spec.scopeId,
    });
  }
  if (opts.mustChangePassword) return { id: user.id, login, password: initial, email };
  const password = newPassword();
  const own = await apiSignIn(login, initial);
  if (own.user.mustChangePassword) {
    await own.call('POST', '/api/v1/auth/password', { currentPassword: initial, newPassword: password });
    return { id: user.id, login, password, email };
  }
  return { id: user.id, login, password: initial, email };
}

// ---------------------------------------------------------------------------------------
// Page steps shared by several tests.

/**
 * A text or password field by its accessible name (its label without the required-field
 * asterisk, which is hidden from assistive technology).
 */
export const field = (page: Page | Locator, label: string) =>
  page.getByRole('textbox', { name: label, exact: true });

/** A text field, a select (combobox) or a number field by its accessible name. */
export const input = (scope: Page | Locator, name: string) =>
  scope
    .getByRole('textbox', { name, exact: true })
    .or(scope.getByRole('combobox', { name, exact: true }))
    .or(scope.getByRole('spinbutton', { name, exact: true }));

/** Fills the sign-in form by its labels and submits it with the button. */
export async function signInThroughPage(page: Page, lang: Lang, login: string, password: string) {
  await field(page, t(lang, 'fields.login')).fill(login);
  await field(page, t(lang, 'fields.password')).fill(password);
  await page.getByRole('button', { name: exact(t(lang, 'signIn.submit')) }).click();
}

const languageNames: Record<Lang, string> = { kk: 'Қазақша', ru: 'Русский', en: 'English' };

/**
 * A new page signed in through the sign-in form, in `lang` chosen from the language menu
 * (the interface opens in Kazakh), once the home page is there.
 */
export async function signedIn(
  browser: BrowserFixture,
  user: { login: string; password: string },
  lang: Lang = 'kk',
): Promise<Page> {
  const page = await browser.newPage();
  await page.goto('/sign-in');
  if (lang !== 'kk') {
    await page
      .getByRole('button', { name: t('kk', 'language.label', { language: languageNames.kk }) })
      .click();
    await page.getByRole('menuitem', { name: languageNames[lang] }).click();
  }
  await signInThroughPage(page, lang, user.login, user.password);
  await page.getByRole('heading', { name: exact(t(lang, 'home.title')) }).waitFor();
  return page;
}
