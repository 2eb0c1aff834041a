import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '#core/calendar/index.ts';
import { type TestEnv, testEnv, uniq } from '../../../test/harness.ts';
import { courseOfferings, enrolments, offeringGroups } from '../../db/schema/index.ts';
import { almatyToday } from '../academics/scopes.ts';
import { currentCalendar, json, person } from '../academics/testing.ts';
import { admittedLearners, call } from './testing.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
});

const el = (block: string, over: Record<string, unknown> = {}) => ({
  component: 'elective',
  electiveBlock: block,
  ...over,
});
const disciplines = [{}, { yearOfStudy: 2 }, el('A'), el('A'), el('A'), el('B'), el('B')];

async function setup(
  window: { opensOn: string; closesOn: string } = {
    opensOn: addDays(almatyToday(), -1),
    closesOn: addDays(almatyToday(), 5),
  },
) {
  const s = await admittedLearners(env, { disciplines });
  const office = await person(env, {
    code: 'deans_office_staff',
    scopeType: 'org_unit',
    scopeId: s.facultyId,
  });
  const advisor = await person(env, { code: 'advisor', scopeType: 'group', scopeId: s.groupId });
  const res = await call(env, 'PUT', office, `/api/v1/curricula/${s.curriculum.id}/elective-windows/1`, {
    ...window,
    rules: [{ block: 'A', choose: 2 }],
  });
  if (res.statusCode !== 200) throw new Error(res.body);
  const a = s.entries.slice(2, 5).map((e: { id: string }) => e.id) as [string, string, string];
  const b = s.entries.slice(5, 7).map((e: { id: string }) => e.id) as [string, string];
  return { ...s, office, advisor, a, b };
}

const choose = (
  s: { learner: { headers: Record<string, string>; id: string } },
  entryIds: string[],
  headers = {},
) =>
  env.app.inject({
    method: 'PUT',
    url: `/api/v1/learners/${s.learner.id}/study-plan/electives`,
    headers: { ...s.learner.headers, ...headers },
    payload: { entryIds },
  });

