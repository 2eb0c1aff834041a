import { eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { iinProblem } from '#core/iin.ts';
import type { Progress } from '#core/wire/streamed.ts';
import type { ImportAnswer, ImportColumn, ImportPhase } from '#core/wire/users.ts';
import type { Db } from '../../db/client.ts';
import { groupMembers, groups, roleAssignments, roles, users } from '../../db/schema/index.ts';
import { audit } from '../../platform/audit.ts';
import { AppError, type FieldError, forbidden } from '../../platform/errors.ts';
import { type Language, t } from '../../platform/i18n.ts';
import { type Actor, can, grantedScopes, has, type ScopeRef } from '../../platform/policy.ts';
import { breathe } from '../../platform/progress-stream.ts';
import { expandScopes, groupChain, loadOrgIndex, usersInScopes } from '../org/scope.ts';
import { readSheet } from './import-parse.ts';
import { activationExpiry, newActivation } from './service.ts';

export const MAX_IMPORT_ROWS = 20_000;
const BATCH = 1000;
/** Rows checked, and users written, between two progress reports. */
const STEP = 250;

type Meta = { ip: string | null; lang: Language };

type Row = {
  line: number;
  login: string;
  surname: string;
  givenName: string;
  patronymic: string | null;
  email: string | null;
  phone: string | null;
  iin: string | null;
  recordBookNo: string | null;
  preferredLanguage: string | null;
  groupId: string | null;
  role: { id: string; scopeType: 'system' | 'group'; scopeId: string | null } | null;
  existingId: string | null;
};

const emailSchema = z.email();
const loginRe = /^[A-Za-z0-9._@-]{3,64}$/;
const phoneRe = /^\+?[0-9 ()-]{7,20}$/;
const maxLen: Partial<Record<ImportColumn, number>> = {
  surname: 100,
  given_name: 100,
  patronymic: 100,
  email: 254,
  record_book_no: 40,
};

function chunks<T>(xs: T[], n = BATCH): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}

/** Where the actor may import users; refuses one who may import nowhere. */
export function authorizeImport(actor: Actor) {
  const imp = grantedScopes(actor, 'users.import');
  if (!imp.everywhere && !imp.scopes.length) throw forbidden();
  return imp;
}

/**
 * Imports users all-or-nothing (R-USR-2): every row is checked first and every bad row
 * reported with line, column and reason; only a clean file is applied, in one
 * transaction. An existing login updates that user; new accounts get activation codes
 * (stored hashed, returned once). `onProgress` hears each phase as it really advances:
 * the rows read, the rows checked, the users written (batch by batch, inside the
 * transaction — nothing is visible to others before the last one is).
 */
