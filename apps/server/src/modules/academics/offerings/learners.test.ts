import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { type TestEnv, testEnv } from '../../../../test/harness.ts';
import { users } from '../../../db/schema/index.ts';
import {
  approvedCurriculum,
  currentCalendar,
  groupWithLearner,
  json,
  type Person,
  person,
} from '../testing.ts';

let env: TestEnv;
let t2: string;
let staff: Person;
beforeAll(async () => {
  env = await testEnv();
  const cal = await currentCalendar(env, 'distance');
  t2 = cal.periods.find((p) => p.kind === 'trimester' && p.number === 2)!.id;
  staff = await person(env, 'dl_institute_staff');
});

const get = (who: Person, url: string) => env.app.inject({ url, headers: who.headers });
type Row = { surname: string; status: string; groupCode: string | null };

/** An offering of two groups, enrolled, with learners named so that Kazakh order matters. */
async function offeringWithLearners() {
  const setup = await approvedCurriculum(env, { disciplines: [{ periodNumber: 2 }] });
  const a = await groupWithLearner(env, setup.programme, { learners: 3 });
  const b = await groupWithLearner(env, setup.programme, { learners: 2 });
  const named = [...a.learners, ...b.learners];
  const surnames = ['Өмірбек', 'Әлиев', 'Бекова', 'Ахметов', 'Ұлықбек'];
  for (const [i, l] of named.entries()) {
    await env.ctx.db
      .update(users)
      .set({ surname: surnames[i]!, givenName: 'Арман' })
      .where(eq(users.id, l.id));
  }
  const created = await env.app.inject({
    method: 'POST',
    url: '/api/v1/offerings',
    headers: setup.director.headers,
    payload: { periodId: t2, entryId: setup.entries[0].id, groupIds: [a.groupId, b.groupId] },
  });
  expect(created.statusCode, created.body).toBe(201);
  const offering = json(created);
  for (const g of [a, b]) {
    await env.app.inject({
      method: 'POST',
      url: `/api/v1/offerings/${offering.id}/enrolments`,
      headers: setup.director.headers,
      payload: { groupId: g.groupId },
    });
  }
  return { ...setup, offering, a, b, named };
}

describe('listOfferingLearners', () => {
  it('lists the enrolled learners in Kazakh order with their group, searchable and paged', async () => {
    const s = await offeringWithLearners();
    const res = await get(staff, `/api/v1/offerings/${s.offering.id}/learners`);
    expect(res.statusCode, res.body).toBe(200);
    const all = json(res);
    expect(all.total).toBe(5);
    expect(all.items.map((l: Row) => l.surname)).toEqual([
      'Ахметов',
      'Әлиев',
      'Бекова',
      'Өмірбек',
      'Ұлықбек',
    ]);
    expect(all.items.find((l: Row) => l.surname === 'Ахметов').groupCode).toBe(s.b.code);
    const page2 = json(await get(staff, `/api/v1/offerings/${s.offering.id}/learners?pageSize=2&page=2`));
    expect(page2.items.map((l: Row) => l.surname)).toEqual(['Бекова', 'Өмірбек']);
    const found = json(
      await get(staff, `/api/v1/offerings/${s.offering.id}/learners?q=${encodeURIComponent('ов')}`),
    );
    expect(found.items.map((l: Row) => l.surname)).toEqual(['Ахметов', 'Бекова']);
  });

  it('shows removed learners only when asked; the removal keeps their row', async () => {
    const s = await offeringWithLearners();
    const removed = s.named[0]!;
    const del = await env.app.inject({
      method: 'DELETE',
      url: `/api/v1/offerings/${s.offering.id}/enrolments/${removed.id}`,
      headers: s.director.headers,
    });
    expect(del.statusCode).toBe(204);
    const active = json(await get(staff, `/api/v1/offerings/${s.offering.id}/learners`));
    expect(active.total).toBe(4);
    const gone = json(await get(staff, `/api/v1/offerings/${s.offering.id}/learners?status=removed`));
    expect(gone.items.map((l: Row & { userId: string }) => [l.userId, l.status])).toEqual([
      [removed.id, 'removed'],
    ]);
    expect(gone.items[0].removedAt).toBeTruthy();
    expect(json(await get(staff, `/api/v1/offerings/${s.offering.id}/learners?status=all`)).total).toBe(5);
  });

  it('is for staff and the offering’s teachers: a learner of it gets 403, a stranger 404; bad input 400', async () => {
    const s = await offeringWithLearners();
    const enrolled = s.named[0]!;
    expect((await get(enrolled, `/api/v1/offerings/${s.offering.id}/learners`)).statusCode).toBe(403);
    const stranger = await person(env, 'learner');
    expect((await get(stranger, `/api/v1/offerings/${s.offering.id}/learners`)).statusCode).toBe(404);
    const teacher = await person(env, { code: 'teacher', scopeType: 'offering', scopeId: s.offering.id });
    expect((await get(teacher, `/api/v1/offerings/${s.offering.id}/learners`)).statusCode).toBe(200);
    const otherTeacher = await person(env, 'teacher');
    expect((await get(otherTeacher, `/api/v1/offerings/${s.offering.id}/learners`)).statusCode).toBe(403);
    expect((await get(staff, `/api/v1/offerings/${s.offering.id}/learners?status=gone`)).statusCode).toBe(
      400,
    );
    expect((await get(staff, `/api/v1/offerings/${s.offering.id}/learners?pageSize=500`)).statusCode).toBe(
      400,
    );
  });
});