describe('individual study plan', () => {
  it('shows the year’s compulsory disciplines and elective blocks with the choose rule', async () => {
    const s = await setup();
    const res = await call(env, 'GET', s.learner, `/api/v1/learners/${s.learner.id}/study-plan`);
    expect(res.statusCode, res.body).toBe(200);
    const plan = json(res);
    expect(plan).toMatchObject({ id: null, status: 'draft', yearOfStudy: 1, window: { open: true } });
    expect(plan.compulsory.map((d: { entryId: string }) => d.entryId)).toEqual([s.entries[0].id]);
    expect(
      plan.blocks.map((b: { block: string; choose: number; options: unknown[] }) => [
        b.block,
        b.choose,
        b.options.length,
      ]),
    ).toEqual([
      ['A', 2, 3],
      ['B', 1, 2],
    ]);
  });

  it('a learner registers N of M in each block and the advisor approves; approved plans are frozen', async () => {
    const s = await setup();
    const res = await choose(s, [s.a[0], s.a[2], s.b[1]]);
    expect(res.statusCode, res.body).toBe(200);
    const plan = json(res);
    expect(plan.status).toBe('submitted');
    expect(plan.credits).toBe(5 + 3 * 5);
    const chosen = plan.blocks[0].options.filter((o: { chosen: boolean }) => o.chosen);
    expect(chosen.map((o: { entryId: string }) => o.entryId).sort()).toEqual([s.a[0], s.a[2]].sort());
    const waiting = json(await call(env, 'GET', s.advisor, '/api/v1/study-plans?status=submitted'));
    expect(waiting.items).toEqual([
      expect.objectContaining({ id: plan.id, learnerId: s.learner.id, status: 'submitted', electives: 3 }),
    ]);
    const ok = await call(env, 'POST', s.advisor, `/api/v1/study-plans/${plan.id}/decision`, {
      decision: 'approve',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(json(ok).status).toBe('approved');
    const again = await choose(s, [s.a[0], s.a[1], s.b[1]]);
    expect(again.statusCode).toBe(422);
    expect(json(again).detail).toBe('An approved individual study plan cannot be changed.');
  });

  it('the advisor returns a plan with a comment (a comment is required); the learner chooses again', async () => {
    const s = await setup();
    const plan = json(await choose(s, [s.a[0], s.a[1], s.b[0]]));
    const noComment = await call(env, 'POST', s.advisor, `/api/v1/study-plans/${plan.id}/decision`, {
      decision: 'return',
    });
    expect(noComment.statusCode).toBe(400);
    const back = await call(env, 'POST', s.advisor, `/api/v1/study-plans/${plan.id}/decision`, {
      decision: 'return',
      comment: 'Take B2 for your track',
    });
    expect(json(back)).toMatchObject({ status: 'returned', comment: 'Take B2 for your track' });
    const stale = await choose(s, [s.a[0], s.a[1], s.b[1]], { 'if-match': `"${plan.version}"` });
    expect(stale.statusCode).toBe(409);
    const fixed = await choose(s, [s.a[0], s.a[1], s.b[1]], { 'if-match': `"${json(back).version}"` });
    expect(fixed.statusCode, fixed.body).toBe(200);
    expect(json(fixed).status).toBe('submitted');
  });

  it('refuses a choice against the block rules, listing each problem', async () => {
    const s = await setup();
    const tooFew = await choose(s, [s.a[0], s.b[0]]);
    expect(tooFew.statusCode).toBe(422);
    expect(json(tooFew).errors).toEqual([
      expect.objectContaining({ code: 'wrongCount', detail: 'choose 2 from block “A” (chosen: 1).' }),
    ]);
    const tooMany = await choose(s, [...s.a, s.b[0]]);
    expect(json(tooMany).errors[0]).toMatchObject({ code: 'wrongCount' });
    const twoFromB = await choose(s, [s.a[0], s.a[1], ...s.b]);
    expect(json(twoFromB).errors[0].detail).toMatch(/block “B”/);
    const compulsory = await choose(s, [s.a[0], s.a[1], s.b[0], s.entries[0].id]);
    expect(json(compulsory).errors).toEqual([
      expect.objectContaining({ pointer: '/entryIds/3', code: 'notAnElective' }),
    ]);
  });

  it('refuses registration outside the window and before any window is set', async () => {
    const s = await setup({ opensOn: addDays(almatyToday(), 1), closesOn: addDays(almatyToday(), 10) });
    const res = await choose(s, [s.a[0], s.a[1], s.b[0]]);
    expect(res.statusCode).toBe(422);
    expect(json(res).detail).toBe('Elective registration is not open.');
    const bare = await admittedLearners(env, { disciplines });
    const none = await env.app.inject({
      method: 'PUT',
      url: `/api/v1/learners/${bare.learner.id}/study-plan/electives`,
      headers: bare.learner.headers,
      payload: { entryIds: [] },
    });
    expect(none.statusCode).toBe(422);
  });

  it('only the learner’s advisor decides; another learner cannot see or choose; a window names real blocks', async () => {
    const s = await setup();
    const plan = json(await choose(s, [s.a[0], s.a[1], s.b[0]]));
    const otherAdvisor = await person(env, {
      code: 'advisor',
      scopeType: 'group',
      scopeId: (await admittedLearners(env)).groupId,
    });
    expect(
      (
        await call(env, 'POST', otherAdvisor, `/api/v1/study-plans/${plan.id}/decision`, {
          decision: 'approve',
        })
      ).statusCode,
    ).toBe(403);
    const stranger = await person(env, 'learner');
    expect((await call(env, 'GET', stranger, `/api/v1/learners/${s.learner.id}/study-plan`)).statusCode).toBe(
      404,
    );
    expect(
      (
        await call(env, 'PUT', stranger, `/api/v1/learners/${s.learner.id}/study-plan/electives`, {
          entryIds: [],
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (await call(env, 'GET', s.advisor, `/api/v1/learners/${s.learner.id}/study-plan`)).statusCode,
    ).toBe(200);
    const badBlock = await call(
      env,
      'PUT',
      s.office,
      `/api/v1/curricula/${s.curriculum.id}/elective-windows/1`,
      {
        opensOn: '2026-09-01',
        closesOn: '2026-09-10',
        rules: [{ block: 'Z', choose: 1 }],
      },
    );
    expect(badBlock.statusCode).toBe(422);
  });
});

describe('the approved plan drives elective enrolment', () => {
  it('enrols in the chosen electives’ offerings of the group and removes the others (rows kept)', async () => {
    const s = await setup();
    const cal = await currentCalendar(env, 'distance');
    const offeringOf = async (i: number) => {
      const entry = s.entries[i];
      const [o] = await env.ctx.db
        .insert(courseOfferings)
        .values({
          periodId: cal.periods[0]!.id,
          entryId: entry.id,
          disciplineId: entry.disciplineId,
          code: uniq('OFF'),
        })
        .returning();
      await env.ctx.db.insert(offeringGroups).values({ offeringId: o!.id, groupId: s.groupId });
      return o!.id;
    };
    const [oa0, oa1, oa2] = [await offeringOf(2), await offeringOf(3), await offeringOf(4)];
    // the group was enrolled in everything; a2 the learner never had
    await env.ctx.db.insert(enrolments).values([
      { offeringId: oa0, userId: s.learner.id },
      { offeringId: oa1, userId: s.learner.id },
    ]);
    const plan = json(await choose(s, [s.a[0], s.a[2], s.b[0]]));
    const ok = await call(env, 'POST', s.advisor, `/api/v1/study-plans/${plan.id}/decision`, {
      decision: 'approve',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const rows = await env.ctx.db.select().from(enrolments).where(eq(enrolments.userId, s.learner.id));
    const status = (id: string) => rows.find((r) => r.offeringId === id)?.status;
    expect([status(oa0), status(oa1), status(oa2)]).toEqual(['active', 'removed', 'active']);
  });
});

describe('credit transfer and the academic difference', () => {
  it('maps earlier disciplines onto the curriculum; the rest of earlier years is the difference', async () => {
    const s = await admittedLearners(env, {
      yearOfStudy: 2,
      disciplines: [{}, {}, { periodNumber: 2 }, { yearOfStudy: 2 }, el('A')],
    });
    const [e1, e2, e3] = s.entries.map((e: { id: string }) => e.id);
    const res = await call(env, 'POST', s.director, `/api/v1/learners/${s.learner.id}/credit-transfers`, {
      items: [
        {
          institution: 'Аграрлық колледж',
          disciplineName: 'Топырақтану',
          credits: 5,
          grade: 'B+',
          entryId: e1,
        },
        { institution: 'Аграрлық колледж', disciplineName: 'Химия', credits: 4, grade: 78 },
      ],
    });
    expect(res.statusCode, res.body).toBe(201);
    const body = json(res);
    expect(body.transfers.find((t: { entryId: string }) => t.entryId === e1)).toMatchObject({
      percent: 85,
      letter: 'B+',
    });
    expect(body.academicDifference.map((d: { entryId: string }) => d.entryId)).toEqual([e2, e3]);
    const card = json(await call(env, 'GET', s.learner, `/api/v1/learners/${s.learner.id}/card`));
    expect(card.creditTransfers).toHaveLength(2);
    const plan = json(await call(env, 'GET', s.learner, `/api/v1/learners/${s.learner.id}/study-plan`));
    expect(plan.yearOfStudy).toBe(2);
    expect(plan.academicDifference.map((d: { entryId: string }) => d.entryId)).toEqual([e2, e3]);
    const year1 = json(
      await call(env, 'GET', s.learner, `/api/v1/learners/${s.learner.id}/study-plan?yearOfStudy=1`),
    );
    expect(year1.compulsory.find((d: { entryId: string }) => d.entryId === e1).transferred).toBe(true);
  });

  it('refuses a failing grade, a bad grade, a discipline outside the curriculum, mapping twice (nothing saved)', async () => {
    const s = await admittedLearners(env, { yearOfStudy: 2, disciplines: [{}, {}] });
    const other = await admittedLearners(env);
    const [e1] = s.entries.map((e: { id: string }) => e.id);
    const item = (over: Record<string, unknown>) => ({
      institution: 'X',
      disciplineName: 'Y',
      credits: 5,
      grade: 'A',
      ...over,
    });
    const res = await call(env, 'POST', s.director, `/api/v1/learners/${s.learner.id}/credit-transfers`, {
      items: [
        item({ grade: 'F', entryId: e1 }),
        item({ grade: 'Q' }),
        item({ entryId: other.entries[0].id }),
        item({ entryId: e1 }),
      ],
    });
    expect(res.statusCode).toBe(422);
    expect(json(res).errors.map((e: { pointer: string }) => e.pointer)).toEqual([
      '/items/0/grade',
      '/items/1/grade',
      '/items/2/entryId',
      '/items/3/entryId',
    ]);
    const ok = await call(env, 'POST', s.director, `/api/v1/learners/${s.learner.id}/credit-transfers`, {
      items: [item({ entryId: e1 })],
    });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(json(ok).transfers).toHaveLength(1);
    expect(
      (
        await call(env, 'POST', s.learner, `/api/v1/learners/${s.learner.id}/credit-transfers`, {
          items: [item({})],
        })
      ).statusCode,
    ).toBe(404);
  });
});
