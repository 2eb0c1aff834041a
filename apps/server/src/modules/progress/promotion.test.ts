import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestEnv, testEnv, uniq } from '../../../test/harness.ts';
import {
  academicGroupProfiles,
  auditLedger,
  courseOfferings,
  electiveWindows,
  enrolments,
  groups,
  learnerGroupHistory,
  learnerOrders,
  offeringGroups,
  repeatDisciplines,
  studyPlans,
} from '../../db/schema/index.ts';
import { promotionWorld, restoreStudyForm, type Who } from './testing.ts';

let env: TestEnv;
let w: Awaited<ReturnType<typeof promotionWorld>>;
beforeAll(async () => {
  env = await testEnv();
  w = await promotionWorld(env);
});
afterAll(() => restoreStudyForm(env, w.studyForm));

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
    // The group moves; Бекова and Ильин (studying, not promoted) would repeat year 1 in a new group.
    expect(p.groups).toEqual([
      expect.objectContaining({
        id: w.group.id,
        learners: 4,
        moves: true,
        repeating: 2,
        newRepeatGroupCode: `${w.group.code}-R`,
      }),
    ]);
    expect(p.repeatGroupOptions).toEqual([]);
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
      repeatsYear: true,
    });
    expect(by(w.people.Жанов!.id)).toMatchObject({
      gpa: '2.33',
      promoted: false,
      reason: 'notStudying',
      repeatsYear: false,
    });
    expect(by(w.people.Ильин!.id)).toMatchObject({
      gpa: null,
      promoted: false,
      reason: 'gpaBelowTransfer',
      repeatsYear: true,
    });
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

  it('applies once per Idempotency-Key: the group moves up, the promoted learner is enrolled and gets an order, those repeating the year move to a new repeat group', async () => {
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
      groups: [{ groupId: w.group.id, fromYearOfStudy: 1, toYearOfStudy: 2, offerings: 3, later: 0 }],
    });
    const repeat = res.json().repeating;
    expect(repeat).toHaveLength(2);
    expect(repeat.map((r: { learnerId: string }) => r.learnerId).sort()).toEqual(
      [w.people.Бекова!.id, w.people.Ильин!.id].sort(),
    );
    const repeatGroupId = repeat[0].toGroupId;
    expect(repeat).toEqual(
      repeat.map(() =>
        expect.objectContaining({
          fromGroupId: w.group.id,
          toGroupId: repeatGroupId,
          toGroupCode: `${w.group.code}-R`,
          created: true,
        }),
      ),
    );
    expect(res.json().repeatGroups).toEqual([{ groupId: repeatGroupId, offerings: 1, later: 0 }]);
    const again = await apply(w.registrar, body, 'promo-1');
    expect(again.statusCode).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    // A new key finds the group already in year 2: nobody of year 1 is left to promote.
    expect((await apply(w.registrar, body, 'promo-2')).statusCode).toBe(409);
    // Nor is the group judged again for year 2 on the same academic year (it would move twice).
    const year2 = await preview(w.registrar, { ...q(), yearOfStudy: 2 });
    expect(year2.statusCode, year2.body).toBe(200);
    expect(year2.json()).toMatchObject({ groups: [], learners: [] });

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
    await repeatersStayInYear1(repeatGroupId, opened!.id);
    await registrationOpened();
    const [entry] = await env.ctx.db
      .select()
      .from(auditLedger)
      .where(and(eq(auditLedger.action, 'promotion.apply'), eq(auditLedger.subjectId, w.programme.id)));
    expect(entry?.actorId).toBe(w.registrar.id);
  });
});

