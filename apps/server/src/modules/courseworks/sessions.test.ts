import { and, eq } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { bandFor } from '#core/grading/scale.ts';
import { createTestUser, signIn, type TestEnv, testEnv, uniq } from '../../../test/harness.ts';
import { auditLedger, courseWorkDefenceSessions, orgUnits } from '../../db/schema/index.ts';
import { effectiveGradingSettings } from '../gradebook/settings/service.ts';
import { courseWorkGrade } from './results.ts';
import { cwClient } from './session-testing.ts';
import type { Who } from './testing.ts';

let env: TestEnv;
let c: ReturnType<typeof cwClient>;
beforeAll(async () => {
  env = await testEnv();
  c = cwClient(env);
});
afterEach(() => {
  env.ctx.clock.now = () => new Date();
});

async function person(
  roles: NonNullable<Parameters<typeof createTestUser>[1]>['roles'],
  surname: string,
  status = 'active',
): Promise<Who> {
  const u = await createTestUser(env.ctx, { roles, surname, givenName: 'Test', preferredLanguage: 'en' });
  const headers = { ...(await signIn(env.app, u)).headers, 'accept-language': 'en' };
  if (status !== 'active') {
    const { users } = await import('../../db/schema/index.ts');
    await env.ctx.db.update(users).set({ status }).where(eq(users.id, u.id));
  }
  return { id: u.id, headers };
}

