import { and, eq } from 'drizzle-orm';
import ICAL from 'ical.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { type TestEnv, testEnv } from '../../../../test/harness.ts';
import { auditLedger } from '../../../db/schema/index.ts';
import {
  approvedCurriculum,
  calendarBody,
  currentCalendar,
  freeYear,
  groupWithLearner,
  json,
  type Person,
  person,
} from '../testing.ts';

let env: TestEnv;
let dl: Person;
let aad: Person;
beforeAll(async () => {
  env = await testEnv();
  dl = await person(env, 'dl_institute_staff');
  aad = await person(env, 'academic_affairs_director');
});

const post = (who: Person, url: string, payload?: unknown) =>
  env.app.inject({ method: 'POST', url, headers: who.headers, payload: payload as never });

describe('createAcademicYear and approveAcademicYear', () => {
  it('drafts a calendar; the Academic Affairs director approves it, recorded in the ledger', async () => {
    const year = await freeYear(env, 'distance');
    const res = await post(dl, '/api/v1/academic-years', calendarBody(year, 'distance'));
    expect(res.statusCode, res.body).toBe(201);
    const draft = json(res);
    expect(draft).toMatchObject({ startYear: year, studyForm: 'distance', versionNo: 1, status: 'draft' });
    expect(draft.periods).toHaveLength(4);
    expect(draft.periods[0].events).toContainEqual({
      kind: 'exam_session',
      start: `${year}-11-23`,
      end: `${year}-12-05`,
    });
    expect((await post(dl, `/api/v1/academic-years/${draft.id}/approve`)).statusCode).toBe(403);
    const ok = await post(aad, `/api/v1/academic-years/${draft.id}/approve`);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(json(ok)).toMatchObject({ status: 'approved', approvedBy: aad.id });
    expect((await post(aad, `/api/v1/academic-years/${draft.id}/approve`)).statusCode).toBe(409);
    const ledger = await env.ctx.db
      .select({ action: auditLedger.action, actorId: auditLedger.actorId })
      .from(auditLedger)
      .where(eq(auditLedger.subjectId, draft.id));
    expect(ledger).toEqual([
      { action: 'calendar.create', actorId: dl.id },
      { action: 'calendar.approve', actorId: aad.id },
    ]);
  });

  it('refuses overlapping periods and a session outside its period (422 with pointers), bad days (400), a learner (403)', async () => {
    const year = await freeYear(env, 'blended');
    const body = calendarBody(year, 'blended');
    const overlap = structuredClone(body);
    overlap.periods[1]!.start = `${year}-12-01`;
    const res = await post(dl, '/api/v1/academic-years', overlap);
    expect(res.statusCode).toBe(422);
    expect(json(res).errors).toContainEqual(
      expect.objectContaining({ pointer: '/periods/1', code: 'periodsOverlap' }),
    );
    const outside = structuredClone(body);
    outside.periods[0]!.events[1]!.end = `${year}-12-20`;
    const res2 = await post(dl, '/api/v1/academic-years', outside);
    expect(res2.statusCode).toBe(422);
    expect(json(res2).errors).toContainEqual(
      expect.objectContaining({ pointer: '/periods/0/events/1', code: 'eventOutsidePeriod' }),
    );
    const badDay = structuredClone(body);
    badDay.periods[0]!.end = `${year}-02-30`;
    expect((await post(dl, '/api/v1/academic-years', badDay)).statusCode).toBe(400);
    const learner = await person(env, 'learner');
    expect((await post(learner, '/api/v1/academic-years', body)).statusCode).toBe(403);
    // Nothing was stored by the refusals: the good calendar still goes in as version 1.
    const good = await post(dl, '/api/v1/academic-years', body);
    expect(json(good).versionNo).toBe(1);
  });

  it('changes an approved calendar only by a new version with a reason, which supersedes it on approval', async () => {
    const year = await freeYear(env, 'full_time');
    const v1 = json(await post(dl, '/api/v1/academic-years', calendarBody(year, 'full_time')));
    expect((await post(dl, '/api/v1/academic-years', calendarBody(year, 'full_time'))).statusCode).toBe(409);
    await post(aad, `/api/v1/academic-years/${v1.id}/approve`);
    const noReason = await post(dl, '/api/v1/academic-years', calendarBody(year, 'full_time'));
    expect(noReason.statusCode).toBe(422);
    expect(json(noReason).errors[0].pointer).toBe('/reason');
    const v2res = await post(
      dl,
      '/api/v1/academic-years',
      calendarBody(year, 'full_time', { reason: 'Сессия ауысты' }),
    );
    expect(v2res.statusCode).toBe(201);
    const v2 = json(v2res);
    expect(v2).toMatchObject({
      versionNo: 2,
      previousId: v1.id,
      changeReason: 'Сессия ауысты',
      status: 'draft',
    });
    await post(aad, `/api/v1/academic-years/${v2.id}/approve`);
    const old = json(await env.app.inject({ url: `/api/v1/academic-years/${v1.id}`, headers: dl.headers }));
    expect(old.status).toBe('superseded');
    const staff = await person(env, 'registrar');
    const seen = json(
      await env.app.inject({
        url: `/api/v1/calendar?studyForm=full_time&year=${year}`,
        headers: staff.headers,
      }),
    );
    expect(seen.calendar.id).toBe(v2.id);
  });
});

