import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, almatyToday } from './academics-api.ts';
import {
  adminApi,
  apiSignIn,
  type CreatedUser,
  createUser,
  exact,
  expectNoAxeViolations,
  setUpBrowser,
  signedIn as signedInAs,
  t,
} from './support.ts';
import { journalOf, putMarks, teachingWorld } from './worlds.ts';

const browser = setUpBrowser();
const lang = 'kk';
const discipline = { kk: 'Егіншілік негіздері', ru: 'Основы земледелия', en: 'Basics of farming' };

type Journal = {
  rows: Array<{ learner: { id: string; surname: string; givenName: string } }>;
  activities: Array<{ id: string }>;
};

let world: {
  offeringCode: string;
  groupCode: string;
  registrar: CreatedUser;
  examiner: CreatedUser;
  head: CreatedUser;
  /** in Kazakh order: Абаев, Әбілов, Бекова */
  learners: CreatedUser[];
  names: string[];
};

beforeAll(async () => {
  const w = await teachingWorld({
    discipline,
    learners: [
      ['Бекова', 'Әсел'],
      ['Әбілов', 'Нұрлан'],
      ['Абаев', 'Дәурен'],
    ],
  });
  const { offering: o, group, entry, learners: people } = w;
  // The teacher's journal: Абаев 90, Әбілов 80, Бекова 70 on every activity (all admitted).
  const teacherApi = await apiSignIn(w.teacher.login, w.teacher.password);
  const journal = await journalOf<Journal>(teacherApi, o.id);
  const marks: Record<string, number> = { Абаев: 90, Әбілов: 80, Бекова: 70 };
  await putMarks(
    teacherApi,
    o.id,
    journal.rows.flatMap((r) =>
      journal.activities.map((a) => ({
        userId: r.learner.id,
        activityId: a.id,
        score: marks[r.learner.surname]!,
      })),
    ),
  );
  // An independent examiner, who holds only the examiner role, named in the exam timetable.
  const examiner = await createUser({
    surname: 'Жұмабаев',
    givenName: 'Бауыржан',
    roles: [{ code: 'examiner', scopeType: 'offering', scopeId: o.id }],
  });
  const examDay = addDays(almatyToday(), 62);
  const admin = await adminApi();
  await admin.call('POST', '/api/v1/exam-timetable', {
    periodId: w.period.id,
    entries: [
      {
        disciplineId: entry.disciplineId,
        offeringId: o.id,
        groupIds: [group.id],
        examinerIds: [examiner.id],
        startsAt: `${examDay}T10:00:00+05:00`,
        endsAt: `${examDay}T12:00:00+05:00`,
        place: '2-214',
      },
    ],
  });
  const byName = (s: string) =>
    people.find((p) => journal.rows.some((r) => r.learner.id === p.id && r.learner.surname === s))!;
  world = {
    offeringCode: o.code,
    groupCode: group.code,
    registrar: await createUser({ surname: 'Тіркеуші', givenName: 'Гүлмира', roles: ['registrar'] }),
    examiner,
    head: await createUser({ surname: 'Сейітов', givenName: 'Қайрат', roles: ['assessment_head'] }),
    learners: [byName('Абаев'), byName('Әбілов'), byName('Бекова')],
    names: ['Абаев Дәурен', 'Әбілов Нұрлан', 'Бекова Әсел'],
  };
});

const signedIn = (user: CreatedUser) => signedInAs(browser, user, lang);

/** Opens the statements list from the menu and the statement by its number. */
async function openFromMenu(page: Page, number: string) {
  await page
    .getByRole('navigation')
    .getByRole('link', { name: exact(t(lang, 'statements.nav.statements')) })
    .click();
  await page.getByRole('heading', { name: exact(t(lang, 'statements.list.title')) }).waitFor();
  await expectNoAxeViolations(page, 'statements list');
  await page.getByRole('link', { name: exact(number) }).click();
}

const focusedName = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    return el?.getAttribute('aria-label') ?? el?.textContent ?? null;
  });

