import { beforeAll, describe, expect, it } from 'vitest';
import {
  apiSignIn,
  type CreatedUser,
  exact,
  expectNoAxeViolations,
  type Lang,
  setUpBrowser,
  signedIn,
  t,
} from './support.ts';
import { teachingWorld } from './worlds.ts';

const browser = setUpBrowser();
const lang = 'kk';
const tk = (key: string, params: Record<string, string | number> = {}) =>
  t(lang, `assessment.${key}`, params);
const discipline = { kk: 'География негіздері', ru: 'Основы географии', en: 'Basics of geography' };
const TEXT = 'Қазақстанның астанасы — {{g1}}. Ең ұзын өзен — {{g2}}. Еркін түсу үдеуі — {{g3}} м/с².';

let world: { teacher: CreatedUser; learner: CreatedUser; offeringId: string; disciplineId: string };

beforeAll(async () => {
  const w = await teachingWorld({
    discipline,
    controlActivities: [{ kind: 'rk1', title: 'РК1', dueWeek: 7 }],
    learners: [['Серікова', 'Дана']],
    teacher: { surname: 'Картабаев', givenName: 'Нұрлан' },
  });
  world = {
    teacher: w.teacher,
    learner: w.learners[0]!,
    offeringId: w.offering.id,
    disciplineId: w.entry.disciplineId,
  };
});

