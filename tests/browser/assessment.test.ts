import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type CreatedUser,
  exact,
  expectNoAxeViolations,
  setUpBrowser,
  signedIn as signedInAs,
  t,
} from './support.ts';
import { teachingWorld } from './worlds.ts';

const browser = setUpBrowser();
const lang = 'kk';
const tk = (key: string, params: Record<string, string | number> = {}) =>
  t(lang, `assessment.${key}`, params);
const discipline = { kk: 'Өсімдік физиологиясы', ru: 'Физиология растений', en: 'Plant physiology' };
const TEST = 'РК1 — өсімдік физиологиясы';
const ESSAY = 'Фотосинтездің маңызын сипаттаңыз.';

let world: { offeringId: string; teacher: CreatedUser; learner: CreatedUser; learnerName: string };

beforeAll(async () => {
  const w = await teachingWorld({
    discipline,
    controlActivities: [{ kind: 'rk1', title: 'РК1', dueWeek: 7 }],
    learners: [['Жұмабаева', 'Әйгерім']],
  });
  const { teacher, offering: o } = w;
  const learner = w.learners[0];
  world = { offeringId: o.id, teacher, learner: learner!, learnerName: 'Жұмабаева Әйгерім' };
});

const signedIn = (user: CreatedUser) => signedInAs(browser, user, lang);

const inKazakh = (label: string) => `${label} (${tk('teach.lang.kk')})`;

/** Opens the new-question form, fills what every type has, and lets `fill` do the rest. */
async function writeQuestion(
  page: Page,
  opts: {
    type: string;
    category: string;
    text: string;
    fill: (dialog: ReturnType<Page['getByRole']>) => Promise<void>;
  },
) {
  await page.getByRole('button', { name: exact(tk('teach.newQuestion')) }).click();
  const dialog = page.getByRole('dialog', { name: tk('teach.q.newTitle') });
  await dialog.getByLabel(tk('teach.q.type')).selectOption(opts.type);
  await dialog.getByLabel(tk('teach.q.category')).selectOption({ label: opts.category });
  await dialog.getByRole('textbox', { name: inKazakh(tk('teach.q.text')), exact: true }).fill(opts.text);
  await opts.fill(dialog);
  await dialog.getByRole('button', { name: exact(tk('teach.q.create')) }).click();
  await dialog.waitFor({ state: 'detached' });
}

