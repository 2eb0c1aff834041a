import { and, eq, inArray } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { questionTypes } from '#core/assessment/questions.ts';
import { timetableClashes } from '#core/calendar/index.ts';
import { activityDueDate } from '#core/grading/journal.ts';
import { signIn, type TestEnv, testEnv } from '../../../test/harness.ts';
import {
  academicGroupProfiles,
  auditLedger,
  calendarEvents,
  contentMaterials,
  contentMaterialVersions,
  controlActivities,
  courseOfferings,
  curricula,
  curriculumEntries,
  disciplines,
  enrolments,
  examTimetable,
  examTimetableExaminers,
  examTimetableGroups,
  groups,
  journalMarks,
  learnerGroupHistory,
  offeringGroups,
  orgUnits,
  programmes,
  questions,
  questionVersions,
  statements,
  tests,
  users,
} from '../../db/schema/index.ts';
import { almatyToday } from '../academics/scopes.ts';
import { roleCatalogue } from '../roles/catalogue.ts';
import { verifyFinalResults } from '../statements/integrity.ts';
import { demoCalendar, demoStartYear, yy } from './academics.ts';
import { type DemoAccount, seedDemo } from './seed.ts';

let env: TestEnv;
let accounts: DemoAccount[];
let printed = '';

beforeAll(async () => {
  // A database of its own: the demo's calendars of the current year must not meet other files' fixtures.
  env = await testEnv({ logLevel: 'silent' });
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    printed += String(chunk);
    return true;
  });
  try {
    accounts = (await seedDemo(env.ctx.db, { print: true, onlyIfEmpty: true, storage: env.ctx.config }))!;
  } finally {
    spy.mockRestore();
  }
}, 120_000);