describe('Cloze with menu, radio and number gaps', () => {
  it('a teacher writes one and answers it as a learner would, with the keyboard only', async () => {
    const page = await signedIn(browser, world.teacher, lang);
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

  it('a learner answers one in a real attempt by keyboard, in Russian, and the review shows the right answers', async () => {
    // The test, published through the API: a menu, radio buttons one under another, a number.
    const teacherApi = await apiSignIn(world.teacher.login, world.teacher.password);
    const cat = await teacherApi.call<{ id: string }>(
      'POST',
      `/api/v1/disciplines/${world.disciplineId}/question-categories`,
      { name: 'Реки и города' },
    );
    const question = await teacherApi.call<{ id: string }>('POST', '/api/v1/questions', {
      categoryId: cat.id,
      text: {
        kk: TEXT,
        ru: 'Столица Казахстана — {{g1}}. Самая длинная река — {{g2}}. Ускорение свободного падения — {{g3}} м/с².',
        en: 'The capital of Kazakhstan is {{g1}}. The longest river is {{g2}}. Free-fall acceleration is {{g3}} m/s².',
      },
      data: {
        type: 'cloze',
        gaps: [
          {
            kind: 'choice',
            id: 'g1',
            display: 'dropdown',
            answers: [
              { id: 'm1', text: 'Алматы', fraction: 0 },
              { id: 'm2', text: 'Астана', fraction: 1 },
            ],
          },
          {
            kind: 'choice',
            id: 'g2',
            display: 'vertical',
            answers: [
              { id: 'r1', text: 'Или', fraction: 0 },
              { id: 'r2', text: 'Иртыш', fraction: 1 },
            ],
          },
          { kind: 'numeric', id: 'g3', answers: [{ value: 9.81, tolerance: 0.01 }] },
        ],
      },
    });
    const test = await teacherApi.call<{ id: string }>(
      'POST',
      `/api/v1/offerings/${world.offeringId}/tests`,
      {
        title: 'Пропуски: география',
        kind: 'current',
        timeLimitSec: 3600,
        attemptsAllowed: 1,
        settings: {
          parts: [{ kind: 'fixed', questionId: question.id }],
          review: {
            score: 'immediately',
            correctness: 'immediately',
            correctAnswers: 'immediately',
            feedback: 'immediately',
          },
        },
      },
    );
    await teacherApi.call('POST', `/api/v1/tests/${test.id}/publish`);

    const ru: Lang = 'ru';
    const tr = (key: string, params: Record<string, string | number> = {}) =>
      t(ru, `assessment.${key}`, params);
    // The learner reads the interface in Russian (the language kept in the profile).
    const learnerApi = await apiSignIn(world.learner.login, world.learner.password);
    await learnerApi.call('PATCH', '/api/v1/me', { preferredLanguage: ru });
    const page = await signedIn(browser, world.learner, ru);
    await page.goto('/my-tests');
    await page.getByRole('button', { name: exact(tr('myTests.start')) }).focus();
    await page.keyboard.press('Enter');

    await page.getByText(/^Столица Казахстана —/).waitFor();
    // Gap 1, the menu: its first entry is "choose", then the options in the teacher's order.
    const menu = page.getByRole('combobox', { name: exact(tr('take.gap', { n: 1 })) });
    await menu.focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => menu.inputValue()).toBe('m2');
    // Gap 2, radio buttons: Tab reaches the group, Space picks "Или", ArrowDown moves on to "Иртыш".
    const radios = page.getByRole('radiogroup', { name: exact(tr('take.gap', { n: 2 })) });
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    await expect.poll(() => radios.getByRole('radio', { name: 'Или' }).isChecked()).toBe(true);
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => radios.getByRole('radio', { name: 'Иртыш' }).isChecked()).toBe(true);
    expect(await radios.getByRole('radio', { name: 'Или' }).isChecked()).toBe(false);
    // Gap 3, the number, typed with a comma as a Russian keyboard gives it.
    await page.keyboard.press('Tab');
    const number = page.getByRole('textbox', { name: exact(tr('take.gapNumber', { n: 3 })) });
    await expect.poll(() => number.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type('9,81');
    await page
      .getByText(exact(t(ru, 'assessment.save.saved')))
      .first()
      .waitFor();
    await expectNoAxeViolations(page, 'a cloze in an attempt');

    // The saved answer names the chosen options by their ids and keeps the number as typed.
    const attemptId = /attempts\/([0-9a-f-]+)/.exec(page.url())?.[1];
    expect(attemptId, page.url()).toBeTruthy();
    const saved = { gaps: { g1: 'm2', g2: 'r2', g3: '9,81' } };
    await expect
      .poll(async () => {
        const a = await learnerApi.call<{ answers?: Array<{ slot: number; response: unknown }> }>(
          'GET',
          `/api/v1/attempts/${attemptId}`,
        );
        return a.answers?.find((x) => x.slot === 0)?.response;
      })
      .toEqual(saved);

    await page.getByRole('button', { name: exact(tr('take.submit')) }).focus();
    await page.keyboard.press('Enter');
    const confirm = page.getByRole('dialog', { name: tr('take.confirmTitle') });
    await confirm.getByText(tr('take.allAnswered')).waitFor();
    await confirm.getByRole('button', { name: exact(tr('take.submitNow')) }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: exact(tr('review.title', { number: 1 })) }).waitFor();
    // The attempt's score and the question's, the same here: one question, all three gaps right.
    await expect
      .poll(() => page.getByText(exact(tr('review.slotScore', { score: '1.00', points: '1.00' }))).count())
      .toBe(2);
    const gap = (n: number) => tr('take.gap', { n });
    // The learner's answer in words (the options' texts, not their ids), then the right one.
    await page.getByText(exact(`${gap(1)}: Астана; ${gap(2)}: Иртыш; ${gap(3)}: 9,81`)).waitFor();
    await page.getByText(exact(`${gap(1)}: Астана; ${gap(2)}: Иртыш; ${gap(3)}: 9.81 ± 0.01`)).waitFor();
    await page.getByText(exact(tr('review.rightAnswer'))).waitFor();
    await expectNoAxeViolations(page, 'the review of a cloze');

    const review = await learnerApi.call<{
      status: string;
      slots: Array<{ response: unknown; score: string }>;
    }>('GET', `/api/v1/attempts/${attemptId}/review`);
    expect(review.status).toBe('submitted');
    expect(review.slots[0]).toMatchObject({ response: saved, score: '1.00' });
  });
});
