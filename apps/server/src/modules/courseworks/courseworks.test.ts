import { and, eq } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, signIn, type TestEnv, testEnv } from '../../../test/harness.ts';
import { learnerOrders, notifications } from '../../db/schema/index.ts';
import { createJobRunner } from '../../platform/jobs.ts';
import { multipart, samplePdf } from '../content/testing.ts';
import { seedDemoCourseWork } from './demo.ts';
import { overdueReminderJob } from './reminders.ts';
import { courseWorkWorld, title, type Who } from './testing.ts';

let env: TestEnv;
const realNow = () => new Date();
beforeAll(async () => {
  env = await testEnv();
});
afterEach(() => {
  env.ctx.clock.now = realNow;
});
const at = (iso: string) => {
  env.ctx.clock.now = () => new Date(iso);
};
const json = (res: { body: string }) => JSON.parse(res.body);
const call = (method: 'GET' | 'POST' | 'PUT', who: Who, url: string, payload?: unknown) =>
  env.app.inject({ method, url, headers: who.headers, payload: payload as never });

type World = Awaited<ReturnType<typeof courseWorkWorld>>;
const base = (w: World) => `/api/v1/offerings/${w.offeringId}/course-work`;

async function publish(w: World, n = 2, supervisor = w.supervisor) {
  const res = await call('POST', w.head, `${base(w)}/topics`, {
    topics: Array.from({ length: n }, (_, i) => ({
      title: title(`Topic ${i + 1}`),
      supervisorId: supervisor.id,
    })),
  });
  expect(res.statusCode, res.body).toBe(201);
  return json(res).items as Array<{ id: string }>;
}

const milestones = (y: string) => ({
  milestones: [
    { kind: 'outline', title: title('Outline'), dueOn: `${y}-09-20` },
    { kind: 'chapters', title: title('Draft chapters'), dueOn: `${y}-10-15` },
    { kind: 'final', title: title('Final version'), dueOn: `${y}-11-15` },
  ],
});

