import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type TestEnv, testEnv } from '../../../test/harness.ts';
import { auditLedger, journalMarks, learnerOrders, notifications } from '../../db/schema/index.ts';
import { journalWorld } from '../gradebook/journal/testing.ts';
import { sendDigests, setDigestPreference } from './notify.ts';
import { assignmentInput, caller, drainJobs, PDF, PNG } from './testing.ts';

// Each case builds a whole offering world; on a loaded machine that takes a while.
vi.setConfig({ testTimeout: 120_000 });

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
});
afterEach(() => {
  env.ctx.clock.now = () => new Date();
});
const at = (iso: string) => {
  env.ctx.clock.now = () => new Date(iso);
};

async function setup(over: Parameters<typeof assignmentInput>[0] = {}) {
  const w = await journalWorld(env, '2026-09-01');
  const { call, upload } = caller(env);
  at('2026-10-01T08:00:00Z');
  const res = await call('POST', w.teacher, `/api/v1/offerings/${w.offeringId}/assignments`, {
    ...assignmentInput({ controlActivityId: w.activities.w6 }),
    ...over,
  });
  expect(res.statusCode, res.body).toBe(201);
  const a = res.json();
  const [l1, l2, l3] = w.learners as [typeof w.teacher, typeof w.teacher, typeof w.teacher];
  const handIn = async (who: typeof l1, text: string) => {
    const d = await call('PUT', who, `/api/v1/assignments/${a.id}/draft`, { text });
    expect(d.statusCode, d.body).toBe(200);
    return call('POST', who, `/api/v1/assignments/${a.id}/submit`);
  };
  return { w, a, call, upload, l1, l2, l3, handIn };
}

describe('creating an assignment', () => {
  it('keeps sanitized instructions and refuses bad settings with field errors, changing nothing', async () => {
    const { w, a, call } = await setup({ instructions: '<p onclick="x()">Оқы</p><script>alert(1)</script>' });
    expect(a.instructions).toBe('<p>Оқы</p>');
    const url = `/api/v1/offerings/${w.offeringId}/assignments`;
    const early = await call('POST', w.teacher, url, {
      ...assignmentInput(),
      lateAccepted: true,
      cutoffAt: '2026-10-09T00:00:00Z',
    });
    expect(early.statusCode).toBe(400);
    expect(early.json().errors[0].pointer).toBe('/cutoffAt');
    const ru = await call(
      'POST',
      w.teacher,
      url,
      { ...assignmentInput(), controlActivityId: randomUUID() /* no such control activity */ },
      { 'accept-language': 'ru' },
    );
    expect(ru.statusCode).toBe(422);
    expect(ru.json().detail).toMatch(/контрольного мероприятия/);
    const rubric = await call('POST', w.teacher, url, {
      ...assignmentInput(),
      rubric: {
        criteria: [{ id: 'c', title: 'Мазмұны', levels: [{ id: 'l', title: 'Жақсы', points: 50 }] }],
      },
    });
    expect(rubric.statusCode).toBe(422);
    const list = await call('GET', w.teacher, url);
    expect(list.json().items).toHaveLength(1);
  });

  it('lets only the offering teacher create; tutors and learners get 403, outsiders 404', async () => {
    const { w, a, call } = await setup();
    const url = `/api/v1/offerings/${w.offeringId}/assignments`;
    expect((await call('POST', w.tutor, url, assignmentInput())).statusCode).toBe(403);
    expect((await call('POST', w.learners[0]!, url, assignmentInput())).statusCode).toBe(403);
    expect((await call('POST', w.otherTeacher, url, assignmentInput())).statusCode).toBe(404);
    expect((await call('GET', w.outsider, `/api/v1/assignments/${a.id}`)).statusCode).toBe(404);
    const upd = await call(
      'PUT',
      w.teacher,
      `/api/v1/assignments/${a.id}`,
      assignmentInput({ title: 'Жаңа' }),
      {
        'if-match': '"1"',
      },
    );
    expect(upd.json().version).toBe(2);
    const stale = await call('PUT', w.teacher, `/api/v1/assignments/${a.id}`, assignmentInput(), {
      'if-match': '"1"',
    });
    expect(stale.statusCode).toBe(409);
  });
});