/** Бекова and Ильин: in the repeat group of year 1 by a transfer order, not enrolled in year 2, Бекова's F still to study. */
async function repeatersStayInYear1(repeatGroupId: string, year2OfferingId: string) {
  const db = env.ctx.db;
  const [g] = await db
    .select({ g: groups, p: academicGroupProfiles })
    .from(groups)
    .innerJoin(academicGroupProfiles, eq(academicGroupProfiles.groupId, groups.id))
    .where(eq(groups.id, repeatGroupId));
  expect(g!.p).toMatchObject({
    programmeId: w.programme.id,
    intakeYear: 2019,
    yearOfStudy: 1,
    language: 'kk',
  });
  for (const l of [w.people.Бекова!, w.people.Ильин!]) {
    const open = await db
      .select()
      .from(learnerGroupHistory)
      .where(and(eq(learnerGroupHistory.userId, l.id), isNull(learnerGroupHistory.leftOn)));
    expect(open.map((h) => h.groupId)).toEqual([repeatGroupId]);
    const [order] = await db
      .select()
      .from(learnerOrders)
      .where(and(eq(learnerOrders.learnerId, l.id), eq(learnerOrders.kind, 'transfer')));
    expect(order).toMatchObject({
      number: 'П-2020-117',
      effectiveOn: '2020-07-01',
      details: expect.objectContaining({ repeatsYear: 1, fromGroupId: w.group.id, toGroupId: repeatGroupId }),
    });
    const year2 = await db
      .select()
      .from(enrolments)
      .where(and(eq(enrolments.userId, l.id), eq(enrolments.offeringId, year2OfferingId)));
    expect(year2).toEqual([]);
    // They study year 1 again in the new calendar, with their repeat group.
    const [again] = await db
      .select({ id: courseOfferings.id })
      .from(courseOfferings)
      .innerJoin(offeringGroups, eq(offeringGroups.offeringId, courseOfferings.id))
      .where(
        and(
          eq(courseOfferings.entryId, w.e1.id),
          eq(courseOfferings.periodId, w.next.period.id),
          eq(offeringGroups.groupId, repeatGroupId),
        ),
      );
    const [mine] = await db
      .select()
      .from(enrolments)
      .where(and(eq(enrolments.userId, l.id), eq(enrolments.offeringId, again!.id)));
    expect(mine?.status).toBe('active');
    // Their study plan is the one of year 1 (their group's year).
    const plan = await env.app.inject({
      url: `/api/v1/learners/${l.id}/study-plan`,
      headers: w.registrar.headers,
    });
    expect(plan.statusCode, plan.body).toBe(200);
    expect(plan.json().yearOfStudy).toBe(1);
  }
  const fs = await db
    .select()
    .from(repeatDisciplines)
    .where(eq(repeatDisciplines.userId, w.people.Бекова!.id));
  expect(fs.map((f) => f.status)).toEqual(['planned']);
}

/** Абаев has a draft study plan of year 2, and year 2's elective registration is open until the day before its trimester. */
async function registrationOpened() {
  const db = env.ctx.db;
  const plans = await db.select().from(studyPlans).where(eq(studyPlans.userId, w.people.Абаев!.id));
  expect(plans).toEqual([
    expect.objectContaining({ yearOfStudy: 2, status: 'draft', curriculumId: w.curriculum.id }),
  ]);
  for (const l of [w.people.Бекова!, w.people.Ильин!]) {
    expect(await db.select().from(studyPlans).where(eq(studyPlans.userId, l.id))).toEqual([]);
  }
  const [window] = await db
    .select()
    .from(electiveWindows)
    .where(and(eq(electiveWindows.curriculumId, w.curriculum.id), eq(electiveWindows.yearOfStudy, 2)));
  expect(window).toMatchObject({ opensOn: '2020-07-01', closesOn: '2027-08-31' });
  // The learner sees the plan of year 2 with the registration open and chooses an elective.
  const plan = await env.app.inject({
    url: `/api/v1/learners/${w.people.Абаев!.id}/study-plan`,
    headers: w.people.Абаев!.headers,
  });
  expect(plan.statusCode, plan.body).toBe(200);
  expect(plan.json()).toMatchObject({ yearOfStudy: 2, status: 'draft', window: { open: true } });
}