export async function importUsers(
  db: Db,
  actor: Actor,
  file: Buffer,
  mode: 'preview' | 'apply',
  meta: Meta,
  onProgress: (p: Progress<ImportPhase>) => void = () => {},
): Promise<ImportAnswer> {
  const imp = authorizeImport(actor);
  onProgress({ phase: 'read', done: 0, total: 1 });
  await breathe();
  const sheet = await readSheet(file);
  onProgress({ phase: 'read', done: sheet.rows.length, total: sheet.rows.length });
  const render = (line: number, column: string, key: string, params: Record<string, unknown> = {}) =>
    t(meta.lang, 'import.rowError', { line, column, reason: t(meta.lang, key, params) });
  const errors: FieldError[] = [];
  const fail = (line: number, column: string, key: string, params: Record<string, unknown> = {}) =>
    errors.push({
      pointer: `/rows/${line}/${column}`,
      line,
      column,
      code: key.replace(/^import\./, ''),
      detail: render(line, column, key, params),
    });
  for (const p of sheet.headerProblems) fail(1, p.column, p.key, { column: p.column });
  if (errors.length) throw new AppError(422, 'import-invalid', 'import.failed', { errors });
  if (sheet.rows.length === 0) throw new AppError(422, 'import-empty', 'import.empty');
  if (sheet.rows.length > MAX_IMPORT_ROWS) {
    throw new AppError(422, 'import-too-many-rows', 'import.tooManyRows', {
      params: { max: MAX_IMPORT_ROWS },
    });
  }

  const index = await loadOrgIndex(db);
  const groupByCode = new Map(
    (await db.select({ id: groups.id, code: groups.code }).from(groups)).map((g) => [
      g.code.toLowerCase(),
      g.id,
    ]),
  );
  const roleByCode = new Map((await db.select().from(roles)).map((r) => [r.code, r]));
  const importReach = imp.everywhere ? null : await usersInScopes(db, expandScopes(index, imp.scopes));

  // First pass: shape of every cell.
  const col = (cells: string[], c: ImportColumn) => {
    const i = sheet.columns.indexOf(c);
    return i < 0 ? '' : (cells[i] ?? '').trim();
  };
  const parsed: Row[] = [];
  const loginLine = new Map<string, number>();
  const iinLine = new Map<string, number>();
  const total = sheet.rows.length;
  onProgress({ phase: 'check', done: 0, total });
  let checked = 0;
  for (const { line, cells } of sheet.rows) {
    if (checked > 0 && checked % STEP === 0) {
      onProgress({ phase: 'check', done: checked, total });
      await breathe();
    }
    checked++;
    const before = errors.length;
    const v = (c: ImportColumn) => col(cells, c);
    for (const c of ['login', 'surname', 'given_name'] as const) if (!v(c)) fail(line, c, 'import.required');
    for (const [c, max] of Object.entries(maxLen) as [ImportColumn, number][]) {
      if (v(c).length > max) fail(line, c, 'import.tooLong', { max });
    }
    const login = v('login');
    if (login && !loginRe.test(login)) fail(line, 'login', 'import.badLogin');
    if (login) {
      const other = loginLine.get(login.toLowerCase());
      if (other) fail(line, 'login', 'import.duplicateInFile', { other });
      else loginLine.set(login.toLowerCase(), line);
    }
    const email = v('email');
    if (email && !emailSchema.safeParse(email).success) fail(line, 'email', 'import.badEmail');
    const phone = v('phone');
    if (phone && !phoneRe.test(phone)) fail(line, 'phone', 'import.badPhone');
    let iin = v('iin').replace(/\s+/g, '');
    if (iin && /^\d{9,11}$/.test(iin)) iin = iin.padStart(12, '0'); // a spreadsheet dropped leading zeros
    if (iin) {
      const problem = iinProblem(iin);
      if (problem) fail(line, 'iin', `import.iin.${problem}`);
      else {
        const other = iinLine.get(iin);
        if (other) fail(line, 'iin', 'import.duplicateInFile', { other });
        else iinLine.set(iin, line);
      }
    }
    const lang = v('preferred_language').toLowerCase();
    if (lang && !['kk', 'ru', 'en'].includes(lang)) fail(line, 'preferred_language', 'import.badLanguage');
    const groupCode = v('group');
    const groupId = groupCode ? (groupByCode.get(groupCode.toLowerCase()) ?? null) : null;
    if (groupCode && !groupId) fail(line, 'group', 'import.unknownGroup', { value: groupCode });
    let role: Row['role'] = null;
    const roleCode = v('role');
    if (roleCode) {
      const r = roleByCode.get(roleCode) ?? roleByCode.get(roleCode.toLowerCase());
      if (!r) fail(line, 'role', 'import.unknownRole', { value: roleCode });
      else if (groupId && r.scopeTypes.includes('group'))
        role = { id: r.id, scopeType: 'group', scopeId: groupId };
      else if (r.scopeTypes.includes('system')) role = { id: r.id, scopeType: 'system', scopeId: null };
      else fail(line, 'role', 'import.roleScope', { value: roleCode });
      if (role && r) {
        // Granting needs roles.assign there and every permission of the role (no escalation).
        const scopes: ScopeRef[] = role.scopeType === 'group' ? groupChain(index, role.scopeId) : [];
        const allowed =
          has(actor, 'roles.assign', scopes) && r.permissions.every((p) => has(actor, p as never, scopes));
        if (!allowed) fail(line, 'role', 'import.roleNotAllowed', { value: roleCode });
      }
    }
    if (groupId && !can(actor, 'user.import', { userId: null, scopes: groupChain(index, groupId) })) {
      fail(line, 'group', 'import.groupNotAllowed');
    }
    if (errors.length > before) continue;
    parsed.push({
      line,
      login,
      surname: v('surname'),
      givenName: v('given_name'),
      patronymic: v('patronymic') || null,
      email: email || null,
      phone: phone || null,
      iin: iin || null,
      recordBookNo: v('record_book_no') || null,
      preferredLanguage: lang || null,
      groupId,
      role,
      existingId: null,
    });
  }

  // Second pass: against the database.
  const existingByLogin = new Map<string, { id: string; status: string; iin: string | null }>();
  for (const part of chunks(parsed.map((r) => r.login.toLowerCase()))) {
    const found = await db
      .select({ id: users.id, login: users.login, status: users.status, iin: users.iin })
      .from(users)
      .where(inArray(sql`lower(${users.login})`, part));
    for (const f of found) existingByLogin.set(f.login.toLowerCase(), f);
  }
  const iinOwner = new Map<string, string>();
  for (const part of chunks(parsed.flatMap((r) => (r.iin ? [r.iin] : [])))) {
    const found = await db
      .select({ id: users.id, iin: users.iin })
      .from(users)
      .where(inArray(users.iin, part));
    for (const f of found) iinOwner.set(f.iin!, f.id);
  }
  for (const r of parsed) {
    const existing = existingByLogin.get(r.login.toLowerCase());
    if (existing) {
      r.existingId = existing.id;
      if (existing.status === 'pseudonymized') fail(r.line, 'login', 'import.pseudonymized');
      else if (importReach && !importReach.has(existing.id)) fail(r.line, 'login', 'import.userNotAllowed');
    } else if (!r.groupId && !imp.everywhere) {
      // A unit-scoped importer places every new account in one of their groups.
      fail(r.line, 'group', 'import.groupNotAllowed');
    }
    const owner = r.iin ? iinOwner.get(r.iin) : undefined;
    if (owner && owner !== r.existingId) fail(r.line, 'iin', 'import.iinTaken');
  }
  if (errors.length) {
    errors.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    throw new AppError(422, 'import-invalid', 'import.failed', { errors });
  }
  onProgress({ phase: 'check', done: total, total });

  const fresh = parsed.filter((r) => !r.existingId);
  const changed = parsed.filter((r) => r.existingId);
  if (mode === 'preview') {
    return {
      mode,
      rows: parsed.length,
      created: fresh.length,
      updated: changed.length,
      activationCodes: [],
      activationExpiresAt: null,
    };
  }

  await breathe();
  onProgress({ phase: 'save', done: 0, total: parsed.length });
  let written = 0;
  const wrote = async (n: number) => {
    written += n;
    onProgress({ phase: 'save', done: written, total: parsed.length });
    await breathe();
  };
  return db.transaction(async (tx) => {
    const activationCodes: ImportAnswer['activationCodes'] = [];
    const idByLine = new Map<number, string>();
    for (const part of chunks(fresh, STEP)) {
      const values = part.map((r) => {
        const a = newActivation();
        activationCodes.push({ login: r.login, code: a.code });
        return {
          login: r.login,
          surname: r.surname,
          givenName: r.givenName,
          patronymic: r.patronymic,
          email: r.email,
          phone: r.phone,
          iin: r.iin,
          recordBookNo: r.recordBookNo,
          preferredLanguage: r.preferredLanguage ?? 'kk',
          activationCodeHash: a.hash,
          activationExpiresAt: a.expiresAt,
        };
      });
      const ids = await tx.insert(users).values(values).returning({ id: users.id, login: users.login });
      const byLogin = new Map(ids.map((row) => [row.login.toLowerCase(), row.id]));
      for (const r of part) idByLine.set(r.line, byLogin.get(r.login.toLowerCase())!);
      await wrote(part.length);
    }
    let pending = 0;
    for (const r of changed) {
      // Empty optional cells leave what is recorded.
      const set: Partial<typeof users.$inferInsert> = { surname: r.surname, givenName: r.givenName };
      for (const k of ['patronymic', 'email', 'phone', 'iin', 'recordBookNo', 'preferredLanguage'] as const) {
        if (r[k] !== null) set[k] = r[k];
      }
      await tx
        .update(users)
        .set({ ...set, version: sql`${users.version} + 1`, updatedAt: new Date() })
        .where(eq(users.id, r.existingId!));
      idByLine.set(r.line, r.existingId!);
      if (++pending === STEP) {
        await wrote(pending);
        pending = 0;
      }
    }
    if (pending) await wrote(pending);
    const memberships = parsed.flatMap((r) =>
      r.groupId ? [{ groupId: r.groupId, userId: idByLine.get(r.line)! }] : [],
    );
    let joined = 0;
    for (const part of chunks(memberships)) {
      joined += (
        await tx
          .insert(groupMembers)
          .values(part)
          .onConflictDoNothing()
          .returning({ g: groupMembers.groupId })
      ).length;
    }
    const grants = parsed.flatMap((r) =>
      r.role
        ? [
            {
              userId: idByLine.get(r.line)!,
              roleId: r.role.id,
              scopeType: r.role.scopeType,
              scopeId: r.role.scopeId,
              grantedBy: actor.userId,
            },
          ]
        : [],
    );
    let granted = 0;
    for (const part of chunks(grants)) {
      granted += (
        await tx
          .insert(roleAssignments)
          .values(part)
          .onConflictDoNothing()
          .returning({ id: roleAssignments.id })
      ).length;
    }
    await audit(tx, {
      actorId: actor.userId,
      action: 'user.import',
      subjectType: 'user',
      subjectId: null,
      ip: meta.ip,
      data: {
        rows: parsed.length,
        created: fresh.length,
        updated: changed.length,
        memberships: joined,
        roleGrants: granted,
      },
    });
    return {
      mode,
      rows: parsed.length,
      created: fresh.length,
      updated: changed.length,
      activationCodes,
      activationExpiresAt: fresh.length ? activationExpiry().toISOString() : null,
    };
  });
}
