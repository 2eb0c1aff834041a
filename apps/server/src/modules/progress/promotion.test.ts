import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, signIn, type TestEnv, testEnv, uniq } from '../../../test/harness.ts';
import {
  academicGroupProfiles,
  academicPeriods,
  academicYears,
  auditLedger,
  courseOfferings,
  curricula,
  curriculumEntries,
  disciplines,
  enrolments,
  finalResults,
  groups,
  learnerGroupHistory,
  learnerOrders,
  offeringGroups,
  orgUnits,
  programmes,
  repeatDisciplines,
  statements,
} from '../../db/schema/index.ts';
import { headerOf } from '../statements/generate.ts';
import { offeringForStatement } from '../statements/queries.ts';

type Who = { id: string; headers: Record<string, string> };
let env: TestEnv;

async function who(
  roles: NonNullable<Parameters<typeof createTestUser>[1]>['roles'],
  surname?: string,
): Promise<Who> {
  const u = await createTestUser(env.ctx, { roles, preferredLanguage: 'en', surname, givenName: 'Test' });
  return { id: u.id, headers: (await signIn(env.app, u)).headers };
}

/**
 * A programme of its own study form at the end of academic year 2019/20: one group in
 * year 1 whose year-1 results are approved, the year 2 of its curriculum, and an approved
 * calendar of 2027/28 for the new year's offerings.
 */
async function world() {
  const db = env.ctx.db;
  const sf = uniq('sf');
  const [faculty] = await db
    .insert(orgUnits)
    .values({ kind: 'faculty', code: uniq('F'), nameKk: 'Ф', nameRu: 'Ф', nameEn: 'F' })
    .returning();
  const [dept] = await db
    .insert(orgUnits)
    .values({
      kind: 'department',
      parentId: faculty!.id,
      code: uniq('D'),
      nameKk: 'К',
      nameRu: 'К',
      nameEn: 'D',
    })
    .returning();
  const [programme] = await db
    .insert(programmes)
    .values({
      code: uniq('6B'),
      nameKk: 'Агрономия',
      nameRu: 'Агрономия',
      nameEn: 'Agronomy',
      departmentId: dept!.id,
      degreeLevel: 'bachelor',
      studyForm: sf,
      language: 'kk',
    })
    .returning();
  const discipline = async (name: string) =>
    (
      await db
        .insert(disciplines)
        .values({ code: uniq('AGR'), nameKk: name, nameRu: name, nameEn: name, departmentId: dept!.id })
        .returning()
    )[0]!;
  const [curriculum] = await db
    .insert(curricula)
    .values({ programmeId: programme!.id, intakeYear: 2019, status: 'approved' })
    .returning();
  const entry = async (yearOfStudy: number, d: { id: string }) =>
    (
      await db
        .insert(curriculumEntries)
        .values({
          curriculumId: curriculum!.id,
          disciplineId: d.id,
          yearOfStudy,
          periodNumber: 1,
          credits: 5,
          component: 'compulsory',
          finalControl: 'exam',
        })
        .returning()
    )[0]!;
  const d1 = await discipline('Топырақтану');
  const d2 = await discipline('Өсімдік шаруашылығы');
  const e1 = await entry(1, d1);
  const e2 = await entry(2, d2);
  const calendar = async (startYear: number) => {
    const [y] = await db
      .insert(academicYears)
      .values({ startYear, studyForm: sf, status: 'approved' })
      .returning();
    const [p] = await db
      .insert(academicPeriods)
      .values({
        academicYearId: y!.id,
        kind: 'trimester',
        number: 1,
        startsOn: `${startYear}-09-01`,
        endsOn: `${startYear}-12-31`,
      })
      .returning();
    return { year: y!, period: p! };
  };
  const past = await calendar(2019);
  const next = await calendar(2027);
  const [group] = await db
    .insert(groups)
    .values({ kind: 'academic_group', code: uniq('G'), name: 'АГР-19-1' })
    .returning();
  await db.insert(academicGroupProfiles).values({
    groupId: group!.id,
    programmeId: programme!.id,
    intakeYear: 2019,
    studyForm: sf,
    language: 'kk',
    yearOfStudy: 1,
  });
  const [offering] = await db
    .insert(courseOfferings)
    .values({ periodId: past.period.id, entryId: e1.id, disciplineId: d1.id, code: uniq('OFF') })
    .returning();
  await db.insert(offeringGroups).values({ offeringId: offering!.id, groupId: group!.id });
  const registrar = await who(['registrar']);
  const signer = await who([], 'Директоров');
  const header = await headerOf(db, (await offeringForStatement(db, offering!.id, group!.id))!, group!.id);
  const [statement] = await db
    .insert(statements)
    .values({
      number: uniq('2019-'),
      kind: 'main',
      offeringId: offering!.id,
      groupId: group!.id,
      finalControl: 'exam',
      status: 'approved',
      gradingVersionNo: 1,
      header,
      verificationCode: uniq('V'),
      createdBy: registrar.id,
    })
    .returning();
  // Learners: Абаев A- (promoted, with an F to study again — not blocking by default),
  // Бекова D (GPA 1.00 < 1.80), Жанов C+ but on academic leave, Ильин no result at all.
  const people: Record<string, Who> = {};
  const plan: Array<[string, { letter: string; percent: number; points: string } | null, string[]]> = [
    ['Абаев', { letter: 'A-', percent: 92, points: '3.67' }, ['admission']],
    ['Бекова', { letter: 'D', percent: 52, points: '1.00' }, ['admission']],
    ['Жанов', { letter: 'C+', percent: 72, points: '2.33' }, ['admission', 'academic_leave']],
    ['Ильин', null, ['admission']],
  ];
  for (const [surname, result, orders] of plan) {
    const l = await who(['learner'], surname);
    people[surname] = l;
    await db.insert(learnerGroupHistory).values({ userId: l.id, groupId: group!.id, joinedOn: '2019-09-01' });
    await db.insert(enrolments).values({ offeringId: offering!.id, userId: l.id });
    for (const [i, kind] of orders.entries()) {
      await db.insert(learnerOrders).values({
        number: uniq('O'),
        orderDate: `2019-0${8 + i}-01`,
        effectiveOn: `2019-0${8 + i}-01`,
        kind,
        learnerId: l.id,
        signerId: signer.id,
        details: kind === 'academic_leave' ? { leaveFrom: '2019-09-01', leaveTo: '2030-09-01' } : {},
        createdBy: registrar.id,
      });
    }
    if (result) {
      await db.insert(finalResults).values({
        userId: l.id,
        offeringId: offering!.id,
        disciplineId: d1.id,
        periodId: past.period.id,
        credits: 5,
        finalControl: 'exam',
        ...result,
        passing: true,
        statementId: statement!.id,
        gradingVersionNo: 1,
      });
    }
  }
  await db.insert(repeatDisciplines).values({
    userId: people.Абаев!.id,
    offeringId: offering!.id,
    entryId: e1.id,
    disciplineId: d1.id,
    statementId: statement!.id,
    letter: 'F',
  });
  return { programme: programme!, group: group!, e2, next, people, registrar, signer, offering: offering! };
}