const account = (role: string) => accounts.find((a) => a.role === role)!;
const startYear = demoStartYear(almatyToday());
/** The distance agronomy group admitted this academic year. */
const firstYearGroup = `АГР-${yy(startYear)}-1`;
const get = async (who: DemoAccount, url: string) => {
  const s = await signIn(env.app, who);
  const res = await env.app.inject({ url, headers: s.headers });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

describe('demo university', () => {
  it('builds the organization tree with the registrar’s assessment unit and dean’s offices', async () => {
    const rows = await env.ctx.db
      .select()
      .from(orgUnits)
      .where(
        inArray(orgUnits.code, ['KATU', 'KATU-REG', 'KATU-REG-AA', 'KATU-AGR', 'KATU-AGR-DO', 'KATU-AGR-PG']),
      );
    const by = new Map(rows.map((r) => [r.code, r]));
    expect(by.get('KATU')!.nameKk).toBe('С.Сейфуллин атындағы Қазақ агротехникалық зерттеу университеті');
    expect(by.get('KATU-REG-AA')!.parentId).toBe(by.get('KATU-REG')!.id);
    expect(by.get('KATU-AGR-DO')!.kind).toBe('deans_office');
    expect(by.get('KATU-AGR-DO')!.parentId).toBe(by.get('KATU-AGR')!.id);
    expect(by.get('KATU-AGR-PG')!.parentId).toBe(by.get('KATU-AGR')!.id);
  });

  it('has a member of staff for every role of the catalogue, each able to sign in without a forced change', async () => {
    for (const role of roleCatalogue)
      expect(
        accounts.some((a) => a.role === role.code),
        role.code,
      ).toBe(true);
    const res = await env.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { login: account('dean').login, password: account('dean').password },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().user.mustChangePassword).toBe(false);
    const [row] = await env.ctx.db
      .select()
      .from(users)
      .where(eq(users.login, account('dean').login));
    expect(row!.passwordChangeExempt).toBe(true);
  });

  it('nests the academic groups under a cohort, with a subgroup, and lists learners in Kazakh order', async () => {
    const admin = await signIn(env.app, account('system_admin'));
    const [is] = await env.ctx.db.select().from(groups).where(eq(groups.code, firstYearGroup));
    const detail = (
      await env.app.inject({ method: 'GET', url: `/api/v1/groups/${is!.id}`, headers: admin.headers })
    ).json();
    expect(detail.members.length).toBeGreaterThanOrEqual(6);
    expect(detail.members.length).toBeLessThanOrEqual(10);
    expect(detail.members.map((m: { surname: string }) => m.surname)).toEqual([
      'Алиев',
      'Әмірова',
      'Бақытжанов',
      'Ким',
      'Нұрланова',
      'Петров',
      'Сейітов',
      'Шәріпова',
    ]); // Ілиясов was transferred to the parallel group by a demo order (learner records)
    expect(detail.children.map((c: { kind: string }) => c.kind)).toEqual(['subgroup']);
    const [cohort] = await env.ctx.db.select().from(groups).where(eq(groups.id, is!.parentId!));
    expect(cohort!.kind).toBe('cohort');
    expect(detail.members.every((m: { recordBookNo: string | null }) => m.recordBookNo)).toBe(true);
  });

  it('scopes the dean’s office to its faculty', async () => {
    const s = await signIn(env.app, account('deans_office_staff'));
    const list = (
      await env.app.inject({ method: 'GET', url: '/api/v1/users?pageSize=200', headers: s.headers })
    ).json();
    const groupsOf = new Set(accounts.filter((a) => a.role === 'learner').map((a) => a.group));
    expect(groupsOf.size).toBe(3);
    const logins = list.items.map((u: { login: string }) => u.login);
    for (const a of accounts.filter((x) => x.role === 'learner')) {
      expect(logins.includes(a.login), a.login).toBe(a.group!.startsWith('АГР-'));
    }
  });

  it('prints the passwords once, and a second start changes nothing', async () => {
    expect(printed).toContain(account('system_admin').password);
    expect(printed).toContain(account('system_admin').login);
    const before = await env.ctx.db.select({ id: users.id }).from(users);
    expect(await seedDemo(env.ctx.db, { onlyIfEmpty: true })).toBeNull();
    const after = await env.ctx.db.select({ id: users.id }).from(users);
    expect(after.length).toBe(before.length);
    const seeds = await env.ctx.db
      .select()
      .from(auditLedger)
      .where(and(eq(auditLedger.action, 'demo.seed')));
    expect(seeds).toHaveLength(1);
    expect(JSON.stringify(seeds[0]!.data)).not.toContain('demo.');
  });

  it('gives Crop Production an approved e-learning complex with every kind of material in Kazakh and Russian', async () => {
    const [seed] = await env.ctx.db.select().from(auditLedger).where(eq(auditLedger.action, 'demo.seed'));
    const data = seed!.data as { contentMaterials: number; contentTextbooks: number };
    expect(data.contentMaterials).toBeGreaterThan(0);
    expect(data.contentTextbooks).toBe(1);
    const [crop] = await env.ctx.db.select().from(disciplines).where(eq(disciplines.code, 'AGRO-2207'));
    const mats = await env.ctx.db
      .select()
      .from(contentMaterials)
      .where(eq(contentMaterials.disciplineId, crop!.id));
    expect(new Set(mats.map((m) => m.kind))).toEqual(
      new Set(['page', 'link', 'textbook', 'assignment', 'test']),
    );
    expect(mats.every((m) => m.approvedVersionId && m.lastApprovedAt)).toBe(true);
    const versions = await env.ctx.db
      .select()
      .from(contentMaterialVersions)
      .where(
        inArray(
          contentMaterialVersions.id,
          mats.map((m) => m.approvedVersionId!),
        ),
      );
    type Body = Record<string, { title: string; html?: string; fileId?: string; toc?: unknown[] }>;
    for (const v of versions) {
      const body = v.body as Body;
      expect(Object.keys(body).sort()).toEqual(['kk', 'ru']);
      expect(body.kk!.title && body.ru!.title).toBeTruthy();
    }
    const html = versions.map((v) => (v.body as Body).kk!.html ?? '').join('');
    expect(html).toContain('<table>');
    expect(html).toContain('class="math-inline"');
    // The e-textbook: a stored PDF per language with its table of contents.
    const textbook = mats.find((m) => m.kind === 'textbook')!;
    const body = versions.find((v) => v.id === textbook.approvedVersionId)!.body as Body;
    for (const lang of ['kk', 'ru']) {
      expect(body[lang]!.toc).toHaveLength(4);
      const got = await env.ctx.files.get(body[lang]!.fileId!);
      expect(got?.file.contentType).toBe('application/pdf');
      const chunks: Buffer[] = [];
      for await (const c of got!.stream) chunks.push(c as Buffer);
      expect(Buffer.concat(chunks).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    }
  });

  it('generates different passwords for each account', () => {
    expect(new Set(accounts.map((a) => a.password)).size).toBe(accounts.length);
  });
});

describe('demo academic year', () => {
  const learnerOf = (prefix: string) =>
    accounts.find((a) => a.role === 'learner' && a.group!.startsWith(prefix))!;

  it('has an approved distance curriculum for shortened-programme learners, with exam, graded test and course work', async () => {
    const [p] = await env.ctx.db.select().from(programmes).where(eq(programmes.studyForm, 'distance'));
    expect(p!.dltCategories).toEqual(['shortened_after_tvet']);
    const cs = await env.ctx.db.select().from(curricula).where(eq(curricula.programmeId, p!.id));
    expect(cs.map((c) => c.intakeYear).sort()).toEqual([startYear - 1, startYear]);
    expect(cs.every((c) => c.status === 'approved' && c.approvedBy && c.approvedAt)).toBe(true);
    const entries = await env.ctx.db
      .select()
      .from(curriculumEntries)
      .where(eq(curriculumEntries.curriculumId, cs[0]!.id));
    expect(entries.length).toBeGreaterThanOrEqual(5);
    expect(entries.length).toBeLessThanOrEqual(10); // with the first year's elective block
    expect(new Set(entries.map((e) => e.finalControl))).toEqual(
      new Set(['exam', 'graded_test', 'course_work']),
    );
    expect(new Set(entries.map((e) => e.periodNumber))).toEqual(new Set([1, 2, 3]));
    const acts = await env.ctx.db
      .select()
      .from(controlActivities)
      .where(eq(controlActivities.entryId, entries[0]!.id));
    expect(acts.find((a) => a.kind === 'rk1')!.dueWeek).toBe(7);
    expect(acts.find((a) => a.kind === 'rk2')!.dueWeek).toBe(14);
    expect(acts.filter((a) => a.kind === 'current').length).toBeGreaterThanOrEqual(10);
    // The full-time programme too, and every demo academic group belongs to a programme.
    const [ft] = await env.ctx.db.select().from(programmes).where(eq(programmes.studyForm, 'full_time'));
    expect(ft).toBeDefined();
    const profiles = await env.ctx.db.select().from(academicGroupProfiles);
    // three groups of the academic structure, and the parallel first-year group the records add
    expect(profiles).toHaveLength(4);
  });

  it('shows a learner this academic year’s approved calendar of their study form, with a period running today', async () => {
    const today = almatyToday();
    const { calendar } = await get(learnerOf('АГР-'), '/api/v1/calendar');
    expect(calendar.status).toBe('approved');
    expect(calendar.studyForm).toBe('distance');
    expect(calendar.startYear).toBe(startYear);
    type P = { kind: string; start: string; end: string; events: Array<{ kind: string }> };
    const periods: P[] = calendar.periods;
    expect(periods.map((p) => p.kind)).toEqual(['trimester', 'trimester', 'trimester', 'summer']);
    expect(periods.some((p) => p.start <= today && today <= p.end)).toBe(true);
    const kinds = new Set(periods.flatMap((p) => p.events.map((e) => e.kind)));
    for (const k of ['inter_session', 'rating_control', 'introductory', 'holiday', 'exam_session'])
      expect(kinds.has(k), k).toBe(true);
    const vet = await get(learnerOf('ВЕТ-'), '/api/v1/calendar');
    expect(vet.calendar.studyForm).toBe('full_time');
    expect(vet.calendar.status).toBe('approved');
  });

  it('builds a valid calendar for any day of the year, always with a period running', () => {
    for (const day of ['2026-08-31', '2026-09-01', '2027-01-03', '2027-03-30', '2027-07-20', '2028-02-29']) {
      const periods = demoCalendar(demoStartYear(day), 'distance');
      expect(
        periods.filter((p) => p.start <= day && day <= p.end),
        day,
      ).toHaveLength(1);
    }
  });

  it('enrols every demo learner in the current period’s offerings, which their “My courses” lists', async () => {
    for (const prefix of ['АГР-', 'ВЕТ-']) {
      const learner = learnerOf(prefix);
      const { items } = await get(learner, '/api/v1/me/courses');
      expect(items.length, prefix).toBeGreaterThan(0);
      expect(items.every((c: { as: string; readOnly: boolean }) => c.as === 'learner' && !c.readOnly)).toBe(
        true,
      );
    }
    const offerings = await env.ctx.db.select({ id: courseOfferings.id }).from(courseOfferings);
    for (const o of offerings) {
      const [g] = await env.ctx.db.select().from(offeringGroups).where(eq(offeringGroups.offeringId, o.id));
      const inGroup = await env.ctx.db
        .select()
        .from(learnerGroupHistory)
        .where(eq(learnerGroupHistory.groupId, g!.groupId));
      const enrolled = await env.ctx.db.select().from(enrolments).where(eq(enrolments.offeringId, o.id));
      expect(enrolled.length).toBe(inGroup.length);
      expect(enrolled.length).toBeGreaterThan(0);
    }
  });

  it('lists the demo teacher’s and tutor’s offerings in their “My courses”, with the group’s advisor', async () => {
    const teaching = await get(account('teacher'), '/api/v1/me/courses');
    expect(teaching.items.length).toBeGreaterThan(0);
    expect(teaching.items.every((c: { as: string }) => c.as === 'teacher')).toBe(true);
    const tutoring = await get(account('tutor'), '/api/v1/me/courses');
    expect(tutoring.items.length).toBeGreaterThan(0);
    expect(tutoring.items.every((c: { as: string }) => c.as === 'tutor')).toBe(true);
    const vet = await get(learnerOf('ВЕТ-'), '/api/v1/me/courses');
    const [advisor] = await env.ctx.db
      .select()
      .from(users)
      .where(eq(users.login, account('advisor').login));
    expect(vet.items[0].advisors.map((a: { userId: string }) => a.userId)).toEqual([advisor!.id]);
  });

  it('has certificates: the teacher’s valid, the department head’s in the 90-day expiry report', async () => {
    const { items } = await get(account('dl_institute_director'), '/api/v1/certificates/expiring?days=90');
    const [head] = await env.ctx.db
      .select()
      .from(users)
      .where(eq(users.login, account('department_head').login));
    const [teacher] = await env.ctx.db
      .select()
      .from(users)
      .where(eq(users.login, account('teacher').login));
    const ids = items.map((i: { userId: string }) => i.userId);
    expect(ids).toContain(head!.id);
    expect(ids).not.toContain(teacher!.id);
    const own = await get(account('teacher'), `/api/v1/users/${teacher!.id}/certificates`);
    expect(own.items[0].expiresOn > almatyToday()).toBe(true);
  });

  it('has a clash-free exam timetable of the current session with the demo examiner', async () => {
    const exams = await env.ctx.db.select().from(examTimetable);
    expect(exams.length).toBeGreaterThan(0);
    const [examiner] = await env.ctx.db
      .select()
      .from(users)
      .where(eq(users.login, account('examiner').login));
    const entries = [];
    for (const x of exams) {
      const gs = await env.ctx.db
        .select()
        .from(examTimetableGroups)
        .where(eq(examTimetableGroups.entryId, x.id));
      const es = await env.ctx.db
        .select()
        .from(examTimetableExaminers)
        .where(eq(examTimetableExaminers.entryId, x.id));
      expect(es.map((e) => e.userId)).toEqual([examiner!.id]);
      entries.push({
        id: x.id,
        groupIds: gs.map((g) => g.groupId),
        examinerIds: es.map((e) => e.userId),
        startsAt: x.startsAt.toISOString(),
        endsAt: x.endsAt.toISOString(),
      });
    }
    expect(timetableClashes(entries)).toEqual([]);
    // Every exam lies in its period's exam session, on a working day (not a Sunday).
    for (const x of exams) {
      const [session] = await env.ctx.db
        .select()
        .from(calendarEvents)
        .where(and(eq(calendarEvents.periodId, x.periodId), eq(calendarEvents.kind, 'exam_session')));
      const day = almatyToday(x.startsAt);
      expect(session!.startsOn <= day && day <= session!.endsOn, day).toBe(true);
      expect(new Date(`${day}T00:00:00Z`).getUTCDay()).not.toBe(0);
    }
    // A learner sees their exams in the calendar.
    const { exams: mine } = await get(learnerOf('АГР-'), '/api/v1/calendar');
    expect(mine.length).toBeGreaterThan(0);
  });

  it('shows marks in the demo teacher’s journal for every activity due by today', async () => {
    const teaching = await get(account('teacher'), '/api/v1/me/courses');
    // The approved demo statement's journal is complete by design: the teacher's running one is meant here.
    const approved = new Set(
      (
        await env.ctx.db
          .select({ o: statements.offeringId })
          .from(statements)
          .where(eq(statements.status, 'approved'))
      ).map((r) => r.o),
    );
    const marked = (
      await env.ctx.db.selectDistinct({ o: journalMarks.offeringId }).from(journalMarks)
    ).filter((m) => !approved.has(m.o));
    const [offering] = await env.ctx.db
      .select()
      .from(courseOfferings)
      .where(eq(courseOfferings.id, marked[0]?.o ?? teaching.items[0].id));
    const course = teaching.items.find((c: { id: string }) => c.id === offering!.id);
    const acts = await env.ctx.db
      .select()
      .from(controlActivities)
      .where(eq(controlActivities.entryId, offering!.entryId));
    const due = acts.filter((a) => activityDueDate(course.periodStart, a.dueWeek) <= almatyToday());
    const journal = await get(account('teacher'), `/api/v1/offerings/${offering!.id}/journal`);
    expect(journal.rows.length).toBeGreaterThan(0);
    for (const row of journal.rows) {
      const scores = due.map((a) => row.cells[a.id]?.score);
      expect(scores.every((s: string | undefined) => s !== undefined && Number(s) >= 0)).toBe(true);
      expect(Object.keys(row.cells)).toHaveLength(due.length);
    }
  });

  it('has a course work with learners at different milestones and a public defence session', async () => {
    const head = account('department_head');
    const [cw] = (await get(head, '/api/v1/course-works')).items;
    expect(cw.roles).toContain('manager');
    const base = `/api/v1/offerings/${cw.offeringId}/course-work`;
    const progress = await get(head, `${base}/progress`);
    const states = new Set(
      progress.rows.flatMap((r: { milestones: Array<{ state: string; overdue: boolean }> }) =>
        r.milestones.map((m) => (m.overdue ? 'overdue' : m.state)),
      ),
    );
    expect(states.has('accepted')).toBe(true);
    expect(states.has('not_started')).toBe(true);
    expect(progress.rows.filter((r: { admitted: boolean }) => r.admitted)).toHaveLength(1);
    // The session is public: a learner of the group sees it with the admitted learner.
    const [enrolled] = await env.ctx.db
      .select({ login: users.login })
      .from(enrolments)
      .innerJoin(users, eq(users.id, enrolments.userId))
      .where(eq(enrolments.offeringId, cw.offeringId))
      .limit(1);
    const learner = accounts.find((a) => a.login === enrolled!.login)!;
    const sessions = (await get(learner, `${base}/defences`)).items;
    expect(sessions).toHaveLength(1);
    expect(sessions[0].defences).toHaveLength(1);
    expect(sessions[0].commission.length).toBeGreaterThanOrEqual(2);
  });
});

describe('demo test engine', () => {
  it('has a crop-production bank of at least 200 questions in Kazakh and Russian, of every type and difficulty', async () => {
    const [t] = await env.ctx.db.select().from(tests).where(eq(tests.kind, 'rk1'));
    const [o] = await env.ctx.db.select().from(courseOfferings).where(eq(courseOfferings.id, t!.offeringId));
    const rows = await env.ctx.db
      .select({ tags: questions.tags, type: questionVersions.type, text: questionVersions.text })
      .from(questions)
      .innerJoin(questionVersions, eq(questionVersions.questionId, questions.id))
      .where(eq(questions.disciplineId, o!.disciplineId));
    expect(rows.length).toBeGreaterThanOrEqual(200);
    expect(new Set(rows.map((r) => r.type))).toEqual(new Set(questionTypes));
    for (const r of rows) {
      const text = r.text as { kk: string; ru: string };
      expect(text.kk.length, JSON.stringify(text)).toBeGreaterThan(10);
      expect(text.ru.length, JSON.stringify(text)).toBeGreaterThan(10);
      expect(text.kk).not.toBe(text.ru);
    }
    expect(new Set(rows.map((r) => (r.text as { ru: string }).ru)).size).toBeGreaterThan(150);
    for (const level of ['жеңіл', 'орташа', 'күрделі']) {
      expect(rows.filter((r) => r.tags.includes(level)).length, level).toBeGreaterThanOrEqual(30);
    }
    // The bank is the demo teacher's to manage.
    const bank = await get(
      account('teacher'),
      `/api/v1/disciplines/${o!.disciplineId}/questions?pageSize=500`,
    );
    expect(bank.total).toBe(rows.length);
  });

  it('has a published РК1 on the demo offering, filling its РК1 column, that a demo learner can take now', async () => {
    const [t] = await env.ctx.db.select().from(tests).where(eq(tests.kind, 'rk1'));
    expect(t!.status).toBe('published');
    const [o] = await env.ctx.db.select().from(courseOfferings).where(eq(courseOfferings.id, t!.offeringId));
    const [activity] = await env.ctx.db
      .select()
      .from(controlActivities)
      .where(eq(controlActivities.id, t!.controlActivityId!));
    expect(activity!.kind).toBe('rk1');
    expect(activity!.entryId).toBe(o!.entryId);
    // The teacher sees it publishable: the bank satisfies the draw with many variants.
    const teacher = await signIn(env.app, account('teacher'));
    const published = await env.app.inject({
      method: 'POST',
      url: `/api/v1/tests/${t!.id}/publish`,
      headers: teacher.headers,
    });
    expect(published.statusCode, published.body).toBe(200);
    expect(BigInt(published.json().variantCount)).toBeGreaterThan(1_000_000n);
    // A learner of the group the offering is taught to starts it and is served 14 questions.
    const [enrolled] = await env.ctx.db.select().from(enrolments).where(eq(enrolments.offeringId, o!.id));
    const [u] = await env.ctx.db.select().from(users).where(eq(users.id, enrolled!.userId));
    const learner = await signIn(env.app, accounts.find((a) => a.login === u!.login)!);
    const mine = await env.app.inject({ url: `/api/v1/offerings/${o!.id}/tests`, headers: learner.headers });
    expect(mine.json().items.map((x: { id: string }) => x.id)).toContain(t!.id);
    const started = await env.app.inject({
      method: 'POST',
      url: `/api/v1/tests/${t!.id}/attempts`,
      headers: learner.headers,
    });
    expect(started.statusCode, started.body).toBe(201);
    const attempt = started.json();
    expect(attempt.questions).toHaveLength(14);
    expect(attempt.deadline).not.toBeNull();
    expect(JSON.stringify(attempt.questions)).not.toContain('"correct"');
  });
});

describe('demo statements', () => {
  it('hands an open statement to the demo examiner and has an approved one whose letters the learners see', async () => {
    const mine = await get(account('examiner'), '/api/v1/me/statements');
    const open = mine.items.filter((s: { status: string; role: string }) => s.status === 'open');
    expect(open.length).toBeGreaterThan(0);
    expect(open[0].role).toBe('examiner');
    const one = await get(account('examiner'), `/api/v1/statements/${open[0].id}`);
    expect(one.can).toMatchObject({ enter: true, submit: true });
    const approvedOnes = await get(account('assessment_head'), '/api/v1/me/statements?status=approved');
    expect(approvedOnes.items.length).toBeGreaterThan(0);
    const approved = await get(account('assessment_head'), `/api/v1/statements/${approvedOnes.items[0].id}`);
    expect(approved.rows.every((r: { letter: string | null }) => r.letter !== null)).toBe(true);
    const [learnerId] = approved.rows.map((r: { learner: { id: string } }) => r.learner.id);
    const [who] = await env.ctx.db.select().from(users).where(eq(users.id, learnerId));
    const grades = await get(accounts.find((a) => a.login === who!.login)!, '/api/v1/me/grades');
    const item = grades.items.find(
      (i: { offering: { id: string } }) => i.offering.id === approved.offeringId,
    );
    expect(item.final).toMatchObject({ letter: approved.rows[0].letter, statementNumber: approved.number });
  });

  it('passes verify-ledger: final results, credit transfers and migrated past grades prove against the ledger', async () => {
    const v = await verifyFinalResults(env.ctx.db);
    expect(v.problems).toEqual([]);
    expect(v.pastGrades).toBeGreaterThan(0);
    expect(v.finalResults).toBeGreaterThan(0);
  });
});
