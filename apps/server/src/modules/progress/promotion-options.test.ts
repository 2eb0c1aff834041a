import { and, eq, isNull, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestEnv, testEnv, uniq } from '../../../test/harness.ts';
import {
  academicGroupProfiles,
  courseOfferings,
  enrolments,
  groups,
  learnerGroupHistory,
  learnerOrders,
  offeringGroups,
} from '../../db/schema/index.ts';
import { promotionWorld, restoreStudyForm, type Who, who } from './testing.ts';

let env: TestEnv;
let w: Awaited<ReturnType<typeof promotionWorld>>;
let f: Awaited<ReturnType<typeof promotionWorld>>;
beforeAll(async () => {
  env = await testEnv();
  w = await promotionWorld(env, { startYear: 2018, nextYear: 2028, stayingGroup: true });
  f = await promotionWorld(env, { startYear: 2097, nextYear: 2098, ordersYear: 2020 });
});
afterAll(async () => {
  await restoreStudyForm(env, w.studyForm);
  await restoreStudyForm(env, f.studyForm);
});

const preview = (by: Who, q: Record<string, unknown>) =>
  env.app.inject({
    method: 'GET',
    url: `/api/v1/promotion/preview?${new URLSearchParams(Object.entries(q).map(([k, v]) => [k, String(v)]))}`,
    headers: { ...by.headers, 'accept-language': 'en' },
  });
const apply = (by: Who, body: unknown, key: string, lang = 'en') =>
  env.app.inject({
    method: 'POST',
    url: '/api/v1/promotion',
    headers: { ...by.headers, 'accept-language': lang, 'idempotency-key': key },
    payload: body as never,
  });
const openGroup = async (userId: string) =>
  (
    await env.ctx.db
      .select({ groupId: learnerGroupHistory.groupId })
      .from(learnerGroupHistory)
      .where(and(eq(learnerGroupHistory.userId, userId), isNull(learnerGroupHistory.leftOn)))
  ).map((r) => r.groupId);