describe('topics', () => {
  it('the department publishes topics; learners pick first come, first served; one topic per learner', async () => {
    const w = await courseWorkWorld(env, '2091-09-01');
    at('2091-09-05T06:00:00Z');
    // Only the department (head in scope) publishes; a learner is refused, another department sees nothing.
    const body = { topics: [{ title: title('Soil'), supervisorId: w.supervisor.id }] };
    expect((await call('POST', w.learners[0]!, `${base(w)}/topics`, body)).statusCode).toBe(403);
    expect((await call('POST', w.otherHead, `${base(w)}/topics`, body)).statusCode).toBe(404);
    const bad = await call('POST', w.head, `${base(w)}/topics`, {
      topics: [{ title: title('X'), supervisorId: '00000000-0000-4000-8000-000000000000' }],
    });
    expect(bad.statusCode).toBe(400);
    expect(json(bad).errors[0].pointer).toBe('/topics/0/supervisorId');
    const settings = await call('PUT', w.head, `${base(w)}/settings`, {
      choiceMode: 'first_come',
      allowOwnTopics: false,
    });
    expect(settings.statusCode, settings.body).toBe(200);
    const [t1, t2] = await publish(w);

    const a = await call('POST', w.learners[0]!, `${base(w)}/choices`, { topicId: t1!.id });
    expect(a.statusCode, a.body).toBe(201);
    expect(json(a).status).toBe('accepted');
    const b = await call('POST', w.learners[1]!, `${base(w)}/choices`, { topicId: t1!.id });
    expect(b.statusCode).toBe(409);
    expect(json(b).detail).toBe('Another learner has just taken this topic. Please choose another one.');
    const again = await call('POST', w.learners[0]!, `${base(w)}/choices`, { topicId: t2!.id });
    expect(again.statusCode).toBe(409);
    expect(json(again).type).toContain('already-chosen');
    const own = await call('POST', w.learners[1]!, `${base(w)}/choices`, {
      ownTitle: title('Mine'),
      supervisorId: w.supervisor.id,
    });
    expect(own.statusCode).toBe(422);
    // Staff and outsiders cannot choose; an outsider does not even see the course work.
    expect((await call('POST', w.head, `${base(w)}/choices`, { topicId: t2!.id })).statusCode).toBe(403);
    expect((await call('POST', w.outsider, `${base(w)}/choices`, { topicId: t2!.id })).statusCode).toBe(404);

    const view = json(await call('GET', w.learners[1]!, base(w)));
    expect(view.topics.map((t: { availability: string }) => t.availability)).toEqual(['taken', 'free']);
    expect(view.topics[0].heldBy).toBeNull();
    const supervisorNote = await env.ctx.db
      .select()
      .from(notifications)
      .where(
        and(eq(notifications.userId, w.supervisor.id), eq(notifications.kind, 'courseworks.topicTakenBy')),
      );
    expect(supervisorNote).toHaveLength(1);
  });

  it('with approval the supervisor accepts or declines with a comment; learners may propose their own', async () => {
    const w = await courseWorkWorld(env, '2091-09-01');
    at('2091-09-05T06:00:00Z');
    const [t1] = await publish(w);
    const [, , l3] = w.learners;
    const pick = json(await call('POST', w.learners[0]!, `${base(w)}/choices`, { topicId: t1!.id }));
    expect(pick.status).toBe('pending');
    // Held: nobody else can take it meanwhile.
    expect((await call('POST', w.learners[1]!, `${base(w)}/choices`, { topicId: t1!.id })).statusCode).toBe(
      409,
    );
    const decide = (who: Who, payload: unknown) =>
      call('POST', who, `/api/v1/course-work-choices/${pick.id}/decision`, payload);
    expect((await decide(w.head, { accept: true })).statusCode).toBe(403);
    expect((await decide(w.learners[0]!, { accept: true })).statusCode).toBe(404);
    const noReason = await decide(w.supervisor, { accept: false });
    expect(noReason.statusCode).toBe(400);
    const declined = await decide(w.supervisor, { accept: false, comment: 'Too broad' });
    expect(declined.statusCode, declined.body).toBe(200);
    expect(json(declined).status).toBe('declined');
    expect((await decide(w.supervisor, { accept: true })).statusCode).toBe(409);
    const [note] = await env.ctx.db
      .select()
      .from(notifications)
      .where(
        and(eq(notifications.userId, w.learners[0]!.id), eq(notifications.kind, 'courseworks.topicDeclined')),
      );
    expect(note?.params).toMatchObject({ comment: 'Too broad' });

    // Freed again; another learner takes it and is accepted.
    const second = json(await call('POST', w.learners[1]!, `${base(w)}/choices`, { topicId: t1!.id }));
    const ok = await call('POST', w.supervisor, `/api/v1/course-work-choices/${second.id}/decision`, {
      accept: true,
      comment: 'Welcome',
    });
    expect(json(ok).status).toBe('accepted');

    // Own topic: only to a supervisor of this course work.
    const wrong = await call('POST', l3!, `${base(w)}/choices`, {
      ownTitle: title('Mine'),
      supervisorId: w.member.id,
    });
    expect(wrong.statusCode).toBe(400);
    const own = await call('POST', l3!, `${base(w)}/choices`, {
      ownTitle: title('Mine'),
      supervisorId: w.supervisor.id,
    });
    expect(own.statusCode, own.body).toBe(201);
    expect(json(own).status).toBe('pending');
    // The proposal is not offered to other learners.
    const seen = json(await call('GET', w.learners[0]!, base(w)));
    expect(seen.topics.map((t: { title: { en: string } }) => t.title.en)).not.toContain('Mine');
    const supervisorView = json(await call('GET', w.supervisor, base(w)));
    expect(supervisorView.choices.map((c: { status: string }) => c.status).sort()).toEqual([
      'accepted',
      'declined',
      'pending',
    ]);
  });

  it('two learners racing for the last free topic: one wins, the other is told it was taken', async () => {
    const w = await courseWorkWorld(env, '2091-09-01');
    at('2091-09-05T06:00:00Z');
    await call('PUT', w.head, `${base(w)}/settings`, { choiceMode: 'first_come', allowOwnTopics: true });
    const [t] = await publish(w, 1);
    const answers = await Promise.all(
      w.learners.map((l) => call('POST', l, `${base(w)}/choices`, { topicId: t!.id })),
    );
    expect(answers.map((r) => r.statusCode).sort()).toEqual([201, 409, 409]);
    for (const r of answers.filter((x) => x.statusCode === 409))
      expect(json(r).type).toContain('topic-taken');
  });

  it('a learner on academic leave is refused with the reason', async () => {
    const w = await courseWorkWorld(env, '2091-09-01');
    const [t] = await publish(w, 1);
    const l = w.learners[0]!;
    for (const [kind, effectiveOn] of [
      ['admission', '2091-09-01'],
      ['academic_leave', '2091-09-03'],
    ] as const) {
      await env.ctx.db.insert(learnerOrders).values({
        number: `№${kind}`,
        orderDate: effectiveOn,
        effectiveOn,
        kind,
        learnerId: l.id,
        signerId: w.head.id,
        createdBy: w.head.id,
      });
    }
    at('2091-09-05T06:00:00Z');
    const res = await call('POST', l, `${base(w)}/choices`, { topicId: t!.id });
    expect(res.statusCode).toBe(403);
    expect(json(res).type).toContain('learner-access-closed');
    expect(json(await call('GET', l, base(w))).learnerAccess.allowed).toBe(false);
  });
});

