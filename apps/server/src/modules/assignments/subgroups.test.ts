import { and, eq, inArray } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type TestEnv, testEnv, uniq } from '../../../test/harness.ts';
import { groupMembers, groups, journalMarks, notifications } from '../../db/schema/index.ts';
import { journalWorld } from '../gradebook/journal/testing.ts';
import { assignmentInput, caller, drainJobs } from './testing.ts';

vi.setConfig({ testTimeout: 120_000 });

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
});
afterEach(() => {
  env.ctx.clock.now = () => new Date();
});

/** The offering's group split in two subgroups: the first two learners, and the third. */
async function subgroupWorld() {
  const w = await journalWorld(env, '2026-09-01');
  const [l1, l2, l3] = w.learners as [typeof w.teacher, typeof w.teacher, typeof w.teacher];
  const sub = async (name: string, members: string[]) => {
    const [g] = await env.ctx.db
      .insert(groups)
      .values({ kind: 'subgroup', parentId: w.groupId, code: uniq('SG'), name })
      .returning();
    await env.ctx.db.insert(groupMembers).values(members.map((userId) => ({ groupId: g!.id, userId })));
    return g!;
  };
  const sg1 = await sub('АГР-26-1/1', [l1.id, l2.id]);
  const sg2 = await sub('АГР-26-1/2', [l3.id]);
  const { call } = caller(env);
  env.ctx.clock.now = () => new Date('2026-10-01T08:00:00Z');
  const res = await call(
    'POST',
    w.teacher,
    `/api/v1/offerings/${w.offeringId}/assignments`,
    assignmentInput({
      title: 'Топырақ картасы (шағын топпен)',
      groupMode: 'subgroup',
      controlActivityId: w.activities.w6,
    }),
  );
  expect(res.statusCode, res.body).toBe(201);
  return { w, a: res.json(), call, l1, l2, l3, sg1, sg2 };
}

describe('per-subgroup assignments', () => {
  it('one member hands in for the subgroup; every member sees the same work, others get 404', async () => {
    const { w, a, call, l1, l2, l3, sg1 } = await subgroupWorld();
    await call('PUT', l1, `/api/v1/assignments/${a.id}/draft`, { text: 'Біздің топтың картасы' });
    const s = await call('POST', l1, `/api/v1/assignments/${a.id}/submit`);
    expect(s.statusCode, s.body).toBe(200);
    const work = s.json();
    expect(work.subgroup).toEqual({ id: sg1.id, name: sg1.name });
    expect(work.learner).toBeNull();
    // The other member sees the hand-in as theirs: in the list, the assignment and the work.
    const list = await call('GET', l2, `/api/v1/offerings/${w.offeringId}/assignments`);
    const mine = list.json().items.find((i: { id: string }) => i.id === a.id).mine;
    expect(mine).toMatchObject({ submissionId: work.id, state: 'submitted' });
    const seen = await call('GET', l2, `/api/v1/assignment-submissions/${work.id}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json().versions.map((v: { text: string }) => v.text)).toEqual(['Біздің топтың картасы']);
    // …and may hand in the next version of the same work.
    await call('PUT', l2, `/api/v1/assignments/${a.id}/draft`, { text: 'Түзетілген карта' });
    const again = await call('POST', l2, `/api/v1/assignments/${a.id}/submit`);
    expect(again.json()).toMatchObject({ id: work.id });
    expect(again.json().versions).toHaveLength(2);
    // A learner of the other subgroup does not learn that the work exists.
    expect((await call('GET', l3, `/api/v1/assignment-submissions/${work.id}`)).statusCode).toBe(404);
    const theirs = (await call('GET', l3, `/api/v1/assignments/${a.id}`)).json().mine;
    expect(theirs).toMatchObject({ submissionId: null, state: 'notStarted' });
    const queue = (await call('GET', w.teacher, `/api/v1/assignments/${a.id}/submissions`)).json();
    expect(queue.items).toHaveLength(1);
    expect(queue.items[0].subgroup.name).toBe(sg1.name);
  });

  it("a released grade fills every member's journal cell and tells each of them", async () => {
    const { w, a, call, l1, l2, l3 } = await subgroupWorld();
    await call('PUT', l2, `/api/v1/assignments/${a.id}/draft`, { text: 'Топырақ профилі' });
    const work = (await call('POST', l2, `/api/v1/assignments/${a.id}/submit`)).json();
    const g = await call('POST', w.teacher, `/api/v1/assignment-submissions/${work.id}/grade`, {
      score: 85,
      feedback: '<p>Жақсы</p>',
    });
    expect(g.statusCode, g.body).toBe(200);
    const rel = await call('POST', w.teacher, `/api/v1/assignments/${a.id}/release`, {});
    expect(rel.json().released).toBe(1);
    await drainJobs(env);
    const cells = await env.ctx.db
      .select()
      .from(journalMarks)
      .where(
        and(
          eq(journalMarks.activityId, w.activities.w6),
          inArray(journalMarks.userId, [l1.id, l2.id, l3.id]),
        ),
      );
    expect(cells.map((c) => [c.userId, c.score, c.source]).sort()).toEqual(
      [
        [l1.id, '85.00', 'assignment'],
        [l2.id, '85.00', 'assignment'],
      ].sort(),
    );
    const told = await env.ctx.db
      .select()
      .from(notifications)
      .where(
        and(
          eq(notifications.kind, 'assignments.graded'),
          inArray(notifications.userId, [l1.id, l2.id, l3.id]),
        ),
      );
    expect(told.map((n) => n.userId).sort()).toEqual([l1.id, l2.id].sort());
    expect((await call('GET', l1, `/api/v1/assignment-submissions/${work.id}`)).json().grade.score).toBe(
      '85.00',
    );
  });

  it('refuses a learner in no subgroup of the offering with a clear message', async () => {
    const { a, call, l3, sg2 } = await subgroupWorld();
    await env.ctx.db.delete(groupMembers).where(eq(groupMembers.groupId, sg2.id));
    const res = await call(
      'PUT',
      l3,
      `/api/v1/assignments/${a.id}/draft`,
      { text: 'x' },
      { 'accept-language': 'ru' },
    );
    expect(res.statusCode).toBe(422);
    expect(res.json().type).toMatch(/not-in-subgroup/);
    expect(res.json().detail).toMatch(/подгрупп/);
  });
});
