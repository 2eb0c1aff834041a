/** A fresh course-work offering with its cast, made by direct inserts (the academic API has its own tests). */

import { createTestUser, signIn, type TestEnv, uniq } from '../../../test/harness.ts';
import {
  academicGroupProfiles,
  academicPeriods,
  academicYears,
  calendarEvents,
  courseOfferings,
  curricula,
  curriculumEntries,
  disciplines,
  enrolments,
  groups,
  learnerGroupHistory,
  offeringGroups,
  orgUnits,
  programmes,
} from '../../db/schema/index.ts';
import { unitTree } from '../academics/testing.ts';

export type Who = { id: string; headers: Record<string, string> };

async function who(
  env: TestEnv,
  roles: NonNullable<Parameters<typeof createTestUser>[1]>['roles'],
  names?: { surname: string; givenName: string },
): Promise<Who> {
  const u = await createTestUser(env.ctx, { roles, preferredLanguage: 'en', ...names });
  return { id: u.id, headers: { ...(await signIn(env.app, u)).headers, 'accept-language': 'en' } };
}

/**
 * A course-work discipline taught in a trimester from `periodStart` (YYYY-09-01) whose exam
 * session starts on YYYY-11-23; three learners of one group enrolled, a fourth learner of the
 * programme's group not enrolled, the department head, two supervisors, commission members.
 */
export async function courseWorkWorld(env: TestEnv, periodStart: string, opts: { learners?: number } = {}) {
  const db = env.ctx.db;
  const y = periodStart.slice(0, 4);
  const { facultyId, departmentId } = await unitTree(env);
  const [programme] = await db
    .insert(programmes)
    .values({
      code: uniq('6B'),
      nameKk: 'Агрономия',
      nameRu: 'Агрономия',
      nameEn: 'Agronomy',
      departmentId: departmentId,
      degreeLevel: 'bachelor',
      studyForm: 'distance',
      language: 'kk',
    })
    .returning();
  const [discipline] = await db
    .insert(disciplines)
    .values({
      code: uniq('CW'),
      nameKk: 'Өсімдік шаруашылығы (курстық жұмыс)',
      nameRu: 'Растениеводство (курсовая работа)',
      nameEn: 'Crop production (course work)',
      departmentId: departmentId,
    })
    .returning();
  const [curriculum] = await db
    .insert(curricula)
    .values({ programmeId: programme!.id, intakeYear: 2026, status: 'approved' })
    .returning();
  const [entry] = await db
    .insert(curriculumEntries)
    .values({
      curriculumId: curriculum!.id,
      disciplineId: discipline!.id,
      yearOfStudy: 1,
      periodNumber: 1,
      credits: 3,
      component: 'compulsory',
      finalControl: 'course_work',
    })
    .returning();
  const [year] = await db
    .insert(academicYears)
    .values({
      startYear: Number(y),
      // A study form of its own: a draft of the current year for 'distance' would block the
      // calendar other test files of this worker create for it.
      studyForm: uniq('sf'),
      status: 'draft',
      versionNo: Math.floor(Math.random() * 1e6) + 10,
    })
    .returning();
  const [period] = await db
    .insert(academicPeriods)
    .values({
      academicYearId: year!.id,
      kind: 'trimester',
      number: 1,
      startsOn: periodStart,
      endsOn: `${y}-12-05`,
    })
    .returning();
  await db
    .insert(calendarEvents)
    .values({ periodId: period!.id, kind: 'exam_session', startsOn: `${y}-11-23`, endsOn: `${y}-12-05` });
  const [group] = await db
    .insert(groups)
    .values({ kind: 'academic_group', code: uniq('G'), name: 'АГР-26-1' })
    .returning();
  await db.insert(academicGroupProfiles).values({
    groupId: group!.id,
    programmeId: programme!.id,
    intakeYear: 2026,
    studyForm: 'distance',
    language: 'kk',
  });
  const [offering] = await db
    .insert(courseOfferings)
    .values({ periodId: period!.id, entryId: entry!.id, disciplineId: discipline!.id, code: uniq('CW') })
    .returning();
  await db.insert(offeringGroups).values({ offeringId: offering!.id, groupId: group!.id });

  const names = [
    ['Бекова', 'Әсел'],
    ['Әбілов', 'Нұрлан'],
    ['Абаев', 'Дәурен'],
    ['Серікова', 'Дана'],
    ['Жақсылықов', 'Ерлан'],
  ] as const;
  const learners: Who[] = [];
  for (const [surname, givenName] of names.slice(0, opts.learners ?? 3)) {
    const l = await who(env, ['learner'], { surname, givenName });
    await db.insert(learnerGroupHistory).values({ userId: l.id, groupId: group!.id, joinedOn: periodStart });
    await db.insert(enrolments).values({ offeringId: offering!.id, userId: l.id });
    learners.push(l);
  }
  // Of the programme (its group) but not enrolled: sees the public defence schedule only.
  const programmeLearner = await who(env, ['learner']);
  await db
    .insert(learnerGroupHistory)
    .values({ userId: programmeLearner.id, groupId: group!.id, joinedOn: periodStart });
  const outsider = await who(env, ['learner']);
  const head = await who(env, [{ code: 'department_head', scopeType: 'org_unit', scopeId: departmentId }]);
  const otherHead = await who(env, [
    {
      code: 'department_head',
      scopeType: 'org_unit',
      scopeId: (
        await db
          .insert(orgUnits)
          .values({ kind: 'department', code: uniq('D'), nameKk: 'К', nameRu: 'К', nameEn: 'D' })
          .returning()
      )[0]!.id,
    },
  ]);
  const deansOffice = await who(env, [
    { code: 'deans_office_staff', scopeType: 'org_unit', scopeId: facultyId },
  ]);
  // Teachers of the department: entitled to supervise and to sit on defence commissions.
  const teacher = [{ code: 'teacher', scopeType: 'org_unit' as const, scopeId: departmentId }];
  const supervisor = await who(env, teacher, { surname: 'Омаров', givenName: 'Ғалым' });
  const supervisor2 = await who(env, teacher, { surname: 'Ахметова', givenName: 'Гүлнар' });
  const member = await who(env, teacher, { surname: 'Сейітов', givenName: 'Бауыржан' });
  return {
    offeringId: offering!.id,
    departmentId: departmentId,
    facultyId: facultyId,
    groupId: group!.id,
    learners,
    programmeLearner,
    outsider,
    head,
    otherHead,
    deansOffice,
    supervisor,
    supervisor2,
    member,
  };
}