/** A world where learner 0 holds an accepted topic of `supervisor` and the milestones are set. */
async function working() {
  const w = await courseWorkWorld(env, '2092-09-01');
  at('2092-09-05T06:00:00Z');
  await call('PUT', w.head, `${base(w)}/settings`, { choiceMode: 'first_come', allowOwnTopics: true });
  const [t] = await publish(w, 2);
  const set = await call('PUT', w.head, `${base(w)}/milestones`, milestones('2092'));
  expect(set.statusCode, set.body).toBe(200);
  const ms = json(set).milestones as Array<{ id: string; kind: string }>;
  expect((await call('POST', w.learners[0]!, `${base(w)}/choices`, { topicId: t!.id })).statusCode).toBe(201);
  return { w, ms, learner: w.learners[0]! };
}

async function upload(w: World, who: Who, name: string, content: Buffer) {
  const m = multipart(name, content);
  return env.app.inject({
    method: 'POST',
    url: `${base(w)}/files`,
    headers: { ...who.headers, 'content-type': m.contentType },
    payload: m.payload,
  });
}

describe('milestones, hand-ins and consultation', () => {
  it('due dates lie between the trimester start and the session start', async () => {
    const w = await courseWorkWorld(env, '2092-09-01');
    const res = await call('PUT', w.head, `${base(w)}/milestones`, {
      milestones: [
        { kind: 'outline', title: title('Outline'), dueOn: '2092-08-20' },
        { kind: 'final', title: title('Final'), dueOn: '2092-11-30' },
        { kind: 'final', title: title('Final 2'), dueOn: '2092-11-10' },
      ],
    });
    expect(res.statusCode).toBe(400);
    expect(json(res).errors.map((e: { pointer: string }) => e.pointer)).toEqual([
      '/milestones/0/dueOn',
      '/milestones/1/dueOn',
      '/milestones',
    ]);
    expect(json(await call('GET', w.head, base(w))).milestones).toEqual([]);
    expect((await call('PUT', w.supervisor, `${base(w)}/milestones`, milestones('2092'))).statusCode).toBe(
      404,
    );
  });

  it('a learner uploads and hands in; the supervisor is told, reviews and consults; others see nothing', async () => {
    const { w, ms, learner } = await working();
    const outline = ms[0]!.id;
    // Nothing before a topic is accepted.
    const early = await call('POST', w.learners[1]!, `${base(w)}/milestones/${outline}/hand-ins`, {
      note: 'x',
    });
    expect(early.statusCode).toBe(422);

    const fake = await upload(w, learner, 'outline.pdf', Buffer.from('not a pdf at all'));
    expect(fake.statusCode).toBe(415);
    const exe = await upload(w, learner, 'tool.mp3', Buffer.from('ID3xxxx'));
    expect(exe.statusCode).toBe(415);
    expect((await upload(w, w.head, 'outline.pdf', await samplePdf())).statusCode).toBe(403);
    // The COURSEWORK_UPLOAD_MAX_MB setting limits each file; a refused file leaves nothing behind.
    const saved = env.config.courseWorkUploadMaxMb;
    env.config.courseWorkUploadMaxMb = 1;
    try {
      const big = await upload(
        w,
        learner,
        'big.pdf',
        Buffer.concat([await samplePdf(), Buffer.alloc(1024 * 1024 + 10)]),
      );
      expect(big.statusCode).toBe(413);
      expect(json(big).detail).toBe('The file is too large: at most 1 MB.');
      const view = json(await call('GET', learner, `${base(w)}/learners/${learner.id}`));
      expect(view.uploadMaxMb).toBe(1);
    } finally {
      env.config.courseWorkUploadMaxMb = saved;
    }
    const up = await upload(w, learner, 'outline.pdf', await samplePdf());
    expect(up.statusCode, up.body).toBe(201);
    const file = json(up);

    expect((await call('POST', learner, `${base(w)}/milestones/${outline}/hand-ins`, {})).statusCode).toBe(
      400,
    );
    const h1 = await call('POST', learner, `${base(w)}/milestones/${outline}/hand-ins`, {
      note: 'Plan of the work',
      fileIds: [file.id],
    });
    expect(h1.statusCode, h1.body).toBe(201);
    expect(json(h1).versionNo).toBe(1);
    // Someone else's file cannot be attached.
    const other = json(await upload(w, learner, 'b.pdf', await samplePdf()));
    const steal = await call('POST', w.learners[1]!, `${base(w)}/milestones/${outline}/hand-ins`, {
      fileIds: [other.id],
    });
    expect(steal.statusCode).toBe(422);
    const told = await env.ctx.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, w.supervisor.id), eq(notifications.kind, 'courseworks.handIn')));
    expect(told).toHaveLength(1);

    const thread = `${base(w)}/learners/${learner.id}`;
    expect((await call('GET', w.learners[1]!, thread)).statusCode).toBe(404);
    expect((await call('GET', w.supervisor2, thread)).statusCode).toBe(404);
    expect((await call('GET', w.deansOffice, thread)).statusCode).toBe(200);
    // Files: the learner and the supervisor open them, another learner gets 404.
    expect((await call('GET', w.supervisor, `/api/v1/course-work-files/${file.id}`)).statusCode).toBe(200);
    expect((await call('GET', w.learners[1]!, `/api/v1/course-work-files/${file.id}`)).statusCode).toBe(404);

    const review = (who: Who, payload: unknown) =>
      call('POST', who, `${thread}/milestones/${outline}/review`, payload);
    expect((await review(w.head, { verdict: 'accepted', comment: 'ok' })).statusCode).toBe(403);
    const r1 = await review(w.supervisor, { verdict: 'needs_changes', comment: 'Add the literature review' });
    expect(r1.statusCode, r1.body).toBe(201);
    const ask = await call('POST', learner, `${thread}/milestones/${outline}/comments`, {
      body: 'Which sources?',
    });
    expect(ask.statusCode, ask.body).toBe(201);
    expect(
      (await call('POST', w.head, `${thread}/milestones/${outline}/comments`, { body: 'hi' })).statusCode,
    ).toBe(403);
    const h2 = await call('POST', learner, `${base(w)}/milestones/${outline}/hand-ins`, { note: 'Revised' });
    expect(json(h2).versionNo).toBe(2);
    await review(w.supervisor, { verdict: 'accepted', comment: 'Good' });

    const view = json(await call('GET', learner, thread));
    expect(view.milestones[0].state).toBe('accepted');
    expect(view.milestones[0].handIns.map((h: { versionNo: number }) => h.versionNo)).toEqual([1, 2]);
    expect(view.milestones[0].comments.map((c: { verdict: string | null }) => c.verdict)).toEqual([
      'needs_changes',
      null,
      'accepted',
    ]);
    expect(view.milestones[0].handIns[0].files[0].name).toBe('outline.pdf');
    const reviewed = await env.ctx.db
      .select()
      .from(notifications)
      .where(
        and(eq(notifications.userId, learner.id), eq(notifications.kind, 'courseworks.reviewNeedsChanges')),
      );
    expect(reviewed).toHaveLength(1);

    // A milestone with hand-ins cannot be removed from the list.
    const drop = await call('PUT', w.head, `${base(w)}/milestones`, {
      milestones: milestones('2092')
        .milestones.slice(1)
        .map((m, i) => ({ ...m, id: ms[i + 1]!.id })),
    });
    expect(drop.statusCode).toBe(400);
    expect(json(drop).errors[0].code).toBe('has-hand-ins');
  });

  it('progress: the head sees everyone, a supervisor their learners, overdue milestones flagged; the daily job reminds once', async () => {
    const { w, ms, learner } = await working();
    await call('POST', learner, `${base(w)}/milestones/${ms[0]!.id}/hand-ins`, { note: 'Outline' });
    at('2092-10-20T06:00:00Z');
    const all = json(await call('GET', w.head, `${base(w)}/progress`));
    expect(all.rows).toHaveLength(3);
    const row = all.rows.find((r: { learner: { id: string } }) => r.learner.id === learner.id);
    expect(row.milestones.map((m: { state: string; overdue: boolean }) => [m.state, m.overdue])).toEqual([
      ['handed_in', false],
      ['not_started', true],
      ['not_started', false],
    ]);
    expect(row.overdueCount).toBe(1);
    const mine = json(await call('GET', w.supervisor, `${base(w)}/progress`));
    expect(mine.rows.map((r: { learner: { id: string } }) => r.learner.id)).toEqual([learner.id]);
    expect((await call('GET', learner, `${base(w)}/progress`)).statusCode).toBe(403);

    const runner = createJobRunner(env.ctx, { kinds: [overdueReminderJob.kind] });
    const { enqueueJob } = await import('../../platform/jobs.ts');
    const reminders = () =>
      env.ctx.db
        .select()
        .from(notifications)
        .where(and(eq(notifications.userId, learner.id), eq(notifications.kind, 'courseworks.overdue')));
    await enqueueJob(env.ctx.db, overdueReminderJob, {});
    await runner.runOnce();
    expect(await reminders()).toHaveLength(1);
    await enqueueJob(env.ctx.db, overdueReminderJob, {});
    await runner.runOnce();
    expect(await reminders()).toHaveLength(1);
  });
});

