/**
 * Migration of past grades (R-PRG-4): the registrar imports the grades of current learners
 * from the spreadsheet of the university's previous system. Every row is checked; any
 * bad row refuses the whole file, reported by line and column in the user's language.
 * The import's ledger entry holds a hash of every row it wrote (R-ACC-2), so `verify-ledger`
 * proves each migrated grade is still the one imported.
 */
import { createHash } from 'node:crypto';
import { Decimal } from 'decimal.js';
import { and, inArray, sql } from 'drizzle-orm';
import { disciplines, pastGrades, users } from '../../db/schema/index.ts';
import { audit } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError, type FieldError, forbidden } from '../../platform/errors.ts';
import { type Actor, can, has } from '../../platform/policy.ts';
import { learnerScopes } from './learners.ts';
import { readTable } from './sheet.ts';
import { gradeOf } from './transfers.ts';

const columns = {
  learner_id: [
    'learner',
    'learner id',
    'student id',
    'логин',
    'login',
    'record book no',
    'зачетная книжка',
    'сынақ кітапшасы',
    'білім алушы',
  ],
  discipline_code: ['discipline', 'discipline code', 'код дисциплины', 'пән коды', 'код'],
  period: ['период', 'кезең', 'term'],
  percent: ['процент', 'пайыз', '%', 'балл', 'score'],
  letter: ['буква', 'әріп', 'letter grade', 'оценка', 'баға', 'grade'],
  credits: ['кредиты', 'кредит', 'кредиттер', 'credit'],
};
const PERIOD = /^(\d{4})-(\d{4})\/([1-4])$/;
export const MAX_GRADE_ROWS = 20_000;

/** The ledger's fingerprint of one migrated grade: every column that makes it a grade (128 bits of SHA-256). */
export function pastGradeHash(g: {
  id: string;
  userId: string;
  disciplineId: string;
  period: string;
  percent: string;
  letter: string;
  credits: number;
}): string {
  const line = [
    g.id,
    g.userId,
    g.disciplineId,
    g.period,
    new Decimal(g.percent).toFixed(2),
    g.letter,
    g.credits,
  ];
  return createHash('sha256').update(line.join('|')).digest('hex').slice(0, 32);
}

