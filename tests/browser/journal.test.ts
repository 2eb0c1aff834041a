import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  apiSignIn,
  baseUrl,
  type CreatedUser,
  exact,
  expectNoAxeViolations,
  setUpBrowser,
  signedIn as signedInAs,
  t,
} from './support.ts';
import { journalOf, putMarks, teachingWorld } from './worlds.ts';

const browser = setUpBrowser();
const lang = 'kk';

// Trimester 2 of the current year began 20 days ago: every activity below is still open.
const W5 = 'Апта 5 — зертханалық жұмыс';
const RK1 = 'РК1 — аралық бақылау';
const W10 = 'Апта 10 — зертханалық жұмыс';
const RK2 = 'РК2 — аралық бақылау';
const discipline = { kk: 'Топырақтану негіздері', ru: 'Основы почвоведения', en: 'Soil science basics' };

type JournalAnswer = {
  rows: Array<{
    learner: { id: string; surname: string; givenName: string };
    cells: Record<string, { score: string | null }>;
    computed: { r1: number; r2: number; admitted: boolean };
  }>;
  activities: Array<{ id: string; title: string; weight: string; window: { state: string } }>;
};

let world: {
  offeringId: string;
  offeringCode: string;
  disciplineCode: string;
  groupCode: string;
  teacher: CreatedUser;
  learners: CreatedUser[];
  /** learners' names in the journal's row order */
  names: string[];
  ids: string[];
};

beforeAll(async () => {
  const w = await teachingWorld({
    discipline,
    controlActivities: [
      { kind: 'current', title: W5, dueWeek: 5 },
      { kind: 'rk1', title: RK1, dueWeek: 7 },
      { kind: 'current', title: W10, dueWeek: 10 },
      { kind: 'rk2', title: RK2, dueWeek: 14 },
    ],
    learners: [
      ['Бекова', 'Әсел'],
      ['Әбілов', 'Нұрлан'],
      ['Абаев', 'Дәурен'],
    ],
  });
  const journal = await journalThroughApi(w.teacher, w.offering.id);
  world = {
    offeringId: w.offering.id,
    offeringCode: w.offering.code,
    disciplineCode: w.entry.code,
    groupCode: w.group.code,
    teacher: w.teacher,
    learners: w.learners,
    names: journal.rows.map((r) => `${r.learner.surname} ${r.learner.givenName}`),
    ids: journal.rows.map((r) => r.learner.id),
  };
  expect(journal.rows).toHaveLength(3);
  expect(journal.activities.map((a) => a.window.state)).toEqual(['open', 'open', 'open', 'open']);
});

async function journalThroughApi(who: CreatedUser, offeringId: string): Promise<JournalAnswer> {
  return journalOf<JournalAnswer>(await apiSignIn(who.login, who.password), offeringId);
}

const signedIn = (user: CreatedUser) => signedInAs(browser, user, lang);

/** The accessible name of the element that has the keyboard focus. */
const focusedName = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    return el?.getAttribute('aria-label') ?? el?.textContent ?? null;
  });

async function expectFocusOn(page: Page, name: string) {
  await expect.poll(() => focusedName(page)).toBe(name);
}

/** The computed cell of a learner's row in the column whose header is `header`. */
async function computedCell(page: Page, grid: Locator, learner: string, header: string): Promise<Locator> {
  const col = await grid.getByRole('columnheader', { name: exact(header) }).getAttribute('aria-colindex');
  return grid
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: exact(learner) }) })
    .locator(`[aria-colindex="${col}"]`);
}

