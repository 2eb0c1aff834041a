import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestEnv, testEnv } from '../../../test/harness.ts';
import {
  academicGroupProfiles,
  auditLedger,
  courseOfferings,
  enrolments,
  learnerGroupHistory,
  learnerOrders,
  offeringGroups,
  studyPlans,
} from '../../db/schema/index.ts';
import { promotionWorld, restoreStudyForm, type Who, who } from './testing.ts';

let env: TestEnv;
let one: Awaited<ReturnType<typeof promotionWorld>>;
let run: Awaited<ReturnType<typeof promotionWorld>>;
let office: Who;
beforeAll(async () => {
  env = await testEnv();
  one = await promotionWorld(env, { startYear: 2016, nextYear: 2029 });
  run = await promotionWorld(env, { startYear: 2015, nextYear: 2030 });
  office = await who(env, ['dl_institute_director']);
});
afterAll(async () => {
  await restoreStudyForm(env, one.studyForm);
  await restoreStudyForm(env, run.studyForm);
});

type World = typeof one;
const post = (by: Who, url: string, payload: unknown, headers: Record<string, string> = {}, lang = 'en') =>
  env.app.inject({
    method: 'POST',
    url,
    headers: { ...by.headers, 'accept-language': lang, ...headers },
    payload: payload as never,
  });
const promote = async (w: World, startYear: number, key: string) => {
  const res = await post(
    w.registrar,
    '/api/v1/promotion',
    {
      programmeId: w.programme.id,
      yearOfStudy: 1,
      startYear,
      promotedLearnerIds: [w.people.Абаев!.id],
      order: { number: `П-${startYear + 1}-1`, orderDate: `${startYear + 1}-07-01`, signerId: w.signer.id },
      academicYearId: w.next.year.id,
    },
    { 'idempotency-key': key },
  );
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const openGroup = async (userId: string) =>
  (
    await env.ctx.db
      .select({ groupId: learnerGroupHistory.groupId })
      .from(learnerGroupHistory)
      .where(and(eq(learnerGroupHistory.userId, userId), isNull(learnerGroupHistory.leftOn)))
  ).map((r) => r.groupId);
const yearOf = async (groupId: string) =>
  (
    await env.ctx.db.select().from(academicGroupProfiles).where(eq(academicGroupProfiles.groupId, groupId))
  )[0]!.yearOfStudy;
const newYearOfferings = async (groupId: string) =>
  (
    await env.ctx.db
      .select({ id: offeringGroups.offeringId })
      .from(offeringGroups)
      .where(eq(offeringGroups.groupId, groupId))
  ).map((r) => r.id);
const approvePlan = (userId: string, status: 'approved' | 'draft') =>
  env.ctx.db
    .update(studyPlans)
    .set({ status })
    .where(and(eq(studyPlans.userId, userId), eq(studyPlans.yearOfStudy, 2)));

describe('cancelling one learner’s promotion order', () => {
  it('handles the learner as not promoted: into the run’s repeat group, the new year taken back; refused once it started', async () => {
    const applied = await promote(one, 2016, 'undo-one-1');
    const repeatGroupId = applied.repeating[0].toGroupId;
    const abaev = one.people.Абаев!;
    const year2 = (await newYearOfferings(one.group.id)).filter((id) => id !== one.offering.id);
    expect(year2.length).toBeGreaterThan(0);
    const [promotion] = await env.ctx.db
      .select()
      .from(learnerOrders)
      .where(and(eq(learnerOrders.learnerId, abaev.id), eq(learnerOrders.kind, 'promotion')));
    const cancel = (lang = 'en') =>
      post(
        office,
        `/api/v1/learners/${abaev.id}/orders`,
        {
          kind: 'cancellation',
          number: 'П-2017-9',
          orderDate: '2017-07-10',
          signerId: one.signer.id,
          cancelsOrderId: promotion!.id,
          reason: 'The GPA was entered wrongly',
        },
        {},
        lang,
      );

    // An approved plan of year 2 means the new year started for him.
    await approvePlan(abaev.id, 'approved');
    const refused = await cancel('kk');
    expect(refused.statusCode, refused.body).toBe(409);
    expect(refused.json().detail).toContain('Ешнәрсе өзгертілмеді');
    expect(await openGroup(abaev.id)).toEqual([one.group.id]);
    await approvePlan(abaev.id, 'draft');

    const res = await cancel();
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().details).toMatchObject({
      repeatsYear: 1,
      toGroupId: repeatGroupId,
      fromGroupId: one.group.id,
    });
    expect(await openGroup(abaev.id)).toEqual([repeatGroupId]);
    expect(await yearOf(repeatGroupId)).toBe(1);
    const left = await env.ctx.db
      .select()
      .from(enrolments)
      .where(and(eq(enrolments.userId, abaev.id)));
    expect(left.filter((e) => year2.includes(e.offeringId))).toEqual([]);
    expect(await env.ctx.db.select().from(studyPlans).where(eq(studyPlans.userId, abaev.id))).toEqual([]);
    // His year-1 record is untouched: the F still to study again.
    expect(left.map((e) => e.offeringId)).toContain(one.offering.id);
    // He studies year 1 again with the repeat group, in the calendar the promotion opened.
    const repeatYear = await newYearOfferings(repeatGroupId);
    expect(repeatYear).toHaveLength(1);
    expect(left.filter((e) => e.offeringId === repeatYear[0])).toEqual([
      expect.objectContaining({ status: 'active' }),
    ]);
  });
});