describe('promotion: learners repeating the year go to a group the registrar picks', () => {
  const q = () => ({ programmeId: w.programme.id, yearOfStudy: 1, startYear: 2018 });
  const body = (extra: Record<string, unknown> = {}) => ({
    ...q(),
    promotedLearnerIds: [w.people.Абаев!.id],
    order: { number: 'П-2019-88', orderDate: '2019-07-01', signerId: w.signer.id },
    academicYearId: w.next.year.id,
    ...extra,
  });

  it('offers the groups of the year that do not move as repeat groups', async () => {
    const res = await preview(w.registrar, q());
    expect(res.statusCode, res.body).toBe(200);
    const p = res.json();
    expect(p.repeatGroupOptions).toEqual([{ id: w.staying!.id, code: w.staying!.code, name: 'АГР-2' }]);
    const staying = p.groups.find((g: { id: string }) => g.id === w.staying!.id);
    expect(staying).toMatchObject({ moves: false, repeating: 0, newRepeatGroupCode: null });
    // Дәуленов is not promoted but his group stays in year 1: he does not move.
    expect(
      p.learners.find((l: { learnerId: string }) => l.learnerId === w.people.Дәуленов!.id),
    ).toMatchObject({
      promoted: false,
      repeatsYear: false,
    });
  });

  it('refuses a repeat group that moves, a group that does not, and a registration closing before the order', async () => {
    const intoMoving = await apply(
      w.registrar,
      body({ repeatGroups: [{ groupId: w.group.id, toGroupId: w.group.id }] }),
      uniq('k'),
      'kk',
    );
    expect(intoMoving.statusCode, intoMoving.body).toBe(422);
    expect(intoMoving.json().errors[0].pointer).toBe('/repeatGroups/0/toGroupId');
    expect(intoMoving.json().detail).toContain('Ешнәрсе өзгертілмеді');
    const notMoving = await apply(
      w.registrar,
      body({ repeatGroups: [{ groupId: w.staying!.id, toGroupId: null }] }),
      uniq('k'),
    );
    expect(notMoving.statusCode).toBe(422);
    expect(notMoving.json().errors[0].pointer).toBe('/repeatGroups/0/groupId');
    const closes = await apply(w.registrar, body({ registrationClosesOn: '2019-06-30' }), uniq('k'), 'ru');
    expect(closes.statusCode).toBe(422);
    expect(closes.json().errors[0].pointer).toBe('/registrationClosesOn');
    expect(closes.json().detail).toContain('2019-07-01');
    // Nothing changed.
    const [g] = await env.ctx.db
      .select()
      .from(academicGroupProfiles)
      .where(eq(academicGroupProfiles.groupId, w.group.id));
    expect(g!.yearOfStudy).toBe(1);
    expect(await openGroup(w.people.Бекова!.id)).toEqual([w.group.id]);
    const orders = await env.ctx.db.select().from(learnerOrders).where(eq(learnerOrders.number, 'П-2019-88'));
    expect(orders).toEqual([]);
  });

  it('moves those repeating the year into the picked group, creating none', async () => {
    const res = await apply(
      w.registrar,
      body({ repeatGroups: [{ groupId: w.group.id, toGroupId: w.staying!.id }] }),
      'opt-1',
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().repeating).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ learnerId: w.people.Бекова!.id, toGroupId: w.staying!.id, created: false }),
        expect.objectContaining({ learnerId: w.people.Ильин!.id, toGroupId: w.staying!.id, created: false }),
      ]),
    );
    expect(await openGroup(w.people.Бекова!.id)).toEqual([w.staying!.id]);
    expect(await openGroup(w.people.Ильин!.id)).toEqual([w.staying!.id]);
    expect(await openGroup(w.people.Дәуленов!.id)).toEqual([w.staying!.id]);
    // On leave, Жанов stays with the group record; his return order decides his group.
    expect(await openGroup(w.people.Жанов!.id)).toEqual([w.group.id]);
    const created = await env.ctx.db
      .select()
      .from(groups)
      .where(sql`lower(${groups.code}) like lower(${`${w.group.code}-R%`})`);
    expect(created).toEqual([]);
    const [staying] = await env.ctx.db
      .select()
      .from(academicGroupProfiles)
      .where(eq(academicGroupProfiles.groupId, w.staying!.id));
    expect(staying!.yearOfStudy).toBe(1);
    // The group that stays studies year 1 again in the new calendar: all three are enrolled.
    expect(res.json().repeatGroups).toEqual([{ groupId: w.staying!.id, offerings: 1, later: 0 }]);
    const [again] = await env.ctx.db
      .select({ id: courseOfferings.id })
      .from(courseOfferings)
      .innerJoin(offeringGroups, eq(offeringGroups.offeringId, courseOfferings.id))
      .where(and(eq(courseOfferings.periodId, w.next.period.id), eq(offeringGroups.groupId, w.staying!.id)));
    const enrolled = await env.ctx.db.select().from(enrolments).where(eq(enrolments.offeringId, again!.id));
    expect(enrolled.map((e) => e.userId).sort()).toEqual(
      [w.people.Бекова!.id, w.people.Ильин!.id, w.people.Дәуленов!.id].sort(),
    );
  });
});

describe('promotion: the "outstanding F blocks promotion" setting', () => {
  it('keeps a learner with an F from promotion in the years a grading settings version says so', async () => {
    const admin = await who(env, ['registrar']);
    const settingsAt = async (year: number) =>
      (
        await env.app.inject({
          url: `/api/v1/grading-settings/effective?year=${year}`,
          headers: admin.headers,
        })
      ).json().settings;
    // A version for 2097 alone: the one after it puts back what applied from 2098, so other years keep theirs.
    const after = await settingsAt(2098);
    const before = await settingsAt(2097);
    const post = (appliesFromYear: number, settings: unknown) =>
      env.app.inject({
        method: 'POST',
        url: '/api/v1/grading-settings',
        headers: admin.headers,
        payload: { appliesFromYear, reason: 'Outstanding F blocks promotion (test year)', settings } as never,
      });
    expect((await post(2097, { ...before, outstandingFBlocksPromotion: true })).statusCode).toBe(201);
    expect((await post(2098, after)).statusCode).toBe(201);
    expect(await settingsAt(2098)).toEqual(after);

    const res = await preview(f.registrar, { programmeId: f.programme.id, yearOfStudy: 1, startYear: 2097 });
    expect(res.statusCode, res.body).toBe(200);
    const p = res.json();
    expect(p.outstandingFBlocksPromotion).toBe(true);
    expect(p.learners.find((l: { learnerId: string }) => l.learnerId === f.people.Абаев!.id)).toMatchObject({
      gpa: '3.67',
      outstandingF: 1,
      promoted: false,
      reason: 'outstandingF',
    });
    expect(p.promoted).toBe(0);
  });
});