describe('handing in', () => {
  it('moves through not started, draft, submitted; keeps every version; hides it from other learners', async () => {
    const { w, a, call, l1, l2, handIn } = await setup();
    const mine = async (who: typeof l1) =>
      (await call('GET', who, `/api/v1/assignments/${a.id}`)).json().mine;
    expect((await mine(l1)).state).toBe('notStarted');
    await call('PUT', l1, `/api/v1/assignments/${a.id}/draft`, { text: 'Бірінші нұсқа' });
    expect((await mine(l1)).state).toBe('draft');
    const s1 = await handIn(l1, 'Бірінші нұсқа');
    expect(s1.json().state).toBe('submitted');
    const s2 = await handIn(l1, 'Екінші нұсқа');
    expect(s2.json().versions.map((v: { text: string }) => v.text)).toEqual([
      'Бірінші нұсқа',
      'Екінші нұсқа',
    ]);
    expect((await call('GET', l2, `/api/v1/assignment-submissions/${s2.json().id}`)).statusCode).toBe(404);
    expect((await call('GET', l1, `/api/v1/assignment-submissions/${s2.json().id}`)).statusCode).toBe(200);
    const empty = await call('POST', l2, `/api/v1/assignments/${a.id}/submit`);
    expect(empty.statusCode).toBe(422);
    // Once work is handed in, its hand-in kind is fixed: the refusal names the field.
    const fixed = await call('PUT', w.teacher, `/api/v1/assignments/${a.id}`, {
      ...assignmentInput({ submissionKind: 'text' }),
    });
    expect(fixed.statusCode).toBe(409);
    expect(fixed.json().errors.map((e: { pointer: string }) => e.pointer)).toEqual(['/submissionKind']);
  });

  it('marks late work with its days and penalty, refuses after the cut-off, and an extension moves both', async () => {
    const { w, a, call, l1, l2, l3, handIn } = await setup({
      lateAccepted: true,
      cutoffAt: '2026-10-13T18:00:00Z',
      latePenaltyPerDay: 10,
      latePenaltyMax: 30,
    });
    at('2026-10-11T20:00:00Z');
    const late = await handIn(l1, 'Кеш');
    expect(late.json().state).toBe('late');
    expect(late.json().versions[0].lateDays).toBe(2);
    at('2026-10-14T09:00:00Z');
    const refused = await call('PUT', l2, `/api/v1/assignments/${a.id}/draft`, { text: 'Тым кеш' });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().type).toMatch(/past-cutoff/);
    const ext = await call('PUT', w.teacher, `/api/v1/assignments/${a.id}/extensions`, {
      userId: l3.id,
      dueAt: '2026-10-15T18:00:00Z',
      reason: 'Дәрігер анықтамасы',
    });
    expect(ext.statusCode, ext.body).toBe(200);
    const onTime = await handIn(l3, 'Ұзартылған мерзіммен');
    expect(onTime.json().state).toBe('submitted');
    const bad = await call('PUT', w.teacher, `/api/v1/assignments/${a.id}/extensions`, {
      userId: w.outsider.id,
      dueAt: '2026-10-15T18:00:00Z',
      reason: 'Себеп',
    });
    expect(bad.statusCode).toBe(422);
    const graded = await call('POST', w.teacher, `/api/v1/assignment-submissions/${late.json().id}/grade`, {
      score: 90,
      feedback: '<p>Жақсы</p>',
    });
    expect(graded.json().grade).toMatchObject({ rawScore: '90.00', penaltyPercent: '20.00', score: '72.00' });
    const audits = await env.ctx.db
      .select()
      .from(auditLedger)
      .where(and(eq(auditLedger.action, 'assignment.extension'), eq(auditLedger.subjectId, a.id)));
    expect(audits).toHaveLength(1);
  });

  it('accepts only the allowed file types, checked by content, within the size limit', async () => {
    const { a, call, upload, l1 } = await setup({
      submissionKind: 'files',
      allowedTypes: ['pdf'],
      maxFileMb: 1,
    });
    const url = `/api/v1/assignments/${a.id}/submission-files`;
    expect((await upload(l1, url, 'photo.png', PNG)).statusCode).toBe(415);
    expect((await upload(l1, url, 'fake.pdf', Buffer.from('MZ not a pdf'))).statusCode).toBe(415);
    const big = Buffer.concat([PDF, Buffer.alloc(1024 * 1024 + 10)]);
    const tooBig = await upload(l1, url, 'big.pdf', big);
    expect(tooBig.statusCode).toBe(413);
    const ok = await upload(l1, url, 'есеп.pdf', PDF);
    expect(ok.statusCode, ok.body).toBe(201);
    const textRefused = await call('PUT', l1, `/api/v1/assignments/${a.id}/draft`, { text: 'мәтін' });
    expect(textRefused.statusCode).toBe(422);
    const d = await call('PUT', l1, `/api/v1/assignments/${a.id}/draft`, { fileIds: [ok.json().id] });
    expect(d.json().draft.files[0].name).toBe('есеп.pdf');
    const s = await call('POST', l1, `/api/v1/assignments/${a.id}/submit`);
    expect(s.json().versions[0].files).toHaveLength(1);
    const file = await call('GET', l1, `/api/v1/assignments/${a.id}/files/${ok.json().id}`);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['content-disposition']).toMatch(/^inline/);
  });

  it('refuses a learner whose status closes study (learnerAccess)', async () => {
    const { w, a, call, l1 } = await setup();
    for (const [kind, on] of [
      ['admission', '2026-09-01'],
      ['academic_leave', '2026-09-20'],
    ] as const)
      await env.ctx.db.insert(learnerOrders).values({
        number: `№${Math.random()}`,
        orderDate: on,
        effectiveOn: on,
        kind,
        learnerId: l1.id,
        signerId: w.teacher.id,
        createdBy: w.teacher.id,
      });
    const res = await call('PUT', l1, `/api/v1/assignments/${a.id}/draft`, { text: 'x' });
    expect(res.statusCode).toBe(403);
    expect(res.json().type).toMatch(/learner-access-closed/);
  });
});