describe('defence sessions', () => {
  it('admitted learners defend in turn in a session; it is public; the commission or the head records grades', async () => {
    const { json, call, at, base, working, admit } = c;
    const { w, topics, ms } = await working('2092');
    const [l0, l1] = w.learners;
    const sessionBody = {
      startsAt: '2092-11-25T05:00:00Z',
      place: 'Room 214',
      commission: [w.member.id, w.supervisor2.id],
    };
    expect((await call('POST', w.supervisor, `${base(w)}/defence-sessions`, sessionBody)).statusCode).toBe(
      403,
    );
    const noPlace = await call('POST', w.head, `${base(w)}/defence-sessions`, {
      ...sessionBody,
      place: null,
    });
    expect(noPlace.statusCode).toBe(400);
    const created = await call('POST', w.head, `${base(w)}/defence-sessions`, sessionBody);
    expect(created.statusCode, created.body).toBe(201);
    const session = json(created);
    expect(session.commission.map((m: { id: string }) => m.id).sort()).toEqual(
      [w.member.id, w.supervisor2.id].sort(),
    );

    const schedule = (who: Who, learnerId: string, startsAt?: string) =>
      call('POST', who, `${base(w)}/defences`, { learnerId, sessionId: session.id, startsAt });
    // Not admitted yet: no topic, no final version, no recommendation.
    expect((await schedule(w.head, l0!.id)).statusCode).toBe(422);
    await admit(w, ms, l0!, topics[0]!.id);
    await admit(w, ms, l1!, topics[1]!.id);
    expect((await schedule(w.supervisor, l0!.id)).statusCode).toBe(403);
    // Two learners placed at the same time at once: one gets the slot, the other is told it is taken.
    const race = await Promise.all([l0!, l1!].map((l) => schedule(w.head, l.id, '2092-11-25T05:00:00Z')));
    expect(race.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(json(race.find((r) => r.statusCode === 409)!).type).toContain('slot-taken');
    const won = json(race.find((r) => r.statusCode === 200)!).defences;
    expect(won).toHaveLength(1);
    expect((await call('DELETE', w.head, `/api/v1/course-work-defences/${won[0].id}`)).statusCode).toBe(204);
    const first = await schedule(w.head, l0!.id);
    expect(first.statusCode, first.body).toBe(200);
    // Without a time the next learner gets the slot after the last one.
    const second = json(await schedule(w.head, l1!.id));
    expect(
      second.defences.map((d: { learner: { id: string }; startsAt: string }) => [d.learner.id, d.startsAt]),
    ).toEqual([
      [l0!.id, '2092-11-25T05:00:00.000Z'],
      [l1!.id, '2092-11-25T05:20:00.000Z'],
    ]);
    const taken = await schedule(w.head, l1!.id, '2092-11-25T05:00:00Z');
    expect(taken.statusCode).toBe(409);
    expect(json(taken).type).toContain('slot-taken');
    const early = await schedule(w.head, l1!.id, '2092-11-25T04:00:00Z');
    expect(early.statusCode).toBe(400);
    expect(json(early).errors[0].pointer).toBe('/startsAt');
    const unknown = await call('POST', w.head, `${base(w)}/defences`, {
      learnerId: l1!.id,
      sessionId: '00000000-0000-4000-8000-000000000000',
    });
    expect(unknown.statusCode).toBe(400);

    // Public to the programme's learners, with the learners in order and no grades; not to outsiders.
    const pub = json(await call('GET', w.programmeLearner, `${base(w)}/defences`));
    expect(pub.items).toHaveLength(1);
    expect(pub.items[0].defences.map((d: { learner: { id: string } }) => d.learner.id)).toEqual([
      l0!.id,
      l1!.id,
    ]);
    expect(pub.items[0].canGrade).toBe(false);
    expect((await call('GET', w.outsider, `${base(w)}/defences`)).statusCode).toBe(404);
    // The programme's learner finds the course work in their list and sees its schedule only.
    const listed = json(await call('GET', w.programmeLearner, '/api/v1/course-works')).items;
    expect(listed.find((x: { offeringId: string }) => x.offeringId === w.offeringId)?.roles).toEqual([
      'audience',
    ]);
    const audience = json(await call('GET', w.programmeLearner, base(w)));
    expect(audience).toMatchObject({
      roles: ['audience'],
      topics: [],
      milestones: [],
      choices: [],
      myChoice: null,
    });
    expect((await call('GET', w.programmeLearner, `${base(w)}/learners/${l0!.id}`)).statusCode).toBe(404);
    expect((await call('GET', w.programmeLearner, `${base(w)}/progress`)).statusCode).toBe(403);
    expect((await call('GET', w.outsider, '/api/v1/course-works')).json().items).toEqual([]);

    const ids = second.defences.map((d: { id: string }) => d.id) as [string, string];
    const grade = (who: Who, id: string, score: number) =>
      call('PUT', who, `/api/v1/course-work-defences/${id}/grade`, { score });
    expect((await grade(w.member, ids[0], 85)).statusCode).toBe(422);
    at('2092-11-25T06:00:00Z');
    expect((await grade(l0!, ids[0], 85)).statusCode).toBe(404);
    // The supervisor is not on this commission.
    const notMember = await grade(w.supervisor, ids[0], 85);
    expect(notMember.statusCode).toBe(403);
    expect(json(notMember).detail).toBe(
      "Only a member of this session's commission or the head of department records the grade.",
    );
    expect((await grade(w.member, ids[0], 101)).statusCode).toBe(400);
    const graded = await grade(w.member, ids[0], 85);
    expect(graded.statusCode, graded.body).toBe(200);
    const settings = await effectiveGradingSettings(env.ctx, 2092);
    const band = bandFor(settings.settings, 85);
    expect(json(graded).grade).toMatchObject({ score: 85, letter: band.letter });
    // The department head records too.
    const byHead = await grade(w.head, ids[1], 72);
    expect(byHead.statusCode, byHead.body).toBe(200);

    expect(await courseWorkGrade(env.ctx.db, w.offeringId, l0!.id)).toMatchObject({
      score: 85,
      letter: band.letter,
      gradingSettingsVersion: settings.versionNo,
    });
    expect(await courseWorkGrade(env.ctx.db, w.offeringId, w.learners[2]!.id)).toBeNull();
    const publicView = json(await call('GET', w.programmeLearner, `${base(w)}/defences`));
    expect(publicView.items[0].defences.map((d: { grade: unknown }) => d.grade)).toEqual([null, null]);
    const own = json(await call('GET', l0!, `${base(w)}/defences`)).items[0].defences;
    expect(own.map((d: { grade: { score: number } | null }) => d.grade?.score ?? null)).toEqual([85, null]);
    const memberView = json(await call('GET', w.member, `${base(w)}/defences`)).items[0];
    expect(memberView.canGrade).toBe(true);
    expect(memberView.defences.map((d: { grade: { score: number } }) => d.grade.score)).toEqual([85, 72]);
    // Graded: the learner is not moved, the session not changed.
    expect((await schedule(w.head, l0!.id, '2092-11-25T07:00:00Z')).statusCode).toBe(409);
    expect(
      (await call('PUT', w.head, `/api/v1/course-work-defence-sessions/${session.id}`, sessionBody))
        .statusCode,
    ).toBe(409);
    const ledger = await env.ctx.db
      .select()
      .from(auditLedger)
      .where(and(eq(auditLedger.action, 'courseWork.defence.grade'), eq(auditLedger.subjectId, ids[0])));
    expect(ledger).toHaveLength(1);
    const view = json(await call('GET', w.member, `${base(w)}/learners/${l0!.id}`));
    expect(view.defence).toMatchObject({ sessionId: session.id, place: 'Room 214' });
    expect(view.canGrade).toBe(true);
    const list = json(await call('GET', w.member, '/api/v1/course-works')).items;
    expect(list.map((x: { offeringId: string }) => x.offeringId)).toContain(w.offeringId);
  });

  it('the commission: entitled staff of the department or faculty, no learner, nobody deactivated, never the supervisor alone', async () => {
    const { json, call, base, working, admit } = c;
    const { w, topics, ms } = await working('2092');
    const [elsewhereDept] = await env.ctx.db
      .insert(orgUnits)
      .values({ kind: 'department', code: uniq('D'), nameKk: 'К', nameRu: 'К', nameEn: 'D' })
      .returning();
    const elsewhere = await person(
      [{ code: 'teacher', scopeType: 'org_unit', scopeId: elsewhereDept!.id }],
      'Басқаев',
    );
    const noRole = await person([], 'Рөлсізов');
    const gone = await person(
      [{ code: 'teacher', scopeType: 'org_unit', scopeId: w.departmentId }],
      'Кеткенов',
      'deactivated',
    );
    const facultyExaminer = await person(
      [{ code: 'examiner', scopeType: 'org_unit', scopeId: w.facultyId }],
      'Емтиханов',
    );
    const create = (commission: string[]) =>
      call('POST', w.head, `${base(w)}/defence-sessions`, {
        startsAt: '2092-11-26T05:00:00Z',
        onlineUrl: 'https://meet.example.kz/cw',
        commission,
      });
    const refusals: Array<[string, string, string]> = [
      [
        elsewhere.id,
        '/commission/1',
        'Басқаев Test cannot sit on a course-work defence commission: they hold no teacher, examiner or supervisor role in this department or faculty.',
      ],
      [
        noRole.id,
        '/commission/1',
        'Рөлсізов Test cannot sit on a course-work defence commission: they hold no teacher, examiner or supervisor role in this department or faculty.',
      ],
      [
        w.learners[2]!.id,
        '/commission/1',
        'Абаев Дәурен is a learner of this course work and cannot sit on the commission.',
      ],
      [
        gone.id,
        '/commission/1',
        'Кеткенов Test is not active: choose an active staff member for the commission.',
      ],
      [
        '00000000-0000-4000-8000-000000000000',
        '/commission/1',
        'There is no such active user: choose the commission member again.',
      ],
    ];
    for (const [id, pointer, detail] of refusals) {
      const res = await create([w.member.id, id]);
      expect(res.statusCode, res.body).toBe(400);
      expect(json(res).detail).toBe(detail);
      expect(json(res).errors.map((e: { pointer: string }) => e.pointer)).toEqual([pointer]);
    }
    // Supervisors are held to the same entitlement when topics are published.
    const topic = (supervisorId: string) => ({
      topics: [{ title: { kk: 'Т', ru: 'Т', en: 'T' }, supervisorId }],
    });
    const learnerSupervisor = await call('POST', w.head, `${base(w)}/topics`, topic(w.learners[2]!.id));
    expect(learnerSupervisor.statusCode).toBe(400);
    expect(json(learnerSupervisor).detail).toBe(
      'Абаев Дәурен is a learner of this course work and cannot supervise it.',
    );
    expect(json(learnerSupervisor).errors[0].pointer).toBe('/topics/0/supervisorId');
    const outside = await call('POST', w.head, `${base(w)}/topics`, topic(elsewhere.id));
    expect(json(outside).detail).toBe(
      'Басқаев Test cannot supervise a course work here: they hold no teacher, examiner or supervisor role in this department or faculty.',
    );
    expect(json(await call('GET', w.head, base(w))).topics).toHaveLength(3);
    // Nothing was made.
    expect(
      await env.ctx.db
        .select()
        .from(courseWorkDefenceSessions)
        .where(eq(courseWorkDefenceSessions.offeringId, w.offeringId)),
    ).toEqual([]);
    const kk = await env.app.inject({
      method: 'POST',
      url: `${base(w)}/defence-sessions`,
      headers: { ...w.head.headers, 'accept-language': 'kk' },
      payload: { startsAt: '2092-11-26T05:00:00Z', place: '1', commission: [elsewhere.id] },
    });
    expect(json(kk).detail).toContain('Басқаев Test курстық жұмыстарды қорғау комиссиясына кіре алмайды');

    // An examiner of the faculty may sit; the supervisor may sit, but not alone for their learner.
    const alone = json(await create([w.supervisor.id]));
    await admit(w, ms, w.learners[0]!, topics[0]!.id);
    const refused = await call('POST', w.head, `${base(w)}/defences`, {
      learnerId: w.learners[0]!.id,
      sessionId: alone.id,
    });
    expect(refused.statusCode).toBe(400);
    expect(json(refused).detail).toBe(
      "Бекова Әсел's commission would be their supervisor Омаров Ғалым alone: add at least one member besides the supervisor.",
    );
    const put = (commission: string[]) =>
      call('PUT', w.head, `/api/v1/course-work-defence-sessions/${alone.id}`, {
        startsAt: '2092-11-26T06:00:00Z',
        onlineUrl: 'https://meet.example.kz/cw',
        commission,
      });
    const widened = await put([w.supervisor.id, facultyExaminer.id]);
    expect(widened.statusCode, widened.body).toBe(200);
    const placed = await call('POST', w.head, `${base(w)}/defences`, {
      learnerId: w.learners[0]!.id,
      sessionId: alone.id,
    });
    expect(placed.statusCode, placed.body).toBe(200);
    expect(json(placed).defences[0].startsAt).toBe('2092-11-26T06:00:00.000Z');
    const narrowed = await put([w.supervisor.id]);
    expect(narrowed.statusCode).toBe(400);
    expect(json(narrowed).errors[0].code).toBe('supervisor-alone');

    // Moving the session moves its slots; a session with learners is not cancelled.
    const moved = json(await put([w.supervisor.id, facultyExaminer.id, w.member.id]));
    expect(moved.defences[0].startsAt).toBe('2092-11-26T06:00:00.000Z');
    const later = json(
      await call('PUT', w.head, `/api/v1/course-work-defence-sessions/${alone.id}`, {
        startsAt: '2092-11-27T05:00:00Z',
        place: 'Room 101',
        commission: [w.supervisor.id, facultyExaminer.id],
      }),
    );
    expect(later.defences[0].startsAt).toBe('2092-11-27T05:00:00.000Z');
    expect(later.place).toBe('Room 101');
    const session = `/api/v1/course-work-defence-sessions/${alone.id}`;
    expect((await call('DELETE', w.head, session)).statusCode).toBe(409);
    const defenceId = later.defences[0].id;
    expect(
      (await call('DELETE', w.learners[0]!, `/api/v1/course-work-defences/${defenceId}`)).statusCode,
    ).toBe(404);
    expect((await call('DELETE', w.head, `/api/v1/course-work-defences/${defenceId}`)).statusCode).toBe(204);
    expect((await call('DELETE', w.head, session)).statusCode).toBe(204);
    expect(json(await call('GET', w.head, `${base(w)}/defences`)).items).toEqual([]);
  });
});
