import { and, eq, inArray } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { signIn, type TestEnv, testEnv } from '../../../test/harness.ts';
import { assignments, auditLedger, journalMarks, users } from '../../db/schema/index.ts';
import { createJobRunner } from '../../platform/jobs.ts';
import { type DemoAccount, seedDemo } from '../demo/seed.ts';

let env: TestEnv;
let accounts: DemoAccount[];

beforeAll(async () => {
  // A database of its own: the demo's calendars of the current year must not meet other files' fixtures.
  env = await testEnv({ logLevel: 'silent' });
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  try {
    accounts = (await seedDemo(env.ctx.db, { onlyIfEmpty: true }))!;
  } finally {
    spy.mockRestore();
  }
}, 180_000);

const get = async (who: DemoAccount, url: string) => {
  const s = await signIn(env.app, who);
  const res = await env.app.inject({ url, headers: s.headers });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
/** The n-th learner (from 1) of the group whose code starts with `prefix`, in the seed's order. */
const learner = (group: 'АГР' | 'АГР2', n: number) =>
  accounts
    .filter((a) => a.role === 'learner' && a.group?.startsWith('АГР'))
    .filter((a) => (group === 'АГР2' ? a.group!.endsWith('-2') : a.group!.endsWith('-1')))
    .sort((x, y) => x.login.localeCompare(y.login))[n - 1]!;

type Item = {
  id: string;
  title: string;
  materialId: string | null;
  counts?: Record<string, number>;
  mine?: { state: string; extended: boolean };
};

describe('demo written assignments', () => {
  it('has works in every state in the distance second-year course, one of them on the course page', async () => {
    const [seeding] = await env.ctx.db
      .select()
      .from(assignments)
      .where(eq(assignments.title, 'Күздік бидайдың себу мөлшерін есептеу'));
    expect(seeding).toBeDefined();
    const teacher = accounts.find((a) => a.role === 'teacher')!;
    const list = await get(teacher, `/api/v1/offerings/${seeding!.offeringId}/assignments`);
    const a1 = list.items.find((i: Item) => i.id === seeding!.id) as Item;
    expect(a1.counts).toEqual({ toGrade: 1, graded: 1, released: 1 });
    expect(list.items).toHaveLength(2);
    const states: Record<string, { state: string; extended: boolean }> = {};
    for (let n = 1; n <= 8; n++) {
      const who = learner('АГР2', n);
      states[n] = (await get(who, `/api/v1/assignments/${seeding!.id}`)).mine;
    }
    expect(Object.values(states).map((s) => s.state)).toEqual([
      'graded',
      'late',
      'returned',
      'notStarted', // on academic leave
      'submitted', // marked by the tutor, not released yet
      'draft',
      'notStarted',
      'notStarted',
    ]);
    expect(states[6]!.extended).toBe(true);
    // The graded learner finds it in its placeholder of the course page, with their state.
    const page = await get(learner('АГР2', 1), `/api/v1/offerings/${seeding!.offeringId}/content`);
    const placed = page.sections
      .flatMap((s: { materials: Array<{ id: string; assignment?: unknown }> }) => s.materials)
      .find((m: { id: string }) => m.id === seeding!.materialId);
    expect(placed.assignment).toMatchObject({ id: seeding!.id, state: 'graded' });
    const queue = await get(teacher, `/api/v1/assignments/${seeding!.id}/submissions?state=all`);
    expect(queue.items.map((i: { state: string }) => i.state).sort()).toEqual(
      ['graded', 'late', 'returned', 'submitted'].sort(),
    );
  });

  it('records every grade, return and extension in the audit ledger, and the released grade reaches the journal', async () => {
    const [seeding] = await env.ctx.db
      .select()
      .from(assignments)
      .where(eq(assignments.title, 'Күздік бидайдың себу мөлшерін есептеу'));
    const audits = await env.ctx.db
      .select({ action: auditLedger.action })
      .from(auditLedger)
      .where(
        inArray(auditLedger.action, [
          'assignment.grade',
          'assignment.return',
          'assignment.extension',
          'assignment.release',
        ]),
      );
    expect(new Set(audits.map((a) => a.action)).size).toBe(4);
    const runner = createJobRunner(env.ctx, { kinds: ['assignments.gradeReleased'] });
    for (let i = 0; i < 20 && (await runner.runOnce()) > 0; i++);
    const [first] = await env.ctx.db
      .select()
      .from(users)
      .where(eq(users.login, learner('АГР2', 1).login));
    const [cell] = await env.ctx.db
      .select()
      .from(journalMarks)
      .where(
        and(eq(journalMarks.userId, first!.id), eq(journalMarks.activityId, seeding!.controlActivityId!)),
      );
    expect(cell).toMatchObject({ score: '100.00', source: 'assignment' });
  });

  it('has a per-subgroup work of the first-year course that every member of the subgroup sees', async () => {
    const [map] = await env.ctx.db.select().from(assignments).where(eq(assignments.groupMode, 'subgroup'));
    expect(map).toBeDefined();
    for (const n of [1, 2, 3, 4])
      expect((await get(learner('АГР', n), `/api/v1/assignments/${map!.id}`)).mine.state).toBe('submitted');
    expect((await get(learner('АГР', 5), `/api/v1/assignments/${map!.id}`)).mine.state).toBe('notStarted');
  });
});