describe('exam-rating statement in the browser', () => {
  it('the registrar generates it, the examiner fills it by keyboard and submits, the head approves, the learner sees the letter', async () => {
    // The registrar generates the statement of the group.
    const reg = await signedIn(world.registrar);
    await reg.goto('/statements');
    await reg.getByRole('heading', { name: exact(t(lang, 'statements.generate.title')) }).waitFor();
    await expectNoAxeViolations(reg, 'statements list with the generation form');
    const offeringSelect = reg.getByRole('combobox', { name: t(lang, 'statements.field.offering') });
    await offeringSelect.click();
    await offeringSelect.fill(world.offeringCode);
    await reg.getByRole('option', { name: new RegExp(world.offeringCode) }).click();
    await reg.getByRole('combobox', { name: t(lang, 'statements.field.group') }).click();
    await reg.getByRole('option', { name: exact(world.groupCode) }).click();
    await reg.getByRole('button', { name: exact(t(lang, 'statements.generate.submit')) }).click();
    await reg.waitForURL(/\/statements\/[0-9a-f-]{36}$/);
    const heading = reg.getByRole('heading', { level: 1 });
    await heading.waitFor();
    const number = ((await heading.textContent()) ?? '').split('№')[1]!.trim();
    const learnerCells = reg.getByRole('rowheader');
    await expect.poll(() => learnerCells.allInnerTexts()).toEqual(world.names);
    expect(await reg.getByText('Жұмабаев Бауыржан').count()).toBeGreaterThan(0);
    // The registrar reads it but enters nothing.
    expect(
      await reg
        .getByRole('textbox', { name: t(lang, 'statements.table.scoreFor', { name: world.names[0]! }) })
        .count(),
    ).toBe(0);
    await expectNoAxeViolations(reg, 'generated statement');

    // The examiner finds it from the menu and fills the scores with the keyboard only.
    const ex = await signedIn(world.examiner);
    await openFromMenu(ex, number);
    const score = (name: string) =>
      ex.getByRole('textbox', { name: t(lang, 'statements.table.scoreFor', { name }) });
    await score(world.names[0]!).waitFor();
    await expectNoAxeViolations(ex, 'statement to fill');
    await score(world.names[0]!).focus();
    await ex.keyboard.type('100');
    await ex.keyboard.press('Tab');
    expect(await focusedName(ex)).toBe(t(lang, 'statements.table.scoreFor', { name: world.names[1]! }));
    await ex.keyboard.type('90');
    await ex.keyboard.press('Tab');
    await ex.keyboard.type('60');
    // Final score and letter follow live: 0.6 × 90 + 0.4 × 100 = 94 → A-.
    const row = (name: string) =>
      ex.getByRole('row').filter({ has: ex.getByRole('rowheader', { name: exact(name) }) });
    await row(world.names[0]!)
      .getByRole('cell', { name: exact('A-') })
      .waitFor();
    await row(world.names[1]!)
      .getByRole('cell', { name: exact('B') })
      .waitFor();
    await row(world.names[2]!)
      .getByRole('cell', { name: exact('C') })
      .waitFor();
    await ex.keyboard.press('Tab');
    expect(await focusedName(ex)).toBe(t(lang, 'statements.actions.save'));
    await ex.keyboard.press('Enter');
    await ex
      .getByRole('status')
      .filter({ hasText: t(lang, 'statements.actions.saved') })
      .waitFor();
    await expectNoAxeViolations(ex, 'statement with saved scores');
    // Submit, confirmed in the dialog, by keyboard.
    const submit = ex.getByRole('button', { name: exact(t(lang, 'statements.actions.submit')) });
    await submit.focus();
    await ex.keyboard.press('Enter');
    const dialog = ex.getByRole('dialog', { name: t(lang, 'statements.actions.submitTitle') });
    await dialog.waitFor();
    // The dialog fades in: check its colours once the transition is over.
    await expect.poll(() => ex.evaluate(() => document.getAnimations().length)).toBe(0);
    await expectNoAxeViolations(ex, 'submit confirmation');
    await dialog.getByRole('button', { name: exact(t(lang, 'statements.actions.submit')) }).focus();
    await ex.keyboard.press('Enter');
    await dialog.waitFor({ state: 'hidden' });
    await ex.getByText(exact(t(lang, 'statements.status.submitted'))).waitFor();
    expect(await score(world.names[0]!).count()).toBe(0);

    // The head of assessment and attestation approves it.
    const head = await signedIn(world.head);
    await openFromMenu(head, number);
    await head.getByText(exact(t(lang, 'statements.status.submitted'))).waitFor();
    await expectNoAxeViolations(head, 'statement to approve');
    await head.getByRole('button', { name: exact(t(lang, 'statements.actions.approve')) }).click();
    const approve = head.getByRole('dialog', { name: t(lang, 'statements.actions.approveTitle') });
    await approve.getByRole('button', { name: exact(t(lang, 'statements.actions.approve')) }).click();
    await approve.waitFor({ state: 'hidden' });
    await head.getByText(exact(t(lang, 'statements.status.approved'))).waitFor();
    await expectNoAxeViolations(head, 'approved statement');

    // The learner sees the final letter in My grades.
    const learner = await signedIn(world.learners[0]!);
    await learner
      .getByRole('navigation')
      .getByRole('link', { name: exact(t(lang, 'gradebook.nav.myGrades')) })
      .click();
    await learner.getByRole('heading', { name: exact(t(lang, 'gradebook.myGrades.title')) }).waitFor();
    const final = learner.getByText(
      t(lang, 'gradebook.myGrades.final', {
        letter: 'A-',
        percent: 94,
        points: '3.67',
        traditional: 'өте жақсы',
        number,
      }),
    );
    await final.waitFor();
    await expectNoAxeViolations(learner, 'my grades with the final result');
  });

  it("the registrar's grade report and promotion pages are reachable from the menu and accessible", async () => {
    const page = await signedIn(world.registrar);
    const nav = page.getByRole('navigation');
    await nav.getByRole('link', { name: exact(t(lang, 'progress.nav.grades')) }).click();
    await page.getByRole('heading', { name: exact(t(lang, 'progress.grades.title')) }).waitFor();
    await page.getByRole('heading', { name: exact(t(lang, 'progress.grades.overdue')) }).waitFor();
    await expectNoAxeViolations(page, 'grade distribution report');
    await nav.getByRole('link', { name: exact(t(lang, 'progress.nav.promotion')) }).click();
    await page.getByRole('heading', { name: exact(t(lang, 'progress.promotion.title')) }).waitFor();
    // Asking without a programme says what is missing.
    await page.getByRole('button', { name: exact(t(lang, 'progress.promotion.preview')) }).click();
    await page.getByText(t(lang, 'progress.promotion.pickProgramme')).waitFor();
    await expectNoAxeViolations(page, 'promotion page');
  });
});