export const title = (en: string) => ({ kk: `${en} (kk)`, ru: `${en} (ru)`, en });

/**
 * A course work under way (its trimester starts `periodStart`): learner 0 holds an accepted
 * topic, handed in the outline (with a PDF) and the final version, and is recommended and
 * placed in a defence session (commission: a member and the supervisor); learner 1's choice
 * waits for the supervisor; learner 2's topic was accepted and they asked to withdraw from it.
 * A second session has nobody in it yet.
 */
export async function courseWorkUnderWay(env: TestEnv, periodStart = '2093-09-01') {
  const w = await courseWorkWorld(env, periodStart);
  const y = periodStart.slice(0, 4);
  const saved = env.ctx.clock.now;
  env.ctx.clock.now = () => new Date(`${y}-09-05T06:00:00Z`);
  try {
    const base = `/api/v1/offerings/${w.offeringId}/course-work`;
    const call = async (method: 'POST' | 'PUT', who: Who, url: string, payload?: unknown, status = 200) => {
      const res = await env.app.inject({ method, url, headers: who.headers, payload: payload as never });
      if (res.statusCode !== status) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
      return JSON.parse(res.body || 'null');
    };
    const topics = (
      await call(
        'POST',
        w.head,
        `${base}/topics`,
        {
          topics: [1, 2, 3].map((i) => ({ title: title(`Topic ${i}`), supervisorId: w.supervisor.id })),
        },
        201,
      )
    ).items as Array<{ id: string }>;
    const { milestones } = await call('PUT', w.head, `${base}/milestones`, {
      milestones: [
        { kind: 'outline', title: title('Outline'), dueOn: `${y}-09-20` },
        { kind: 'final', title: title('Final version'), dueOn: `${y}-11-15` },
      ],
    });
    const accepted = await call('POST', w.learners[0]!, `${base}/choices`, { topicId: topics[0]!.id }, 201);
    await call('POST', w.supervisor, `/api/v1/course-work-choices/${accepted.id}/decision`, { accept: true });
    const pending = await call('POST', w.learners[1]!, `${base}/choices`, { topicId: topics[1]!.id }, 201);
    const third = await call('POST', w.learners[2]!, `${base}/choices`, { topicId: topics[2]!.id }, 201);
    await call('POST', w.supervisor, `/api/v1/course-work-choices/${third.id}/decision`, { accept: true });
    const withdrawal = await call(
      'POST',
      w.learners[2]!,
      `/api/v1/course-work-choices/${third.id}/withdrawal`,
      {
        reason: 'Changing topic',
      },
    );
    const { samplePdf, multipart } = await import('../content/testing.ts');
    const m = multipart('outline.pdf', await samplePdf());
    const up = await env.app.inject({
      method: 'POST',
      url: `${base}/files`,
      headers: { ...w.learners[0]!.headers, 'content-type': m.contentType },
      payload: m.payload,
    });
    if (up.statusCode !== 201) throw new Error(up.body);
    const file = JSON.parse(up.body) as { id: string };
    for (const ms of milestones as Array<{ id: string }>) {
      await call(
        'POST',
        w.learners[0]!,
        `${base}/milestones/${ms.id}/hand-ins`,
        { note: 'Work', fileIds: ms === milestones[0] ? [file.id] : [] },
        201,
      );
    }
    await call('POST', w.supervisor, `${base}/learners/${w.learners[0]!.id}/recommendation`);
    const session = await call(
      'POST',
      w.head,
      `${base}/defence-sessions`,
      { startsAt: `${y}-11-25T05:00:00Z`, place: 'Room 214', commission: [w.member.id, w.supervisor.id] },
      201,
    );
    const scheduled = await call('POST', w.head, `${base}/defences`, {
      learnerId: w.learners[0]!.id,
      sessionId: session.id,
    });
    const defence = scheduled.defences[0];
    const empty = await call(
      'POST',
      w.head,
      `${base}/defence-sessions`,
      {
        startsAt: `${y}-11-26T05:00:00Z`,
        onlineUrl: 'https://meet.example.kz/cw',
        commission: [w.member.id],
      },
      201,
    );
    return {
      ...w,
      topics,
      milestones: milestones as Array<{ id: string }>,
      acceptedChoiceId: accepted.id as string,
      pendingChoiceId: pending.id as string,
      fileId: file.id,
      defenceId: defence.id as string,
      sessionId: session.id as string,
      emptySessionId: empty.id as string,
      withdrawalId: withdrawal.withdrawal.id as string,
    };
  } finally {
    env.ctx.clock.now = saved;
  }
}