describe('grading', () => {
  const rubric = {
    criteria: [
      {
        id: 'content',
        title: 'Мазмұны',
        levels: [
          { id: 'weak', title: 'Әлсіз', points: 20 },
          { id: 'good', title: 'Жақсы', points: 60 },
        ],
      },
      {
        id: 'form',
        title: 'Рәсімделуі',
        levels: [
          { id: 'weak', title: 'Әлсіз', points: 10 },
          { id: 'good', title: 'Жақсы', points: 40 },
        ],
      },
    ],
  };

  it('hides names under anonymous marking until release, and a released grade fills the journal', async () => {
    const { w, a, call, l1, l2, handIn } = await setup({ anonymous: true, rubric });
    const s1 = (await handIn(l1, 'Топырақ құрамы туралы есеп')).json();
    await handIn(l2, 'Екінші есеп');
    const queue = await call('GET', w.tutor, `/api/v1/assignments/${a.id}/submissions`);
    expect(queue.json().items).toHaveLength(2);
    expect(queue.json().items.every((i: { learner: unknown }) => i.learner === null)).toBe(true);
    const open = await call('GET', w.tutor, `/api/v1/assignment-submissions/${s1.id}`);
    expect(open.json().learner).toBeNull();
    const partial = await call('POST', w.tutor, `/api/v1/assignment-submissions/${s1.id}/grade`, {
      rubricChoice: { content: 'good' },
    });
    expect(partial.statusCode).toBe(422);
    const graded = await call('POST', w.tutor, `/api/v1/assignment-submissions/${s1.id}/grade`, {
      rubricChoice: { content: 'good', form: 'weak' },
      feedback: 'Жақсы жұмыс',
      comments: [
        { anchor: { kind: 'text', start: 0, end: 7 }, body: 'Нақтырақ' },
        { anchor: { kind: 'page', fileId: a.id, page: 1 }, body: 'no such PDF' },
      ],
    });
    expect(graded.statusCode).toBe(422);
    const ok = await call('POST', w.tutor, `/api/v1/assignment-submissions/${s1.id}/grade`, {
      rubricChoice: { content: 'good', form: 'weak' },
      feedback: 'Жақсы жұмыс',
      comments: [{ anchor: { kind: 'text', start: 0, end: 7 }, body: 'Нақтырақ' }],
    });
    expect(ok.json().grade.score).toBe('70.00');
    expect(ok.json().versions[0].comments[0].anchor.quote).toBe('Топырақ');
    const before = (await call('GET', l1, `/api/v1/assignment-submissions/${s1.id}`)).json();
    expect(before.state).toBe('submitted');
    expect(before.grade).toBeNull();
    expect(before.versions[0].comments).toEqual([]);
    const rel = await call('POST', w.teacher, `/api/v1/assignments/${a.id}/release`, {});
    expect(rel.json().released).toBe(1);
    const after = (await call('GET', l1, `/api/v1/assignment-submissions/${s1.id}`)).json();
    expect(after.state).toBe('graded');
    expect(after.grade.score).toBe('70.00');
    const named = (
      await call('GET', w.tutor, `/api/v1/assignments/${a.id}/submissions?state=released`)
    ).json();
    expect(named.items[0].learner.id).toBe(l1.id);
    await drainJobs(env);
    const [cell] = await env.ctx.db
      .select()
      .from(journalMarks)
      .where(and(eq(journalMarks.userId, l1.id), eq(journalMarks.activityId, w.activities.w6)));
    expect(cell).toMatchObject({ score: '70.00', source: 'assignment' });
    const notes = await env.ctx.db.select().from(notifications).where(eq(notifications.userId, l1.id));
    expect(notes.map((n) => n.kind)).toContain('assignments.graded');
    const again = await call('POST', w.teacher, `/api/v1/assignments/${a.id}/release`, {});
    expect(again.statusCode).toBe(409);
    const resubmit = await call('POST', l1, `/api/v1/assignments/${a.id}/submit`);
    expect(resubmit.statusCode).toBe(409);
  });

  it('returns work for rework with a new deadline; the learner hands in again by then', async () => {
    const { w, call, l1, handIn } = await setup();
    const s = (await handIn(l1, 'Алғашқы')).json();
    const past = await call('POST', w.teacher, `/api/v1/assignment-submissions/${s.id}/return`, {
      feedback: 'Қорытынды жоқ',
      reworkDueAt: '2026-09-30T00:00:00Z',
    });
    expect(past.statusCode).toBe(422);
    const back = await call('POST', w.teacher, `/api/v1/assignment-submissions/${s.id}/return`, {
      feedback: 'Қорытынды жоқ',
      reworkDueAt: '2026-10-20T18:00:00Z',
    });
    expect(back.json().status).toBe('returned');
    const seen = (await call('GET', l1, `/api/v1/assignment-submissions/${s.id}`)).json();
    expect(seen).toMatchObject({
      state: 'returned',
      feedback: 'Қорытынды жоқ',
      dueAt: '2026-10-20T18:00:00.000Z',
    });
    at('2026-10-15T10:00:00Z');
    const again = await handIn(l1, 'Қорытындымен');
    expect(again.json()).toMatchObject({ state: 'submitted' });
    expect(again.json().versions).toHaveLength(2);
    const notes = await env.ctx.db.select().from(notifications).where(eq(notifications.userId, l1.id));
    expect(notes.map((n) => n.kind)).toContain('assignments.returned');
    const teacherNotes = await env.ctx.db
      .select()
      .from(notifications)
      .where(eq(notifications.userId, w.teacher.id));
    expect(teacherNotes.filter((n) => n.kind === 'assignments.submitted')).toHaveLength(2);
  });

  it('a marker choosing the daily digest gets one notice with the count instead', async () => {
    const { w, call, l1, l2, handIn } = await setup();
    await setDigestPreference(env.ctx.db, w.teacher.id, true);
    await handIn(l1, 'Бір');
    await handIn(l2, 'Екі');
    const direct = await env.ctx.db
      .select()
      .from(notifications)
      .where(eq(notifications.userId, w.teacher.id));
    expect(direct).toHaveLength(0);
    await sendDigests(env.ctx.db, new Date('2026-10-01T20:00:00Z'));
    const digest = await env.ctx.db
      .select()
      .from(notifications)
      .where(eq(notifications.userId, w.teacher.id));
    expect(digest).toHaveLength(1);
    expect(digest[0]!.params).toEqual({ count: 2 });
    expect((await call('GET', w.teacher, '/api/v1/me/assignment-digest')).json()).toEqual({ daily: true });
  });
});

describe('admission (R-GRD-3)', () => {
  it('needs the written work handed in, not only a mark in its column', async () => {
    const { w, a, call, l1, handIn } = await setup();
    for (const activityId of Object.values(w.activities))
      await env.ctx.db
        .insert(journalMarks)
        .values({ offeringId: w.offeringId, userId: l1.id, activityId, score: '80' });
    const row = async () =>
      (await call('GET', w.deansOffice, `/api/v1/offerings/${w.offeringId}/admission`))
        .json()
        .rows.find((r: { learner: { id: string } }) => r.learner.id === l1.id);
    const before = await row();
    expect(before.admitted).toBe(false);
    expect(before.reasons).toContain('activitiesIncomplete');
    expect(before.missingActivities.map((m: { id: string }) => m.id)).toEqual([w.activities.w6]);
    await handIn(l1, 'Тапсырдым');
    expect((await row()).admitted).toBe(true);
    expect(a.controlActivityId).toBe(w.activities.w6);
  });
});
