import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  academicGroup,
  approvedCurrentCalendar,
  approvedCurriculum,
  facultyWithDepartment,
  learners,
  offering,
  periodOf,
} from './academics-api.ts';
import {
  adminApi,
  apiRequest,
  apiSignIn,
  type CreatedUser,
  createUser,
  exact,
  expectNoAxeViolations,
  type Lang,
  setUpBrowser,
  signInThroughPage,
  t,
} from './support.ts';

const browser = setUpBrowser();
const discipline = { kk: 'Өсімдік шаруашылығы', ru: 'Растениеводство', en: 'Crop production' };

let learner: CreatedUser;
let registrar: CreatedUser;
let disciplineCode: string;

/**
 * One learner in a group of the current trimester: the teacher gives 90 on every control
 * activity, the statement is generated, the exam scored 95 (final 0.6 × 90 + 0.4 × 95 = 92
 * → A-, 3.67), submitted and approved — all through the API.
 */
beforeAll(async () => {
  const { departmentId } = await facultyWithDepartment();
  const calendar = await approvedCurrentCalendar('full_time');
  const { programme, entry } = await approvedCurriculum({
    departmentId,
    studyForm: 'full_time',
    intakeYear: calendar.startYear,
    periodNumber: 2,
    discipline,
    controlActivities: [
      { kind: 'current', title: 'Апта 5', dueWeek: 5 },
      { kind: 'rk1', title: 'РК1', dueWeek: 7 },
      { kind: 'current', title: 'Апта 10', dueWeek: 10 },
      { kind: 'rk2', title: 'РК2', dueWeek: 14 },
    ],
  });
  disciplineCode = entry.code;
  [learner] = (await learners([['Сәрсенова', 'Айгерім']])) as [CreatedUser];
  const group = await academicGroup(programme.id, calendar.startYear, [learner.id]);
  const teacher = await createUser({ surname: 'Оқытушыбаев', givenName: 'Ерлан' });
  registrar = await createUser({
    roles: ['registrar'],
    surname: 'Тіркеуова',
    givenName: 'Гүлнар',
    preferredLanguage: 'ru',
  });
  const o = await offering({
    periodId: periodOf(calendar, 2).id,
    entryId: entry.id,
    groupIds: [group.id],
    teacherIds: [teacher.id],
  });
  const teach = await apiSignIn(teacher.login, teacher.password);
  const journal = await teach.call<{ activities: Array<{ id: string }> }>(
    'GET',
    `/api/v1/offerings/${o.id}/journal`,
  );
  for (const a of journal.activities) {
    // A mark is set against the cell version seen ("0": empty).
    const r = await apiRequest('PUT', `/api/v1/offerings/${o.id}/journal/marks`, {
      body: { userId: learner.id, activityId: a.id, score: 90 },
      headers: { cookie: teach.cookie, 'x-csrf-token': teach.csrfToken, 'if-match': '"0"' },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
  }
  const admin = await adminApi();
  const s = await admin.call<{ id: string }>('POST', '/api/v1/statements', {
    offeringId: o.id,
    groupId: group.id,
  });
  await teach.call('PUT', `/api/v1/statements/${s.id}/scores`, {
    scores: [{ learnerId: learner.id, score: 95, source: 'manual' }],
  });
  await teach.call('POST', `/api/v1/statements/${s.id}/submit`);
  const approved = await admin.call<{ rows: Array<{ letter: string }> }>(
    'POST',
    `/api/v1/statements/${s.id}/approve`,
  );
  expect(approved.rows.map((r) => r.letter)).toEqual(['A-']);
});

const languageNames: Record<Lang, string> = { kk: 'Қазақша', ru: 'Русский', en: 'English' };

async function signedIn(user: CreatedUser, lang: Lang): Promise<Page> {
  const page = await browser.newPage();
  await page.goto('/sign-in');
  if (lang !== 'kk') {
    await page
      .getByRole('button', { name: t('kk', 'language.label', { language: languageNames.kk }) })
      .click();
    await page.getByRole('menuitem', { name: languageNames[lang] }).click();
  }
  await signInThroughPage(page, lang, user.login, user.password);
  await page.getByRole('heading', { name: exact(t(lang, 'home.title')) }).waitFor();
  return page;
}

describe('transcript', () => {
  it('a learner with an approved statement opens "My transcript" from the menu and sees the final letter', async () => {
    const lang: Lang = 'kk';
    const page = await signedIn(learner, lang);
    await page.getByRole('link', { name: exact(t(lang, 'transcripts.nav.myTranscript')) }).click();
    await page.getByRole('heading', { level: 1, name: exact(t(lang, 'transcripts.page.myTitle')) }).waitFor();
    const row = page.getByRole('row').filter({ hasText: discipline.kk });
    await row.waitFor();
    const cells = await row.getByRole('cell').allTextContents();
    expect(cells).toEqual([disciplineCode, discipline.kk, '5', '92', 'A-', '3.67', 'өте жақсы']);
    await page
      .getByText(t(lang, 'transcripts.page.cumulative', { gpa: '3.67', credits: 5, gpaCredits: 5 }))
      .waitFor();
    await expectNoAxeViolations(page, 'my transcript');

    // The PDF in Kazakh downloads with the learner's session.
    const link = page.getByRole('link', { name: exact(t(lang, 'transcripts.page.pdf.kk')) });
    const href = await link.getAttribute('href');
    const pdf = await page.request.get(href!);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');

    // Its verification code (also printed and in the QR code) opens the public check.
    const code = /transcript-(T[A-Z0-9]+)\.pdf/.exec(pdf.headers()['content-disposition'] ?? '')?.[1];
    expect(code).toBeDefined();
    await page.goto(`/verify/${code}`);
    await page
      .getByRole('status')
      .filter({ hasText: t(lang, 'statements.verify.valid') })
      .waitFor();
    const rows = page.getByRole('row');
    await rows
      .filter({ hasText: t(lang, 'transcripts.verify.learner') })
      .filter({ hasText: 'Сәрсенова А.' })
      .waitFor();
    await rows
      .filter({ hasText: t(lang, 'transcripts.verify.gpa') })
      .filter({ hasText: '3.67' })
      .waitFor();
    await rows.filter({ hasText: t(lang, 'transcripts.verify.isCurrent') }).waitFor();
    await expectNoAxeViolations(page, 'transcript verification');
  });

  it('the registrar opens the transcript from the learner card, in Russian', async () => {
    const lang: Lang = 'ru';
    const page = await signedIn(registrar, lang);
    await page.goto(`/records/learners/${learner.id}`);
    await page.getByRole('button', { name: exact(t(lang, 'transcripts.page.title')) }).click();
    await page
      .getByRole('heading', {
        level: 1,
        name: exact(t(lang, 'transcripts.page.titleOf', { name: 'Сәрсенова Айгерім' })),
      })
      .waitFor();
    const row = page.getByRole('row').filter({ hasText: discipline.ru });
    expect(await row.getByRole('cell').allTextContents()).toEqual([
      disciplineCode,
      discipline.ru,
      '5',
      '92',
      'A-',
      '3.67',
      'отлично',
    ]);
    await expectNoAxeViolations(page, 'learner transcript');
    await page.getByRole('button', { name: exact(t(lang, 'transcripts.page.backToCard')) }).click();
    await page.waitForURL(`**/records/learners/${learner.id}`);
  });
});