export async function importPastGrades(
  ctx: AppContext,
  actor: Actor,
  file: Buffer,
  mode: 'preview' | 'apply',
  ip: string,
) {
  if (!has(actor, 'records.importGrades', 'anywhere')) throw forbidden();
  const table = await readTable(file, columns, ['learner_id', 'discipline_code', 'period', 'credits']);
  if (table.rows.length > MAX_GRADE_ROWS)
    throw new AppError(422, 'import-too-many-rows', 'import.tooManyRows', {
      params: { max: MAX_GRADE_ROWS },
    });
  return ctx.db.transaction(async (tx) => {
    const ids = [...new Set(table.rows.map((r) => (r.cells.learner_id ?? '').toLowerCase()).filter(Boolean))];
    const codes = [
      ...new Set(table.rows.map((r) => (r.cells.discipline_code ?? '').toLowerCase()).filter(Boolean)),
    ];
    const people = ids.length
      ? await tx
          .select({ id: users.id, login: users.login, book: users.recordBookNo })
          .from(users)
          .where(
            sql`lower(${users.login}) in (${sql.join(
              ids.map((i) => sql`${i}`),
              sql`, `,
            )}) or lower(${users.recordBookNo}) in (${sql.join(
              ids.map((i) => sql`${i}`),
              sql`, `,
            )})`,
          )
      : [];
    const byKey = new Map<string, string>();
    for (const p of people) {
      byKey.set(p.login.toLowerCase(), p.id);
      if (p.book) byKey.set(p.book.toLowerCase(), p.id);
    }
    const allowed = new Map<string, boolean>();
    for (const p of people) {
      allowed.set(
        p.id,
        can(actor, 'pastGrades.import', { userId: p.id, scopes: await learnerScopes(tx, p.id) }),
      );
    }
    const discs = codes.length
      ? await tx
          .select({ id: disciplines.id, code: disciplines.code })
          .from(disciplines)
          .where(
            sql`lower(${disciplines.code}) in (${sql.join(
              codes.map((c) => sql`${c}`),
              sql`, `,
            )})`,
          )
      : [];
    const discByCode = new Map(discs.map((d) => [d.code.toLowerCase(), d.id]));
    const existing =
      people.length && discs.length
        ? await tx
            .select({
              userId: pastGrades.userId,
              disciplineId: pastGrades.disciplineId,
              period: pastGrades.period,
            })
            .from(pastGrades)
            .where(
              and(
                inArray(
                  pastGrades.userId,
                  people.map((p) => p.id),
                ),
                inArray(
                  pastGrades.disciplineId,
                  discs.map((d) => d.id),
                ),
              ),
            )
        : [];
    const seen = new Map<string, number>(
      existing.map((e) => [`${e.userId}|${e.disciplineId}|${e.period}`, 0]),
    );
    const errors: FieldError[] = [];
    const rows: Array<typeof pastGrades.$inferInsert> = [];
    for (const { line, cells } of table.rows) {
      const err = (column: string, detail: string, params?: Record<string, unknown>) =>
        errors.push({ pointer: `/file/${line}/${column}`, code: 'invalid', detail, params, line, column });
      const need = (column: string) => {
        if (!cells[column]) err(column, 'import.required');
        return cells[column] ?? '';
      };
      const userId = byKey.get(need('learner_id').toLowerCase());
      if (cells.learner_id && (!userId || !allowed.get(userId)))
        err('learner_id', 'records.import.badLearner');
      const disciplineId = discByCode.get(need('discipline_code').toLowerCase());
      if (cells.discipline_code && !disciplineId) err('discipline_code', 'records.import.badDiscipline');
      const period = need('period');
      const m = PERIOD.exec(period);
      if (period && (!m || Number(m[2]) !== Number(m[1]) + 1)) err('period', 'records.import.badPeriod');
      const creditsText = need('credits');
      const credits = Number(creditsText);
      if (creditsText && (!Number.isInteger(credits) || credits < 1 || credits > 60))
        err('credits', 'records.import.badNumber');
      const raw = cells.percent || cells.letter || '';
      const column = cells.percent ? 'percent' : 'letter';
      const g = raw ? gradeOf(cells.percent ? raw.replace(',', '.') : raw) : null;
      if (!raw) err('percent', 'import.required');
      else if (!g || (cells.percent && !/^\d+([.,]\d+)?$/.test(raw))) err(column, 'records.badGrade');
      if (userId && disciplineId && period) {
        const key = `${userId}|${disciplineId}|${period}`;
        if (seen.has(key)) err('period', 'records.import.duplicateGrade');
        seen.set(key, line);
      }
      if (userId && disciplineId && g)
        rows.push({
          userId,
          disciplineId,
          period,
          percent: String(g.percent),
          letter: g.letter,
          credits,
          importedBy: actor.userId,
        });
    }
    if (errors.length) throw new AppError(422, 'import-invalid', 'import.failed', { errors });
    if (mode === 'preview') return { mode, rows: table.rows.length, imported: 0 };
    const grades: Record<string, string> = {};
    for (let i = 0; i < rows.length; i += 1000) {
      const written = await tx
        .insert(pastGrades)
        .values(rows.slice(i, i + 1000))
        .returning();
      for (const g of written) grades[g.id] = pastGradeHash(g);
    }
    await audit(tx, {
      actorId: actor.userId,
      action: 'pastGrades.import',
      subjectType: 'past_grades',
      subjectId: null,
      ip,
      data: { rows: rows.length, learners: new Set(rows.map((r) => r.userId)).size, grades },
    });
    return { mode, rows: table.rows.length, imported: rows.length };
  });
}