describe('electronic journal', () => {
  it('a teacher fills the journal with the keyboard only, the ratings follow, the learner sees them', async () => {
    const page = await signedIn(world.teacher);
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseUrl() });
    await page.goto(`/gradebook/offerings/${world.offeringId}/journal`);
    const grid = page.getByRole('grid', {
      name: t(lang, 'gradebook.journal.gridLabel', { group: world.groupCode }),
    });
    await grid.waitFor();
    await expectNoAxeViolations(page, 'journal');

    const [first, second, third] = world.names as [string, string, string];
    const cell = (learner: string, activity: string) => `${learner} — ${activity}`;
    const status = page.getByRole('status').filter({ hasText: /\S/ });

    // Tab from the top of the page into the grid: its one tab stop is the first cell.
    for (let i = 0; i < 80; i++) {
      await page.keyboard.press('Tab');
      const inGrid = await page.evaluate(() => document.activeElement?.closest('[role=grid]') !== null);
      if (inGrid) break;
    }
    await expectFocusOn(page, cell(first, W5));

    // A mark, Enter: saved, and the cell below is next.
    await page.keyboard.type('80');
    await page.keyboard.press('Enter');
    await page
      .getByText(t(lang, 'gradebook.journal.saved', { cell: cell(first, W5), score: '80' }))
      .waitFor();
    await expectFocusOn(page, cell(second, W5));

    // Over 100 is refused on the spot and the cell keeps the focus.
    await page.keyboard.type('101');
    await page.keyboard.press('Enter');
    await page.getByRole('alert').getByText(t(lang, 'gradebook.validation.range')).waitFor();
    await expectFocusOn(page, cell(second, W5));
    expect(await grid.getByRole('textbox', { name: cell(second, W5) }).getAttribute('aria-invalid')).toBe(
      'true',
    );
    await expectNoAxeViolations(page, 'journal with a refused mark');
    await page.keyboard.press('Escape');
    await page.getByText(t(lang, 'gradebook.journal.cancelled')).waitFor();

    // Tab saves and moves right; arrows move without saving anything.
    await page.keyboard.type('70');
    await page.keyboard.press('Tab');
    await expectFocusOn(page, cell(second, RK1));
    await page.keyboard.type('90');
    await page.keyboard.press('Enter');
    await expectFocusOn(page, cell(third, RK1));
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    await expectFocusOn(page, cell(first, RK1));
    await page.keyboard.type('60');
    await page.keyboard.press('Enter');
    await page
      .getByText(t(lang, 'gradebook.journal.saved', { cell: cell(first, RK1), score: '60' }))
      .waitFor();

    // A column copied from a spreadsheet, pasted into the first learner's week-10 cell.
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowRight');
    await expectFocusOn(page, cell(first, W10));
    await page.evaluate((text) => navigator.clipboard.writeText(text), '55\r\n65\r\n75\r\n');
    await page.keyboard.press('ControlOrMeta+V');
    await status.getByText(t(lang, 'gradebook.journal.pasted', { saved: 3, refused: 0, extra: 0 })).waitFor();

    // The computed columns: R1 = 0.5 × ТК₁ + 0.5 × РК1, R2 = 0.5 × ТК₂ + 0.5 × РК2 (none yet).
    const r1 = t(lang, 'gradebook.computed.r1');
    const r2 = t(lang, 'gradebook.computed.r2');
    await expect.poll(async () => (await computedCell(page, grid, first, r1)).textContent()).toBe('70');
    await expect.poll(async () => (await computedCell(page, grid, second, r1)).textContent()).toBe('80');
    await expect.poll(async () => (await computedCell(page, grid, third, r1)).textContent()).toBe('0');
    await expect.poll(async () => (await computedCell(page, grid, first, r2)).textContent()).toBe('28');
    await expect
      .poll(async () =>
        (await computedCell(page, grid, third, t(lang, 'gradebook.computed.admitted'))).textContent(),
      )
      .toBe(t(lang, 'gradebook.admission.notAdmitted'));
    await expectNoAxeViolations(page, 'journal after the paste');

    // The server agrees with what the grid shows.
    const journal = await journalThroughApi(world.teacher, world.offeringId);
    const act = (title: string) => journal.activities.find((a) => a.title === title)!.id;
    const scores = journal.rows.map((r) => [W5, RK1, W10, RK2].map((a) => r.cells[act(a)]?.score ?? null));
    expect(scores.map((row) => row.map((s) => (s === null ? null : Number(s))))).toEqual([
      [80, 60, 55, null],
      [70, 90, 65, null],
      [null, null, 75, null],
    ]);
    expect(journal.rows.map((r) => r.computed.r1)).toEqual([70, 80, 0]);
    expect(journal.rows.map((r) => r.computed.admitted)).toEqual([false, false, false]);

    // The first learner sees their own marks, ratings and why they are not admitted yet.
    const learner = world.learners.find((l) => l.id === world.ids[0])!;
    const mine = await signedIn(learner);
    await mine.goto('/my-grades');
    await mine.getByRole('heading', { level: 1, name: exact(t(lang, 'gradebook.myGrades.title')) }).waitFor();
    const section = mine.getByRole('region', { name: `${world.disciplineCode} — ${discipline.kk}` });
    await section.waitFor();
    const marks = section.getByRole('table', { name: t(lang, 'gradebook.myGrades.marksCaption') });
    const markOf = (title: string) =>
      marks
        .getByRole('row')
        .filter({ has: mine.getByRole('rowheader', { name: title }) })
        .getByRole('cell')
        .nth(2);
    expect(await markOf(W5).textContent()).toBe('80');
    expect(await markOf(RK1).textContent()).toBe('60');
    expect(await markOf(W10).textContent()).toBe('55');
    expect(await markOf(RK2).textContent()).toBe(t(lang, 'gradebook.myGrades.noMark'));
    const r1Term = section.getByRole('term').filter({ hasText: exact(r1) });
    await r1Term.waitFor();
    expect(
      await section.evaluate((el, name) => {
        const dt = [...el.querySelectorAll('dt')].find((d) => d.textContent?.trim() === name);
        return dt?.nextElementSibling?.textContent ?? null;
      }, r1),
    ).toBe('70');
    await section.getByText(t(lang, 'gradebook.myGrades.notAdmittedTitle')).waitFor();
    await section.getByText(t(lang, 'gradebook.myGrades.reasonMissing', { titles: RK2 })).waitFor();
    await section
      .getByText(t(lang, 'gradebook.myGrades.r2BelowThreshold', { value: 28, threshold: 50 }))
      .waitFor();
    await expectNoAxeViolations(mine, 'my grades');
  });
});