let w: Awaited<ReturnType<typeof world>>;
beforeAll(async () => {
  env = await testEnv();
  w = await world();
});
// The programme and group had a study form of their own so that their calendars stand in for
// nobody else's; the test files after this one share the database and list every programme
// and group, so they get a real study form back.
afterAll(async () => {
  await env.ctx.db.update(programmes).set({ studyForm: 'distance' }).where(eq(programmes.id, w.programme.id));
  await env.ctx.db
    .update(academicGroupProfiles)
    .set({ studyForm: 'distance' })
    .where(eq(academicGroupProfiles.groupId, w.group.id));
});

const preview = (by: Who, q: Record<string, unknown>, lang = 'en') =>
  env.app.inject({
    method: 'GET',
    url: `/api/v1/promotion/preview?${new URLSearchParams(Object.entries(q).map(([k, v]) => [k, String(v)]))}`,
    headers: { ...by.headers, 'accept-language': lang },
  });
const apply = (by: Who, body: unknown, key?: string, lang = 'en') =>
  env.app.inject({
    method: 'POST',
    url: '/api/v1/promotion',
    headers: { ...by.headers, 'accept-language': lang, ...(key ? { 'idempotency-key': key } : {}) },
    payload: body as never,
  });

describe('promotion to the next year of study (R-GRD-5)', () => {
  const q = () => ({ programmeId: w.programme.id, yearOfStudy: 1, startYear: 2019 });
  const order = () => ({ number: 'П-2020-117', orderDate: '2020-07-01', signerId: w.signer.id });

  it('previews who is promoted and everyone else with the reason, changing nothing', async () => {
    const res = await preview(w.registrar, q());
    expect(res.statusCode, res.body).toBe(200);
    const p = res.json();
    expect(p).toMatchObject({ basis: 'year', requiredGpa: '1.80', outstandingFBlocksPromotion: false });
    expect(p.groups).toEqual([expect.objectContaining({ id: w.group.id, learners: 4 })]);
    const by = (id: string) => p.learners.find((l: { learnerId: string }) => l.learnerId === id);
    expect(by(w.people.Абаев!.id)).toMatchObject({
      gpa: '3.67',
      promoted: true,
      reason: null,
      outstandingF: 1,
    });
    expect(by(w.people.Бекова!.id)).toMatchObject({
      gpa: '1.00',
      promoted: false,
      reason: 'gpaBelowTransfer',
    });
    expect(by(w.people.Жанов!.id)).toMatchObject({ gpa: '2.33', promoted: false, reason: 'notStudying' });
    expect(by(w.people.Ильин!.id)).toMatchObject({ gpa: null, promoted: false, reason: 'gpaBelowTransfer' });
    expect(p).toMatchObject({ promoted: 1, notPromoted: 3 });
    const [g] = await env.ctx.db
      .select()
      .from(academicGroupProfiles)
      .where(eq(academicGroupProfiles.groupId, w.group.id));
    expect(g!.yearOfStudy).toBe(1);
  });

  it('refuses bad input, other people, and an outcome that differs from the confirmed preview', async () => {
    expect((await preview(w.registrar, { ...q(), yearOfStudy: 0 })).statusCode).toBe(400);
    expect((await preview(w.registrar, { yearOfStudy: 1, startYear: 2019 })).statusCode).toBe(400);
    expect((await preview(w.people.Абаев!, q())).statusCode).toBe(403);
    expect(
      (await preview(w.registrar, { ...q(), programmeId: '00000000-0000-4000-8000-000000000000' }))
        .statusCode,
    ).toBe(404);
    const body = { ...q(), promotedLearnerIds: [w.people.Абаев!.id], order: order() };
    const noKey = await apply(w.registrar, body, undefined, 'ru');
    expect(noKey.statusCode).toBe(428);
    expect(noKey.json().detail).toContain('Idempotency-Key');
    const changed = await apply(
      w.registrar,
      { ...body, promotedLearnerIds: [w.people.Абаев!.id, w.people.Бекова!.id] },
      uniq('k'),
    );
    expect(changed.statusCode).toBe(409);
    expect(changed.json().detail).toMatch(/changed since the preview/);
    expect(
      (await apply(w.registrar, { ...body, order: { ...order(), orderDate: '2020-13-01' } }, uniq('k')))
        .statusCode,
    ).toBe(400);
    const badSigner = await apply(
      w.registrar,
      { ...body, order: { ...order(), signerId: '00000000-0000-4000-8000-000000000000' } },
      uniq('k'),
    );
    expect(badSigner.statusCode).toBe(422);
    expect((await apply(w.people.Абаев!, body, uniq('k'))).statusCode).toBe(403);
    // Nothing changed.
    const orders = await env.ctx.db
      .select()
      .from(learnerOrders)
      .where(and(eq(learnerOrders.learnerId, w.people.Абаев!.id), eq(learnerOrders.kind, 'promotion')));
    expect(orders).toEqual([]);
  });

  it('applies once per Idempotency-Key: the group moves up, the promoted learner is enrolled and gets an order', async () => {
    const body = {
      ...q(),
      promotedLearnerIds: [w.people.Абаев!.id],
      order: order(),
      academicYearId: w.next.year.id,
    };
    const res = await apply(w.registrar, body, 'promo-1');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      promoted: 1,
      orderNumber: 'П-2020-117',
      groups: [{ groupId: w.group.id, fromYearOfStudy: 1, toYearOfStudy: 2, offerings: 1, later: 0 }],
    });
    const again = await apply(w.registrar, body, 'promo-1');
    expect(again.statusCode).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    // A new key finds the group already in year 2: nobody of year 1 is left to promote.
    expect((await apply(w.registrar, body, 'promo-2')).statusCode).toBe(409);

    const [g] = await env.ctx.db
      .select()
      .from(academicGroupProfiles)
      .where(eq(academicGroupProfiles.groupId, w.group.id));
    expect(g!.yearOfStudy).toBe(2);
    const [opened] = await env.ctx.db
      .select()
      .from(courseOfferings)
      .where(and(eq(courseOfferings.entryId, w.e2.id), eq(courseOfferings.periodId, w.next.period.id)));
    expect(opened).toBeDefined();
    const enrolled = await env.ctx.db.select().from(enrolments).where(eq(enrolments.offeringId, opened!.id));
    expect(enrolled.map((e) => e.userId)).toEqual([w.people.Абаев!.id]);
    const orders = await env.ctx.db
      .select()
      .from(learnerOrders)
      .where(eq(learnerOrders.kind, 'promotion'))
      .then((rows) => rows.filter((o) => Object.values(w.people).some((p) => p.id === o.learnerId)));
    expect(orders).toHaveLength(1);
    expect(orders[0]).toMatchObject({
      learnerId: w.people.Абаев!.id,
      number: 'П-2020-117',
      effectiveOn: '2020-07-01',
      details: expect.objectContaining({ fromYearOfStudy: 1, toYearOfStudy: 2, gpa: '3.67' }),
    });
    // The order shows in the learner's record.
    const listed = await env.app.inject({
      url: `/api/v1/learners/${w.people.Абаев!.id}/orders`,
      headers: w.registrar.headers,
    });
    expect(listed.statusCode, listed.body).toBe(200);
    expect(listed.json().items.map((o: { kind: string }) => o.kind)).toContain('promotion');
    const [entry] = await env.ctx.db
      .select()
      .from(auditLedger)
      .where(and(eq(auditLedger.action, 'promotion.apply'), eq(auditLedger.subjectId, w.programme.id)));
    expect(entry?.actorId).toBe(w.registrar.id);
  });
});
