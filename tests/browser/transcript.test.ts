import { beforeAll, describe, expect, it } from 'vitest';
import {
  adminApi,
  apiSignIn,
  type CreatedUser,
  createUser,
  exact,
  expectNoAxeViolations,
  type Lang,
  setUpBrowser,
  signedIn as signedInAs,
  t,
} from './support.ts';
import { journalOf, putMarks, teachingWorld } from './worlds.ts';

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
  const w = await teachingWorld({ discipline, learners: [['Сәрсенова', 'Айгерім']] });
  const { offering: o, group, teacher } = w;
  disciplineCode = w.entry.code;
  learner = w.learners[0]!;
  registrar = await createUser({
    roles: ['registrar'],
    surname: 'Тіркеуова',
    givenName: 'Гүлнар',
    preferredLanguage: 'ru',
  });
  const teach = await apiSignIn(teacher.login, teacher.password);
  const journal = await journalOf<{ activities: Array<{ id: string }> }>(teach, o.id);
  await putMarks(
    teach,
    o.id,
    journal.activities.map((a) => ({ userId: learner.id, activityId: a.id, score: 90 })),
  );
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

const signedIn = (user: CreatedUser, lang: Lang) => signedInAs(browser, user, lang);

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