describe('undoing a whole promotion run', () => {
  const body = (orderNumber = 'П-2016-1') => ({
    programmeId: run.programme.id,
    yearOfStudy: 1,
    orderNumber,
    cancellation: {
      number: 'П-2016-2',
      orderDate: '2016-07-15',
      signerId: run.signer.id,
      reason: 'Wrong list',
    },
  });
  const undo = (key: string | null, b: unknown = body(), lang = 'en') =>
    post(run.registrar, '/api/v1/promotion/undo', b, key ? { 'idempotency-key': key } : {}, lang);

  it('is refused without a key, for an unknown order, once the new year started, and for others; nothing changes', async () => {
    await promote(run, 2015, 'undo-run-1');
    expect((await undo(null)).statusCode).toBe(428);
    const unknown = await undo('undo-x-1', body('П-none'), 'ru');
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().errors[0].pointer).toBe('/orderNumber');
    await approvePlan(run.people.Абаев!.id, 'approved');
    const started = await undo('undo-x-2', body(), 'en');
    expect(started.statusCode, started.body).toBe(409);
    expect(started.json().detail).toContain('approved study plans: 1');
    await approvePlan(run.people.Абаев!.id, 'draft');
    expect(
      (await post(run.people.Абаев!, '/api/v1/promotion/undo', body(), { 'idempotency-key': 'undo-x-3' }))
        .statusCode,
    ).toBe(403);
    expect(await yearOf(run.group.id)).toBe(2);
    expect(await openGroup(run.people.Бекова!.id)).not.toEqual([run.group.id]);
  });

  it('moves the group back, cancels the run’s orders, returns those repeating the year, and allows promoting again', async () => {
    const year2 = (await newYearOfferings(run.group.id)).filter((id) => id !== run.offering.id);
    const [repeatTransfer] = await env.ctx.db
      .select()
      .from(learnerOrders)
      .where(and(eq(learnerOrders.learnerId, run.people.Бекова!.id), eq(learnerOrders.kind, 'transfer')));
    const repeatYear = await newYearOfferings((repeatTransfer!.details as { toGroupId: string }).toGroupId);
    expect(repeatYear).toHaveLength(1);
    const res = await undo('undo-run-ok');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      groups: 1,
      promotionsCancelled: 1,
      repeatersBack: 2,
      enrolmentsRemoved: 1,
      offeringsRemoved: year2.length,
    });
    const again = await undo('undo-run-ok');
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(await yearOf(run.group.id)).toBe(1);
    for (const l of ['Абаев', 'Бекова', 'Ильин'])
      expect(await openGroup(run.people[l]!.id)).toEqual([run.group.id]);
    expect(await newYearOfferings(run.group.id)).toEqual([run.offering.id]);
    // Nor are those back from the repeat group still enrolled in its year.
    const stale = await env.ctx.db.select().from(enrolments).where(eq(enrolments.offeringId, repeatYear[0]!));
    expect(stale).toEqual([]);
    const [year1] = await env.ctx.db
      .select()
      .from(courseOfferings)
      .where(eq(courseOfferings.id, run.offering.id));
    expect(year1!.status).toBe('active');
    const cancellations = await env.ctx.db
      .select()
      .from(learnerOrders)
      .where(eq(learnerOrders.number, 'П-2016-2'));
    expect(cancellations).toHaveLength(3);
    expect(
      await env.ctx.db.select().from(studyPlans).where(eq(studyPlans.userId, run.people.Абаев!.id)),
    ).toEqual([]);
    const [entry] = await env.ctx.db
      .select()
      .from(auditLedger)
      .where(and(eq(auditLedger.action, 'promotion.undo'), eq(auditLedger.subjectId, run.programme.id)));
    expect(entry).toMatchObject({
      actorId: run.registrar.id,
      data: expect.objectContaining({ orderNumber: 'П-2016-1' }),
    });

    // Promoting again opens the new year again.
    const redo = await promote(run, 2015, 'undo-run-2');
    expect(redo.groups[0]).toMatchObject({ fromYearOfStudy: 1, toYearOfStudy: 2, offerings: 3 });
    expect(await yearOf(run.group.id)).toBe(2);
  });
});