describe('test engine in the browser', () => {
  it('a teacher writes questions of several types, builds and publishes a test with a random draw and an override', async () => {
    const page = await signedIn(world.teacher);
    await page.getByRole('link', { name: exact(tk('nav.teach')) }).click();
    await page.getByRole('heading', { name: exact(tk('teach.title')) }).waitFor();
    await expectNoAxeViolations(page, 'teaching: tests');
    await page.getByRole('link', { name: exact(tk('teach.openBank')) }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(discipline.kk) }).waitFor();

    // Nested categories.
    for (const [name, parent] of [
      ['Фотосинтез', null],
      ['Жарық фазасы', 'Фотосинтез'],
      ['Эсселер', null],
    ] as const) {
      await page.getByRole('textbox', { name: tk('teach.categoryName') }).fill(name);
      await page
        .getByLabel(tk('teach.parentCategory'))
        .selectOption({ label: parent ?? tk('teach.noParent') });
      await page.getByRole('button', { name: exact(tk('teach.addCategory')) }).click();
      await page.getByRole('button', { name: `${name} (0)` }).waitFor();
    }
    await expectNoAxeViolations(page, 'question bank');

    // Single choice, with a formula in its text.
    await page.getByRole('button', { name: exact(tk('teach.newQuestion')) }).click();
    const first = page.getByRole('dialog', { name: tk('teach.q.newTitle') });
    await first.getByRole('textbox', { name: inKazakh(tk('teach.q.text')), exact: true }).waitFor();
    await expectNoAxeViolations(page, 'new question form');
    await first.getByRole('button', { name: exact(t(lang, 'common.cancel')) }).click();
    await first.waitFor({ state: 'detached' });
    await writeQuestion(page, {
      type: 'single',
      category: 'Фотосинтез',
      text: 'Фотосинтез теңдеуінде \\(6CO_2 + 6H_2O\\) нені береді?',
      fill: async (d) => {
        for (const [i, text] of ['Крахмал', 'Глюкоза мен оттегі', 'Азот'].entries()) {
          await d
            .getByRole('textbox', { name: inKazakh(tk('teach.q.optionText', { n: i + 1 })), exact: true })
            .fill(text);
        }
        await d.getByRole('radio', { name: tk('teach.q.correct', { n: 2 }) }).check();
      },
    });
    // The formula is typeset by KaTeX in the list's try-out later; the list shows the text.
    await page
      .getByRole('cell', { name: 'Фотосинтез теңдеуінде 6CO_2 + 6H_2O нені береді?', exact: true })
      .waitFor();

    await writeQuestion(page, {
      type: 'multiple',
      category: 'Фотосинтез',
      text: 'Жарық фазасында не түзіледі?',
      fill: async (d) => {
        await d.getByLabel(tk('teach.q.scoring')).selectOption('partial');
        for (const [i, text] of ['АТФ', 'НАДФН', 'Глюкоза'].entries()) {
          await d
            .getByRole('textbox', { name: inKazakh(tk('teach.q.optionText', { n: i + 1 })), exact: true })
            .fill(text);
        }
        await d.getByRole('checkbox', { name: tk('teach.q.correct', { n: 1 }) }).uncheck();
        await d.getByRole('checkbox', { name: tk('teach.q.correct', { n: 1 }) }).check();
        await d.getByRole('checkbox', { name: tk('teach.q.correct', { n: 2 }) }).check();
      },
    });
    await writeQuestion(page, {
      type: 'short',
      category: 'Жарық фазасы',
      text: 'Жасыл пигменттің атауы?',
      fill: async (d) => {
        await d
          .getByRole('textbox', { name: tk('teach.q.accepted', { label: tk('teach.q.answer'), n: 1 }) })
          .fill('хлорофилл*');
      },
    });
    await writeQuestion(page, {
      type: 'numerical',
      category: 'Жарық фазасы',
      text: 'Еркін түсу үдеуі, м/с²?',
      fill: async (d) => {
        await d.getByRole('textbox', { name: tk('teach.q.value', { n: 1 }) }).fill('9.8');
        await d.getByRole('textbox', { name: tk('teach.q.tolerance', { n: 1 }) }).fill('0.1');
      },
    });
    await writeQuestion(page, {
      type: 'essay',
      category: 'Эсселер',
      text: ESSAY,
      fill: async () => {},
    });
    await expect.poll(() => page.getByRole('row').count()).toBe(6);

    // Try a question as a learner would see it.
    await page
      .getByRole('button', {
        name: `${tk('teach.try')}: Фотосинтез теңдеуінде 6CO_2 + 6H_2O нені береді?`,
      })
      .click();
    const tryOut = page.getByRole('dialog', { name: tk('teach.tryTitle') });
    await tryOut.locator('.katex').first().waitFor();
    await tryOut.getByRole('radio', { name: 'Глюкоза мен оттегі' }).check();
    await tryOut.getByRole('button', { name: exact(tk('teach.tryCheck')) }).click();
    await tryOut.getByText(tk('review.slotScore', { score: '1.00', points: '1.00' })).waitFor();
    await expectNoAxeViolations(page, 'try a question');
    await page.keyboard.press('Escape');
    await tryOut.waitFor({ state: 'detached' });

    // Editing adds a version; the history lists both.
    const short = 'Жасыл пигменттің атауы?';
    await page.getByRole('button', { name: `${tk('teach.edit')}: ${short}` }).click();
    const edit = page.getByRole('dialog', { name: tk('teach.q.editTitle', { version: 1 }) });
    await edit.getByRole('button', { name: exact(tk('teach.q.addAnswer')) }).click();
    await edit
      .getByRole('textbox', { name: tk('teach.q.accepted', { label: tk('teach.q.answer'), n: 2 }) })
      .fill('chlorophyll*');
    await edit.getByRole('button', { name: exact(tk('teach.q.saveVersion')) }).click();
    await edit.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: `${tk('teach.history')}: ${short}` }).click();
    const history = page.getByRole('dialog', { name: tk('teach.historyTitle') });
    await history.getByRole('heading', { name: exact(tk('teach.version', { n: 2 })) }).waitFor();
    await history.getByRole('heading', { name: exact(tk('teach.version', { n: 1 })) }).waitFor();
    await expectNoAxeViolations(page, 'version history');
    await page.keyboard.press('Escape');
    await history.waitFor({ state: 'detached' });

    // A test: a random draw the bank cannot satisfy is refused, then one it can.
    await page.getByRole('link', { name: exact(tk('teach.backToTests')) }).click();
    await page.getByRole('textbox', { name: tk('teach.newTestTitle') }).fill(TEST);
    await page.getByLabel(tk('teach.kind')).selectOption('rk1');
    await page.getByRole('button', { name: exact(tk('teach.createTest')) }).click();
    await page.getByRole('heading', { level: 1, name: exact(TEST) }).waitFor();
    await page.getByRole('button', { name: exact(tk('teach.addRandom')) }).click();
    await page.getByLabel(tk('teach.randomFrom', { n: 1 })).selectOption({ label: 'Фотосинтез (2)' });
    await page.getByLabel(tk('teach.includeSub', { n: 1 })).check();
    await page.getByRole('textbox', { name: tk('teach.randomCount', { n: 1 }) }).fill('9');
    await page.getByRole('button', { name: exact(tk('teach.addFixed')) }).click();
    await page.getByLabel(tk('teach.fixedPart', { n: 2 })).selectOption({ label: ESSAY });
    await page.getByRole('textbox', { name: tk('teach.timeLimit') }).fill('10');
    await page.getByLabel(tk('teach.journalColumn')).selectOption({ label: 'РК1' });
    await page.getByLabel(tk('teach.review.correctAnswers')).selectOption('afterClose');
    await page.getByLabel(tk('teach.review.feedback')).selectOption('immediately');
    await page.getByRole('button', { name: exact(tk('teach.saveSettings')) }).click();
    await page.getByText(tk('teach.drawProblem', { n: 1, needed: 9, available: 4 })).waitFor();
    await page.getByRole('button', { name: exact(tk('teach.publish')) }).click();
    await page.getByRole('alert').filter({ hasText: /9/ }).waitFor();
    await page.getByRole('textbox', { name: tk('teach.randomCount', { n: 1 }) }).fill('2');
    await page.getByRole('button', { name: exact(tk('teach.saveSettings')) }).click();
    // Four questions under "Фотосинтез" with its subcategory, two drawn: C(4,2) = 6 variants.
    await page.getByText(t(lang, 'assessment.teach.variants_other', { value: 6 })).waitFor();
    await expectNoAxeViolations(page, 'test settings');
    await page.getByRole('button', { name: exact(tk('teach.publish')) }).click();
    await page.getByText(tk('teach.publishedNote')).waitFor();

    // Extra time for the learner.
    await page.getByRole('tab', { name: tk('teach.tabOverrides') }).click();
    await page.getByLabel(tk('teach.overrideFor')).selectOption({ label: world.learnerName });
    await page.getByRole('textbox', { name: tk('teach.timeLimit') }).fill('25');
    await page.getByRole('button', { name: exact(tk('teach.saveOverride')) }).click();
    await page.getByRole('cell', { name: exact(world.learnerName) }).waitFor();
    await expectNoAxeViolations(page, 'overrides');
  });

  it('the learner takes it with the keyboard only, with the extra time', async () => {
    const page = await signedIn(world.learner);
    await page.goto('/my-tests');
    const start = page.getByRole('button', { name: exact(tk('myTests.start')) });
    await start.focus();
    await page.keyboard.press('Enter');
    const timer = page.getByRole('timer');
    await timer.waitFor();
    // 25 minutes from the override, not the test's 10.
    await expect.poll(async () => timer.getAttribute('aria-label')).toMatch(/2[45]:\d\d/);
    await page.getByRole('button', { name: exact(tk('take.showAll')) }).focus();
    await page.keyboard.press('Enter');
    const sections = page.locator('section[aria-labelledby^="asm-q-"]');
    await expect.poll(() => sections.count()).toBe(3);
    for (let i = 0; i < 3; i++) {
      const s = sections.nth(i);
      if ((await s.getByRole('radio').count()) > 0) {
        await s.getByRole('radio').nth(1).focus();
        await page.keyboard.press('Space');
      } else if ((await s.getByRole('checkbox').count()) > 0) {
        await s.getByRole('checkbox').first().focus();
        await page.keyboard.press('Space');
        await page.keyboard.press('Tab');
        await page.keyboard.press('Space');
      } else if (await s.getByText(ESSAY).count()) {
        await s.getByRole('textbox').focus();
        await page.keyboard.type('Фотосинтез — тіршіліктің негізі: оттегі мен органикалық зат береді.');
      } else {
        const box = s.getByRole('textbox');
        await box.focus();
        await page.keyboard.type(/үдеуі/.test((await s.textContent()) ?? '') ? '9.79' : 'хлорофилл');
      }
    }
    await expect.poll(() => page.getByText(exact(tk('save.saved'))).count(), { timeout: 15_000 }).toBe(3);
    await expectNoAxeViolations(page, 'taking the test');
    await page.getByRole('button', { name: exact(tk('take.submit')) }).focus();
    await page.keyboard.press('Enter');
    const confirm = page.getByRole('dialog', { name: tk('take.confirmTitle') });
    await confirm.getByRole('button', { name: exact(tk('take.submitNow')) }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: exact(tk('review.title', { number: 1 })) }).waitFor();
    await page.getByText(tk('review.pendingManual_one', { count: 1 })).waitFor();
    // Right answers only after the test closes.
    expect(await page.getByText(exact(tk('review.rightAnswer'))).count()).toBe(0);
    await expectNoAxeViolations(page, 'review before grading');
  });

  it('the teacher grades the essay, and the learner sees the result as the review options allow', async () => {
    const page = await signedIn(world.teacher);
    await page.goto('/teach/tests');
    await page.getByRole('link', { name: exact(TEST) }).click();
    await page.getByRole('tab', { name: tk('teach.tabGrading') }).click();
    await page.getByRole('cell', { name: exact(world.learnerName) }).waitFor();
    await expectNoAxeViolations(page, 'attempts and grading');
    await page
      .getByRole('link', { name: new RegExp(world.learnerName) })
      .first()
      .click();
    await page.getByText(ESSAY).waitFor();
    await page.getByRole('textbox', { name: tk('teach.essayScore', { points: '1.00' }) }).fill('1');
    await page.getByRole('textbox', { name: tk('teach.essayComment') }).fill('Жақсы жазылған.');
    await page.getByRole('button', { name: exact(tk('teach.saveGrade')) }).click();
    await page.getByText(tk('teach.graded')).waitFor();
    await page.getByRole('heading', { name: tk('teach.log') }).waitFor();
    await page.getByText(tk('teach.chainIntact')).waitFor();
    await expectNoAxeViolations(page, 'grading an attempt');

    const learner = await signedIn(world.learner);
    await learner.goto('/my-tests');
    await learner
      .getByRole('link', { name: new RegExp(tk('myTests.reviewAttempt', { number: 1, result: '' }).trim()) })
      .click();
    await learner
      .getByRole('heading', { level: 1, name: exact(tk('review.title', { number: 1 })) })
      .waitFor();
    await learner.getByText(exact(tk('review.result'))).waitFor();
    await learner.getByText('Жақсы жазылған.').waitFor();
    expect(await learner.getByText(tk('review.pendingManualLabel')).count()).toBe(0);
    expect(await learner.getByText(exact(tk('review.rightAnswer'))).count()).toBe(0);
    await expectNoAxeViolations(learner, 'review after grading');
  });
});