describe('demo data', () => {
  it('gives a course work topics, milestones and learners at different points', async () => {
    const w = await courseWorkWorld(env, '2094-09-01', { learners: 4 });
    const headUser = await createTestUser(env.ctx, { preferredLanguage: 'en' });
    const head = { id: headUser.id, headers: (await signIn(env.app, headUser)).headers };
    const made = await env.ctx.db.transaction((tx) =>
      seedDemoCourseWork(tx, {
        offeringId: w.offeringId,
        learnerIds: w.learners.map((l) => l.id),
        headId: head.id,
        supervisorIds: [w.supervisor.id, w.supervisor2.id],
        today: '2094-10-20',
        grantedBy: null,
      }),
    );
    expect(made.topics).toBe(5);
    at('2094-10-20T06:00:00Z');
    const progress = json(await call('GET', head, `${base(w)}/progress`));
    const states = progress.rows.map(
      (r: { learner: { id: string }; milestones: Array<{ state: string; overdue: boolean }> }) => [
        w.learners.findIndex((l) => l.id === r.learner.id),
        r.milestones.slice(0, 2).map((m) => (m.overdue ? 'overdue' : m.state)),
      ],
    );
    expect(Object.fromEntries(states)).toEqual({
      0: ['accepted', 'accepted'],
      1: ['needs_changes', 'overdue'],
      2: ['accepted', 'handed_in'],
      3: ['not_started', 'not_started'],
    });
    // The learner ahead has every milestone accepted and is admitted, placed in the session.
    const ahead = progress.rows.find((r: { learner: { id: string } }) => r.learner.id === w.learners[0]!.id);
    expect(ahead.milestones.map((m: { state: string }) => m.state)).toEqual([
      'accepted',
      'accepted',
      'accepted',
      'accepted',
    ]);
    expect(ahead.admitted).toBe(true);
    const view = json(await call('GET', w.supervisor2, base(w)));
    expect(view.choices.map((c: { status: string }) => c.status)).toEqual(['accepted', 'pending']);
    // The public defence session: the programme's learners see it with its learner.
    const schedule = json(await call('GET', w.programmeLearner, `${base(w)}/defences`)).items;
    expect(schedule).toHaveLength(1);
    expect(schedule[0]).toMatchObject({
      startsAt: '2094-11-24T05:00:00.000Z',
      place: 'Бас ғимарат, 214 аудитория',
    });
    expect(schedule[0].defences.map((d: { learner: { id: string } }) => d.learner.id)).toEqual([
      w.learners[0]!.id,
    ]);
    expect(made.defences).toBe(1);
    // Its commission meets the rule: staff entitled in the department, not the supervisor alone.
    const sessionMembers = schedule[0].commission.map((m: { id: string }) => m.id).sort();
    expect(sessionMembers).toEqual([head.id, w.supervisor.id, w.supervisor2.id].sort());
  });
});
