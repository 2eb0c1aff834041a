import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { eq } from 'drizzle-orm';
import pg from 'pg';
import { inject } from 'vitest';
import { type App, buildApp, type RegisteredRoute } from '../src/app.ts';
import { type Config, loadConfig } from '../src/config.ts';
import { type Database, openPglite, openPostgres } from '../src/db/client.ts';
import { roleAssignments, roles, users } from '../src/db/schema/index.ts';
import { hashPassword } from '../src/modules/auth/passwords.ts';
import type { AppContext } from '../src/platform/context.ts';
import type { ScopeType } from '../src/platform/policy.ts';
import { withDatabase } from './global-setup.ts';

export type TestEnv = {
  app: App;
  ctx: AppContext;
  database: Database;
  config: Config;
  routes: RegisteredRoute[];
};

let envPromise: Promise<TestEnv> | undefined;

async function openTestDatabase(): Promise<Database> {
  const url = process.env.DATABASE_URL;
  const template = inject('pgTemplate');
  if (url && template) {
    // Named after the run's template, so the global teardown finds and drops it.
    const name = `dl_test_${template.slice('dl_tpl_'.length)}_${randomUUID().slice(0, 8)}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database ${name} template ${template}`);
    await admin.end();
    return openPostgres(withDatabase(url, name), 5);
  }
  const file = inject('pgliteTemplate');
  if (!file) throw new Error('test database template missing: is global-setup configured?');
  return openPglite({ loadDataDir: new Blob([fs.readFileSync(file)]) });
}

/** One app and database per test worker; tests make their own data (fresh-tenant factories). */
export function testEnv(overrides: Partial<Config> = {}): Promise<TestEnv> {
  if (Object.keys(overrides).length > 0) return makeEnv(overrides);
  envPromise ??= makeEnv({});
  return envPromise;
}

async function makeEnv(overrides: Partial<Config>): Promise<TestEnv> {
  const database = await openTestDatabase();
  const config: Config = {
    ...loadConfig({ DATA_DIR: '/tmp/dl-test-unused', DEMO: '0', LOG_LEVEL: 'silent', JOBS: '0' }),
    ...overrides,
  };
  const { app, ctx, routes } = await buildApp({ config, database, logger: false });
  await app.ready();
  return { app, ctx, database, config, routes };
}

export const uniq = (prefix = 'u') => `${prefix}${randomUUID().replace(/-/g, '').slice(0, 10)}`;

export type TestUser = { id: string; login: string; password: string };

/** A user with the given roles (scope defaults to system). */
export async function createTestUser(
  ctx: AppContext,
  opts: {
    roles?: Array<string | { code: string; scopeType: ScopeType; scopeId: string | null }>;
    password?: string;
    mustChangePassword?: boolean;
    status?: string;
    surname?: string;
    givenName?: string;
    preferredLanguage?: string;
    email?: string;
  } = {},
): Promise<TestUser> {
  const login = uniq('t');
  const password = opts.password ?? `Pw-${randomUUID()}`;
  const [user] = await ctx.db
    .insert(users)
    .values({
      login,
      surname: opts.surname ?? 'Тестов',
      givenName: opts.givenName ?? 'Тест',
      email: opts.email ?? `${login}@example.test`,
      passwordHash: await hashPassword(password),
      mustChangePassword: opts.mustChangePassword ?? false,
      status: opts.status ?? 'active',
      preferredLanguage: opts.preferredLanguage ?? 'kk',
    })
    .returning({ id: users.id });
  for (const r of opts.roles ?? []) {
    const spec = typeof r === 'string' ? { code: r, scopeType: 'system' as ScopeType, scopeId: null } : r;
    const [role] = await ctx.db.select({ id: roles.id }).from(roles).where(eq(roles.code, spec.code));
    if (!role) throw new Error(`no role ${spec.code}`);
    await ctx.db
      .insert(roleAssignments)
      .values({ userId: user!.id, roleId: role.id, scopeType: spec.scopeType, scopeId: spec.scopeId });
  }
  return { id: user!.id, login, password };
}

export type Session = { cookie: string; csrfToken: string; headers: Record<string, string> };

/** Signs in through the real login route and returns the headers a browser would send. */
export async function signIn(
  app: App,
  user: { login: string; password: string },
  extra: Record<string, unknown> = {},
): Promise<Session> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { login: user.login, password: user.password, ...extra },
  });
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
  const setCookie = res.cookies.find((c) => c.name === 'sid');
  if (!setCookie) throw new Error('no session cookie');
  const cookie = `sid=${setCookie.value}`;
  const csrfToken = res.json().csrfToken as string;
  return { cookie, csrfToken, headers: { cookie, 'x-csrf-token': csrfToken } };
}
