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
  type CreatedUser,
  createUser,
  exact,
  expectNoAxeViolations,
  setUpBrowser,
  signInThroughPage,
  t,
} from './support.ts';

const browser = setUpBrowser();
const lang = 'kk';
const tk = (key: string, params: Record<string, string | number> = {}) =>
  t(lang, `assessment.${key}`, params);
const discipline = { kk: 'География негіздері', ru: 'Основы географии', en: 'Basics of geography' };
const TEXT = 'Қазақстанның астанасы — {{g1}}. Ең ұзын өзен — {{g2}}. Еркін түсу үдеуі — {{g3}} м/с².';

let teacher: CreatedUser;

beforeAll(async () => {
  const { departmentId } = await facultyWithDepartment();
  const calendar = await approvedCurrentCalendar('full_time');
  const { programme, entry } = await approvedCurriculum({
    departmentId,
    studyForm: 'full_time',
    intakeYear: calendar.startYear,
    periodNumber: 2,
    discipline,
    controlActivities: [{ kind: 'rk1', title: 'РК1', dueWeek: 7 }],
  });
  const [learner] = await learners([['Серікова', 'Дана']]);
  const group = await academicGroup(programme.id, calendar.startYear, [learner!.id]);
  teacher = await createUser({ surname: 'Картабаев', givenName: 'Нұрлан' });
  await offering({
    periodId: periodOf(calendar, 2).id,
    entryId: entry.id,
    groupIds: [group.id],
    teacherIds: [teacher.id],
  });
});

async function signedIn(user: CreatedUser): Promise<Page> {
  const page = await browser.newPage();
  await page.goto('/sign-in');
  await signInThroughPage(page, lang, user.login, user.password);
  await page.getByRole('heading', { name: exact(t(lang, 'home.title')) }).waitFor();
  return page;
}

describe('Cloze with menu, radio and number gaps', () => {
  it('a teacher writes one and answers it as a learner would, with the keyboard only', async () => {
    const page = await signedIn(teacher);
    await page.getByRole('link', { name: exact(tk('nav.teach')) }).click();
    await page.getByRole('link', { name: exact(tk('teach.openBank')) }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(discipline.kk) }).waitFor();
    await page.getByRole('textbox', { name: tk('teach.categoryName') }).fill('Қазақстан');
    await page.getByRole('button', { name: exact(tk('teach.addCategory')) }).click();
    await page.getByRole('button', { name: 'Қазақстан (0)' }).waitFor();

    await page.getByRole('button', { name: exact(tk('teach.newQuestion')) }).click();
    const d = page.getByRole('dialog', { name: tk('teach.q.newTitle') });
    await d.getByLabel(tk('teach.q.type')).selectOption('cloze');
    await d.getByLabel(tk('teach.q.category')).selectOption({ label: 'Қазақстан' });
    await d
      .getByRole('textbox', { name: `${tk('teach.q.text')} (${tk('teach.lang.kk')})`, exact: true })
      .fill(TEXT);
    const option = (id: string, n: number) =>
      d.getByRole('textbox', { name: exact(tk('teach.q.gapOption', { id, n })) });
    // Gap 1: a menu; a new choice gap's first option is the right one.
    await d.getByLabel(tk('teach.q.gapKind', { id: 'g1' })).selectOption('choice');
    await option('g1', 1).fill('Астана');
    await option('g1', 2).fill('Алматы');
    // Gap 2: radio buttons one under another.
    await d.getByRole('button', { name: exact(tk('teach.q.addGap')) }).click();
    await d.getByLabel(tk('teach.q.gapKind', { id: 'g2' })).selectOption('choice');
    await d.getByLabel(tk('teach.q.gapDisplay', { id: 'g2' })).selectOption('vertical');
    await option('g2', 1).fill('Ертіс');
    await option('g2', 2).fill('Іле');
    // Gap 3: a number within a tolerance.
    await d.getByRole('button', { name: exact(tk('teach.q.addGap')) }).click();
    await d.getByLabel(tk('teach.q.gapKind', { id: 'g3' })).selectOption('numeric');
    await d.getByRole('textbox', { name: tk('teach.q.value', { n: 1 }) }).fill('9.81');
    await d.getByRole('textbox', { name: tk('teach.q.tolerance', { n: 1 }) }).fill('0.01');
    await expectNoAxeViolations(page, 'cloze gaps in the question form');
    await d.getByRole('button', { name: exact(tk('teach.q.create')) }).click();
    await d.waitFor({ state: 'detached' });

    await page
      .getByRole('button', { name: new RegExp(`^${tk('teach.try')}: Қазақстанның астанасы`) })
      .click();
    const tryOut = page.getByRole('dialog', { name: tk('teach.tryTitle') });
    const menu = tryOut.getByRole('combobox', { name: exact(tk('take.gap', { n: 1 })) });
    await menu.focus();
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => menu.inputValue()).not.toBe('');
    const radios = tryOut.getByRole('radiogroup', { name: exact(tk('take.gap', { n: 2 })) });
    expect(await radios.getByRole('radio').count()).toBe(2);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    await expect.poll(() => radios.getByRole('radio', { name: 'Ертіс' }).isChecked()).toBe(true);
    await page.keyboard.press('Tab');
    const number = tryOut.getByRole('textbox', { name: exact(tk('take.gapNumber', { n: 3 })) });
    await expect.poll(() => number.evaluate((el) => el === document.activeElement)).toBe(true);
    // Typed with a comma, as Kazakh and Russian keyboards give it.
    await page.keyboard.type('9,81');
    await expectNoAxeViolations(page, 'answering a cloze');
    await tryOut.getByRole('button', { name: exact(tk('teach.tryCheck')) }).focus();
    await page.keyboard.press('Enter');
    await tryOut.getByText(tk('review.slotScore', { score: '1.00', points: '1.00' })).waitFor();
    await tryOut.getByText(new RegExp(`${tk('take.gap', { n: 1 })}: Астана`)).waitFor();
    await tryOut.getByText(/9\.81 ± 0\.01/).waitFor();

    // 9,9 misses 9.81 ± 0.01: two gaps of three right, 0.67 of a point.
    await number.fill('9,9');
    await tryOut.getByRole('button', { name: exact(tk('teach.tryCheck')) }).click();
    await tryOut.getByText(tk('review.slotScore', { score: '0.67', points: '1.00' })).waitFor();
    await expectNoAxeViolations(page, 'cloze checked');
  });
});