describe('listAcademicYears', () => {
  it('lists calendar versions newest first; a learner sees no drafts', async () => {
    const year = await freeYear(env, 'blended');
    const draft = json(await post(dl, '/api/v1/academic-years', calendarBody(year, 'blended')));
    const url = `/api/v1/academic-years?studyForm=blended&startYear=${year}`;
    const staff = await env.app.inject({ url, headers: dl.headers });
    expect(staff.statusCode, staff.body).toBe(200);
    expect(staff.json().items).toEqual([
      expect.objectContaining({ id: draft.id, startYear: year, studyForm: 'blended', status: 'draft' }),
    ]);
    const learner = await person(env, 'learner');
    expect((await env.app.inject({ url, headers: learner.headers })).json().items).toEqual([]);
  });
});

describe('getCalendar', () => {
  it('shows a learner the approved calendar of their group’s study form for the current year', async () => {
    const cal = await currentCalendar(env, 'distance');
    const g = await groupWithLearner(env, { id: await anyProgrammeId('distance'), studyForm: 'distance' });
    const res = await env.app.inject({ url: '/api/v1/calendar', headers: g.learners[0]!.headers });
    expect(res.statusCode, res.body).toBe(200);
    expect(json(res).calendar.id).toBe(cal.id);
    expect(json(res).exams).toEqual([]);
  });

  it('asks staff for the study form and year (422), 404 for a year without an approved calendar', async () => {
    const staff = await person(env, 'registrar');
    expect((await env.app.inject({ url: '/api/v1/calendar', headers: staff.headers })).statusCode).toBe(422);
    const year = await freeYear(env, 'blended');
    expect(
      (
        await env.app.inject({
          url: `/api/v1/calendar?studyForm=blended&year=${year}`,
          headers: staff.headers,
        })
      ).statusCode,
    ).toBe(404);
    expect((await env.app.inject({ url: '/api/v1/calendar' })).statusCode).toBe(401);
  });
});

describe('iCal feed', () => {
  it('serves a learner’s calendar as RFC 5545 behind a secret link; revoked or wrong links get 401', async () => {
    const cal = await currentCalendar(env, 'distance');
    const g = await groupWithLearner(env, { id: await anyProgrammeId('distance'), studyForm: 'distance' });
    const learner = g.learners[0]!;
    const link = await post(learner, '/api/v1/me/calendar-feed');
    expect(link.statusCode).toBe(201);
    const { url, token } = json(link);
    expect(url).toMatch(new RegExp(`/api/v1/calendar/feed/${token}\\.ics$`));
    const res = await env.app.inject({ url: `/api/v1/calendar/feed/${token}.ics` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/calendar/);
    const vcal = new ICAL.Component(ICAL.parse(res.body));
    expect(vcal.getFirstPropertyValue('x-wr-timezone')).toBe('Asia/Almaty');
    const events = vcal.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    const t2 = cal.periods.find((p) => p.number === 2 && p.kind === 'trimester')!;
    const period = events.find((e) => e.uid.startsWith(`period-${t2.id}`))!;
    expect(period.startDate.isDate).toBe(true);
    expect(period.startDate.toString()).toBe(t2.start);
    expect(period.summary).toBe('Trimester 2');
    expect(events.filter((e) => e.summary === 'Exam session')).toHaveLength(3);

    expect((await env.app.inject({ url: `/api/v1/calendar/feed/${token}x.ics` })).statusCode).toBe(401);
    const again = json(await post(learner, '/api/v1/me/calendar-feed'));
    expect((await env.app.inject({ url: `/api/v1/calendar/feed/${token}.ics` })).statusCode).toBe(401);
    expect((await env.app.inject({ url: `/api/v1/calendar/feed/${again.token}.ics` })).statusCode).toBe(200);
    const del = await env.app.inject({
      method: 'DELETE',
      url: '/api/v1/me/calendar-feed',
      headers: learner.headers,
    });
    expect(del.statusCode).toBe(204);
    expect((await env.app.inject({ url: `/api/v1/calendar/feed/${again.token}.ics` })).statusCode).toBe(401);
    const ledger = await env.ctx.db
      .select()
      .from(auditLedger)
      .where(and(eq(auditLedger.actorId, learner.id), eq(auditLedger.action, 'calendar.feed.revoke')));
    expect(ledger).toHaveLength(1);
  });
});

async function anyProgrammeId(studyForm: string): Promise<string> {
  const { programme } = await approvedCurriculum(env, { studyForm });
  return programme.id;
}
