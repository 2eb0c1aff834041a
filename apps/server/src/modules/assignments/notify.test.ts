import { eq, inArray } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestUser, type TestEnv, testEnv } from '../../../test/harness.ts';
import { notifications } from '../../db/schema/index.ts';
import { offeringScopes } from '../academics/scopes.ts';
import { journalWorld } from '../gradebook/journal/testing.ts';
import { markersOf, sendDigests, setDigestPreference } from './notify.ts';
import { assignmentInput, caller } from './testing.ts';

vi.setConfig({ testTimeout: 120_000 });

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
});
afterEach(() => {
  env.ctx.clock.now = () => new Date();
});

/** An offering with markers at every level above it: the department's tutor, the faculty's teacher. */
async function world() {
  const w = await journalWorld(env, '2026-09-01');
  const scopes = (await offeringScopes(env.ctx.db, w.offeringId))!;
  // The chain above the programme: its department first, then the faculty.
  const [dept, faculty] = scopes.filter((s) => s.type === 'org_unit').map((s) => s.id);
  const deptTutor = await createTestUser(env.ctx, {
    roles: [{ code: 'tutor', scopeType: 'org_unit', scopeId: dept! }],
  });
  const facultyTeacher = await createTestUser(env.ctx, {
    roles: [{ code: 'teacher', scopeType: 'org_unit', scopeId: faculty! }],
  });
  const groupTutor = await createTestUser(env.ctx, {
    roles: [{ code: 'tutor', scopeType: 'group', scopeId: w.groupId }],
  });
  const blocked = await createTestUser(env.ctx, {
    status: 'blocked',
    roles: [{ code: 'tutor', scopeType: 'org_unit', scopeId: dept! }],
  });
  const { call } = caller(env);
  env.ctx.clock.now = () => new Date('2026-10-01T08:00:00Z');
  const res = await call(
    'POST',
    w.teacher,
    `/api/v1/offerings/${w.offeringId}/assignments`,
    assignmentInput(),
  );
  expect(res.statusCode, res.body).toBe(201);
  const a = res.json();
  const handIn = async (who: (typeof w.learners)[number], text: string) => {
    expect((await call('PUT', who, `/api/v1/assignments/${a.id}/draft`, { text })).statusCode).toBe(200);
    const s = await call('POST', who, `/api/v1/assignments/${a.id}/submit`);
    expect(s.statusCode, s.body).toBe(200);
  };
  return { w, a, deptTutor, facultyTeacher, groupTutor, blocked, handIn };
}

const noticesOf = async (userIds: string[]) =>
  env.ctx.db.select().from(notifications).where(inArray(notifications.userId, userIds));

describe('markers beyond the offering', () => {
  it('tells every holder of the marking right over the offering of a hand-in, and no one else', async () => {
    const { w, a, deptTutor, facultyTeacher, groupTutor, blocked, handIn } = await world();
    const markers = await markersOf(env.ctx.db, { offeringId: w.offeringId, createdBy: w.teacher.id });
    expect(new Set(markers)).toEqual(
      new Set([w.teacher.id, w.tutor.id, deptTutor.id, facultyTeacher.id, groupTutor.id]),
    );
    await handIn(w.learners[0]!, 'Топырақтың механикалық құрамы');
    const told = await noticesOf([
      w.teacher.id,
      w.tutor.id,
      deptTutor.id,
      facultyTeacher.id,
      groupTutor.id,
      w.otherTeacher.id,
      blocked.id,
      w.deansOffice.id,
    ]);
    const submitted = told.filter((n) => n.kind === 'assignments.submitted');
    expect(new Set(submitted.map((n) => n.userId))).toEqual(new Set(markers));
    expect(submitted).toHaveLength(markers.length);
    expect(submitted.every((n) => n.link?.startsWith(`/assignments/${a.id}/submissions/`))).toBe(true);
  });

  it('counts hand-ins of the offerings under a scoped marker in their daily digest', async () => {
    const { w, facultyTeacher, deptTutor, handIn } = await world();
    for (const u of [facultyTeacher.id, deptTutor.id, w.otherTeacher.id])
      await setDigestPreference(env.ctx.db, u, true);
    await handIn(w.learners[0]!, 'Бірінші есеп');
    await handIn(w.learners[1]!, 'Екінші есеп');
    await handIn(w.learners[0]!, 'Бірінші есептің екінші нұсқасы');
    expect(await noticesOf([facultyTeacher.id, deptTutor.id, w.otherTeacher.id])).toHaveLength(0);
    await sendDigests(env.ctx.db, new Date('2026-10-01T20:00:00Z'));
    const digests = await noticesOf([facultyTeacher.id, deptTutor.id, w.otherTeacher.id]);
    expect(digests.map((n) => [n.userId, n.kind, n.params]).sort()).toEqual(
      [
        [facultyTeacher.id, 'assignments.digest', { count: 3 }],
        [deptTutor.id, 'assignments.digest', { count: 3 }],
      ].sort(),
    );
    // The next day's digest counts only what came after.
    await sendDigests(env.ctx.db, new Date('2026-10-02T20:00:00Z'));
    expect(
      await env.ctx.db.select().from(notifications).where(eq(notifications.userId, facultyTeacher.id)),
    ).toHaveLength(1);
  });
});