describe('weights of current-control items', () => {
  it('a teacher weights the current-control items with the keyboard only; R1 follows', async () => {
    const W2 = 'Апта 2 — тест';
    const W4 = 'Апта 4 — эссе';
    const w = await teachingWorld({
      discipline,
      controlActivities: [
        { kind: 'current', title: W2, dueWeek: 2 },
        { kind: 'current', title: W4, dueWeek: 4 },
        { kind: 'rk1', title: RK1, dueWeek: 7 },
        { kind: 'rk2', title: RK2, dueWeek: 14 },
      ],
      learners: [['Серікова', 'Айгүл']],
      teacher: { surname: 'Салмақов', givenName: 'Бауыржан' },
    });
    const { teacher, group, offering: o } = w;
    const learner = w.learners[0]!;
    // Marks 40 and 60, РК1 59: with equal weights ТК₁ = 50 and R1 = 54.5 → 55.
    const session = await apiSignIn(teacher.login, teacher.password);
    const before = await journalOf<JournalAnswer>(session, o.id);
    const act = (title: string) => before.activities.find((a) => a.title === title)!.id;
    const marks = { [W2]: 40, [W4]: 60, [RK1]: 59 };
    await putMarks(
      session,
      o.id,
      Object.entries(marks).map(([title, score]) => ({ userId: learner.id, activityId: act(title), score })),
    );

    const page = await signedIn(teacher);
    await page.goto(`/gradebook/offerings/${o.id}/journal`);
    const grid = page.getByRole('grid', {
      name: t(lang, 'gradebook.journal.gridLabel', { group: group.code }),
    });
    await grid.waitFor();
    const name = (await journalThroughApi(teacher, o.id)).rows.map(
      (r) => `${r.learner.surname} ${r.learner.givenName}`,
    )[0]!;
    const r1 = t(lang, 'gradebook.computed.r1');
    await expect.poll(async () => (await computedCell(page, grid, name, r1)).textContent()).toBe('55');

    // Keyboard only: Tab to the weights button, Enter opens the form.
    const open = t(lang, 'gradebook.weights.open');
    for (let i = 0; i < 80 && (await focusedName(page)) !== open; i++) await page.keyboard.press('Tab');
    await expectFocusOn(page, open);
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: t(lang, 'gradebook.weights.title') });
    await dialog.waitFor();
    const w2Label = t(lang, 'gradebook.weights.label', { activity: W2, half: 1 });
    const w2 = dialog.getByRole('textbox', { name: w2Label });
    // RK1 and RK2 get no weight field.
    expect(await dialog.getByRole('textbox').count()).toBe(2);
    for (let i = 0; i < 10 && !(await w2.evaluate((el) => el === document.activeElement)); i++)
      await page.keyboard.press('Tab');
    expect(await w2.evaluate((el) => el === document.activeElement)).toBe(true);

    // A bad weight is refused on the spot, named and announced.
    await page.keyboard.type('0');
    await page.keyboard.press('Enter');
    await dialog.getByText(t(lang, 'gradebook.weights.invalid')).waitFor();
    expect(await w2.getAttribute('aria-invalid')).toBe('true');
    await expectNoAxeViolations(page, 'weights with a refused value');

    // Weight 3 for week 2: ТК₁ = (3×40 + 60) / 4 = 45, R1 = 52; the share is shown live.
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('3');
    await dialog
      .getByText(t(lang, 'gradebook.weights.share', { share: '75.00', half: 1, default: '1' }))
      .waitFor();
    await page.keyboard.press('Enter');
    await dialog.getByRole('status').getByText(t(lang, 'gradebook.weights.saved')).waitFor();
    await expectNoAxeViolations(page, 'weights saved');
    await page.keyboard.press('Escape');
    await expect.poll(async () => (await computedCell(page, grid, name, r1)).textContent()).toBe('52');

    const after = await journalOf<JournalAnswer>(session, o.id);
    expect(after.activities.map((a) => a.weight)).toEqual(['3', '1', '1', '1']);
    expect(after.rows[0]!.computed.r1).toBe(52);
  });
});
