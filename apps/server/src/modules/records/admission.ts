/**
 * Admission by order (R-PRG-4): one order number admits a list of learners onto a
 * programme, intake year, group, study form and DLT category, with the category's
 * documents and, for paid study, each learner's contract. A preview checks everything
 * and writes nothing; apply is all-or-nothing.
 */
import { eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { isIsoDate } from '#core/calendar/dates.ts';
import type { admitLearnersBody } from '#core/wire/records.ts';
import { files, learnerOrders, learnerProfiles, programmes, users } from '../../db/schema/index.ts';
import { audit } from '../../platform/audit.ts';
import { AppError, type FieldError, forbidden } from '../../platform/errors.ts';
import { can, has } from '../../platform/policy.ts';
import { programmeScopes } from '../academics/scopes.ts';
import { lockLearner, ordersOf } from './learners.ts';
import { academicGroup, assertSigner, type Ctx, moveToGroup, refuse } from './orders.ts';
import { readTable } from './sheet.ts';

type Body = z.infer<typeof admitLearnersBody>;
type Contract = NonNullable<Body['learners'][number]['contract']>;
type Candidate = { userId?: string; login?: string; contract?: Contract; pointer: string; line?: number };

const sheetColumns = {
  login: ['логин', 'кіру аты', 'username'],
  contract_number: ['шарт нөмірі', 'номер договора', 'contract number'],
  contract_from: ['шарт басы', 'начало договора', 'contract from'],
  contract_to: ['шарт соңы', 'окончание договора', 'contract to'],
  contract_amount: ['шарт сомасы', 'сумма договора', 'contract amount'],
};

async function candidatesFromSheet(b64: string, errors: FieldError[]): Promise<Candidate[]> {
  const table = await readTable(Buffer.from(b64, 'base64'), sheetColumns, ['login']);
  return table.rows.map(({ line, cells }) => {
    const c: Candidate = { login: cells.login, pointer: `/sheet/${line}`, line };
    const err = (column: string, detail: string) =>
      errors.push({ pointer: `/sheet/${line}/${column}`, code: 'invalid', detail, line, column });
    if (!cells.login) err('login', 'import.required');
    if (cells.contract_number) {
      const amount = Number((cells.contract_amount ?? '').replace(',', '.').replace(/\s/g, ''));
      if (!isIsoDate(cells.contract_from ?? '')) err('contract_from', 'records.import.badDate');
      if (!isIsoDate(cells.contract_to ?? '')) err('contract_to', 'records.import.badDate');
      if (!cells.contract_amount || !Number.isFinite(amount) || amount < 0)
        err('contract_amount', 'records.import.badNumber');
      c.contract = {
        number: cells.contract_number,
        from: cells.contract_from ?? '',
        to: cells.contract_to ?? '',
        amount,
        status: 'active',
      };
    }
    return c;
  });
}

export async function admitLearners({ ctx, actor, ip }: Ctx, body: Body) {
  if (!has(actor, 'records.admit', 'anywhere')) throw forbidden();
  const effectiveOn = body.order.effectiveOn ?? body.order.orderDate;
  return ctx.db.transaction(async (tx) => {
    const [programme] = await tx.select().from(programmes).where(eq(programmes.id, body.programmeId));
    if (!programme) throw refuse('records.programmeNotFound', '/programmeId');
    if (!can(actor, 'learner.admit', { userId: '', scopes: await programmeScopes(tx, programme) }))
      throw forbidden();
    await assertSigner(tx, body.order.signerId, '/order/signerId');
    const group = await academicGroup(tx, body.groupId, '/groupId');
    if (group.profile.programmeId !== programme.id || group.profile.intakeYear !== body.intakeYear)
      throw refuse('records.groupNotOfProgramme', '/groupId');
    const studyForm = body.studyForm ?? programme.studyForm;
    if (studyForm !== 'full_time') {
      if (!body.dltCategory) throw refuse('records.dltCategoryRequired', '/dltCategory');
      if (!programme.dltCategories.includes(body.dltCategory))
        throw refuse('records.dltCategoryNotOfProgramme', '/dltCategory');
    }
    if (body.documentFileIds.length) {
      const found = await tx
        .select({ id: files.id })
        .from(files)
        .where(inArray(files.id, body.documentFileIds));
      const foundIds = new Set(found.map((x) => x.id));
      const missing = body.documentFileIds.findIndex((f) => !foundIds.has(f));
      if (missing >= 0) throw refuse('records.fileNotFound', `/documentFileIds/${missing}`);
    }

    const errors: FieldError[] = [];
    const candidates: Candidate[] = body.sheet
      ? await candidatesFromSheet(body.sheet, errors)
      : body.learners.map((l, i) => ({ userId: l.userId, contract: l.contract, pointer: `/learners/${i}` }));
    const ids = candidates.flatMap((c) => (c.userId ? [c.userId] : []));
    const logins = candidates.flatMap((c) => (c.login ? [c.login.toLowerCase()] : []));
    const known = await tx
      .select({ id: users.id, login: users.login })
      .from(users)
      .where(
        sql`${users.id} in (${sql.join([sql`null::uuid`, ...ids.map((i) => sql`${i}::uuid`)], sql`, `)})
          or lower(${users.login}) in (${sql.join([sql`''`, ...logins.map((l) => sql`${l}`)], sql`, `)})`,
      );
    // Locked before "already admitted" is checked, in one order, so two admissions of the same person cannot both pass.
    for (const id of known.map((k) => k.id).sort()) await lockLearner(tx, id);
    const seen = new Map<string, string>();
    const admitted: Array<{ userId: string; login: string; contract?: Contract }> = [];
    for (const c of candidates) {
      const err = (detail: string, column: string, params?: Record<string, unknown>) =>
        errors.push({
          pointer: c.line ? `/sheet/${c.line}/${column}` : `${c.pointer}/${column}`,
          code: 'invalid',
          detail,
          params,
          line: c.line,
          column: c.line ? column : undefined,
        });
      const u = known.find((k) =>
        c.userId ? k.id === c.userId : k.login.toLowerCase() === c.login?.toLowerCase(),
      );
      if (!u) {
        if (c.userId || c.login) err('records.learnerNotFound', c.line ? 'login' : 'userId');
        continue;
      }
      if (seen.has(u.id)) {
        err('records.duplicateLearner', c.line ? 'login' : 'userId');
        continue;
      }
      seen.set(u.id, c.pointer);
      if ((await ordersOf(tx, u.id)).effective.length > 0)
        err('records.alreadyAdmitted', c.line ? 'login' : 'userId');
      if (body.funding === 'paid' && !c.contract)
        err('records.contractRequired', c.line ? 'contract_number' : 'contract');
      if (c.contract && c.contract.from > c.contract.to)
        err('records.contractDates', c.line ? 'contract_to' : 'contract/to');
      admitted.push({ userId: u.id, login: u.login, contract: c.contract });
    }
    if (errors.length) throw new AppError(422, 'import-invalid', 'records.admissionInvalid', { errors });
    if (body.mode === 'preview') {
      return {
        mode: 'preview' as const,
        learners: admitted.map((a) => ({ userId: a.userId, login: a.login, orderId: null })),
      };
    }
    const out = [];
    for (const a of admitted) {
      const profile = {
        programmeId: programme.id,
        intakeYear: body.intakeYear,
        studyForm,
        dltCategory: body.dltCategory ?? null,
        funding: body.funding,
        contractNumber: a.contract?.number ?? null,
        contractFrom: a.contract?.from ?? null,
        contractTo: a.contract?.to ?? null,
        contractAmount: a.contract ? String(a.contract.amount) : null,
        contractStatus: a.contract?.status ?? null,
        documentFileIds: body.documentFileIds,
      };
      await tx
        .insert(learnerProfiles)
        .values({ userId: a.userId, ...profile })
        .onConflictDoUpdate({ target: learnerProfiles.userId, set: profile });
      await moveToGroup(tx, a.userId, body.groupId, effectiveOn);
      const [order] = await tx
        .insert(learnerOrders)
        .values({
          number: body.order.number,
          orderDate: body.order.orderDate,
          effectiveOn,
          kind: 'admission',
          learnerId: a.userId,
          signerId: body.order.signerId,
          details: { toGroupId: body.groupId, toProgrammeId: programme.id, intakeYear: body.intakeYear },
          createdBy: actor.userId,
        })
        .returning({ id: learnerOrders.id });
      await audit(tx, {
        actorId: actor.userId,
        action: 'learnerOrder.issue',
        subjectType: 'user',
        subjectId: a.userId,
        ip,
        data: {
          orderId: order!.id,
          kind: 'admission',
          number: body.order.number,
          effectiveOn,
          groupId: body.groupId,
        },
      });
      out.push({ userId: a.userId, login: a.login, orderId: order!.id });
    }
    return { mode: 'apply' as const, learners: out };
  });
}
