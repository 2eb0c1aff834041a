import type { Locator } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiSession,
  apiSignIn,
  type CreatedUser,
  exact,
  expectNoAxeViolations,
  setUpBrowser,
  signedIn as signedInAs,
  t,
} from './support.ts';
import { teachingWorld } from './worlds.ts';

/**
 * Taking a test with every question type by keyboard alone while the network drops: the
 * answers given offline wait in the page and are sent when it returns, the learner carries
 * on from another device, and the submitted attempt has every answer. The teacher first
 * puts a picture into a question from the question editor; the learner sees it.
 */
const browser = setUpBrowser();
const lang = 'kk';
const tk = (key: string, params: Record<string, string | number> = {}) =>
  t(lang, `assessment.${key}`, params);
const discipline = { kk: 'Егіншілік негіздері', ru: 'Основы земледелия', en: 'Arable farming basics' };
const TEST = 'Ағымдағы бақылау — егіншілік';
const IMAGE_Q = 'Q10 Суреттегі масақ — бидай масағы.';
const ALT = 'Бидай масағы, жақын көрініс';
/** A 2×2 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAYAAABytg0kAAAAFklEQVR42mNkYPhfz0AEYBxVSF+FAAhKDveksOjmAAAAAElFTkSuQmCC',
  'base64',
);

let world: {
  offeringId: string;
  disciplineId: string;
  categoryId: string;
  teacher: CreatedUser;
  learner: CreatedUser;
  teacherApi: ApiSession;
  questionIds: string[];
};

const L = (kk: string) => ({ kk, ru: kk, en: kk });
const P = (kk: string) => L(`<p>${kk}</p>`);

beforeAll(async () => {
  const w = await teachingWorld({
    discipline,
    controlActivities: [{ kind: 'current', title: '1-апта', dueWeek: 1 }],
    learners: [['Оспанова', 'Гүлім']],
    teacher: { surname: 'Егінбаев', givenName: 'Арман' },
  });
  const { entry, teacher, offering: o } = w;
  const learner = w.learners[0];
  const teacherApi = await apiSignIn(teacher.login, teacher.password);
  const disciplineId = entry.disciplineId;
  const cat = await teacherApi.call<{ id: string }>(
    'POST',
    `/api/v1/disciplines/${disciplineId}/question-categories`,
    { name: 'Дақылдар' },
  );
  const datas: Array<[string, unknown]> = [
    [
      'Q1 Бидай қай тұқымдасқа жатады?',
      {
        type: 'single',
        options: [
          { id: 'a', text: L('Астық тұқымдасы'), correct: true },
          { id: 'b', text: L('Бұршақ тұқымдасы'), correct: false },
          { id: 'c', text: L('Алқа тұқымдасы'), correct: false },
        ],
      },
    ],
    [
      'Q2 Қайсылары бұршақ дақылдары?',
      {
        type: 'multiple',
        options: [
          { id: 'a', text: L('Асбұршақ'), correct: true },
          { id: 'b', text: L('Соя'), correct: true },
          { id: 'c', text: L('Арпа'), correct: false },
        ],
      },
    ],
    ['Q3 Жүгері — астық тұқымдасының өкілі.', { type: 'truefalse', correct: true }],
    ['Q4 Күнбағыстың латынша туыс атауы?', { type: 'short', answers: [{ text: 'Helianthus*' }] }],
    [
      'Q5 Аммиак селитрасында неше пайыз азот бар?',
      { type: 'numerical', answers: [{ value: 34, tolerance: 1 }] },
    ],
    [
      'Q6 Дақылды тұқымдасымен сәйкестендіріңіз.',
      {
        type: 'matching',
        pairs: [
          { id: 'p1', prompt: L('Бидай'), answer: L('Астық') },
          { id: 'p2', prompt: L('Асбұршақ'), answer: L('Бұршақ') },
          { id: 'p3', prompt: L('Картоп'), answer: L('Алқа') },
        ],
      },
    ],
    [
      'Q7 Даму фазаларын ретімен орналастырыңыз.',
      {
        type: 'ordering',
        items: [
          { id: 'i1', text: L('Өну') },
          { id: 'i2', text: L('Түптену') },
          { id: 'i3', text: L('Масақтану') },
        ],
      },
    ],
    [
      'Q8 Арамшөпке қарсы препарат — {{a}}, жәндікке қарсы — {{b}}.',
      {
        type: 'cloze',
        gaps: [
          { id: 'a', answers: [{ text: 'гербицид*' }] },
          { id: 'b', answers: [{ text: 'инсектицид*' }] },
        ],
      },
    ],
    ['Q9 Таза сүрінің маңызын түсіндіріңіз.', { type: 'essay' }],
  ];
  const questionIds: string[] = [];
  for (const [text, data] of datas) {
    const q = await teacherApi.call<{ id: string }>('POST', '/api/v1/questions', {
      categoryId: cat.id,
      text: P(text),
      data,
    });
    questionIds.push(q.id);
  }
  world = {
    offeringId: o.id,
    disciplineId,
    categoryId: cat.id,
    teacher,
    learner: learner!,
    teacherApi,
    questionIds,
  };
});

const signedIn = (user: CreatedUser) => signedInAs(browser, user, lang);

const inKazakh = (label: string) => `${label} (${tk('teach.lang.kk')})`;

describe('taking a test while the network drops', () => {
  it('a teacher puts an uploaded picture with its description into a question', async () => {
    const page = await signedIn(world.teacher);
    await page.getByRole('link', { name: exact(tk('nav.teach')) }).click();
    await page.getByRole('link', { name: exact(tk('teach.openBank')) }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(discipline.kk) }).waitFor();
    await page.getByRole('button', { name: exact(tk('teach.newQuestion')) }).click();
    const dialog = page.getByRole('dialog', { name: tk('teach.q.newTitle') });
    await dialog.getByLabel(tk('teach.q.type')).selectOption('truefalse');
    await dialog.getByLabel(tk('teach.q.category')).selectOption({ label: 'Дақылдар' });
    await dialog.getByRole('textbox', { name: inKazakh(tk('teach.q.text')), exact: true }).fill(IMAGE_Q);
    // The question's text comes first (its feedback has an editor of its own below).
    await dialog
      .getByRole('button', { name: exact(t(lang, 'editor.controls.image')) })
      .first()
      .click();
    const picture = page.getByRole('dialog', { name: t(lang, 'editor.image.title') });
    await picture.locator('input[type="file"]').setInputFiles({
      name: 'ear.png',
      mimeType: 'image/png',
      buffer: PNG,
    });
    await expectNoAxeViolations(page, 'inserting a picture');
    // Without a description the picture is not inserted.
    await picture.getByRole('button', { name: exact(t(lang, 'editor.image.insert')) }).click();
    await picture.getByText(t(lang, 'editor.image.altMissing')).waitFor();
    await picture
      .getByRole('textbox', { name: new RegExp(t(lang, 'editor.image.alt').replace(/[()]/g, '\\$&')) })
      .fill(ALT);
    await picture.getByRole('button', { name: exact(t(lang, 'editor.image.insert')) }).click();
    await picture.waitFor({ state: 'detached' });
    // The picture is in the editor (and in the preview below it).
    const preview = dialog.locator('.ProseMirror').getByRole('img', { name: ALT });
    await preview.waitFor();
    await expect.poll(() => preview.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    await dialog.getByRole('button', { name: exact(tk('teach.q.create')) }).click();
    await dialog.waitFor({ state: 'detached' });
    // The bank's list names the picture by its description.
    await page.getByRole('cell', { name: `${IMAGE_Q} ${ALT}`, exact: true }).waitFor();

    // The test: every type, the picture question last; published through the API.
    const bank = await world.teacherApi.call<{ items: Array<{ id: string; text: { kk: string } }> }>(
      'GET',
      `/api/v1/disciplines/${world.disciplineId}/questions`,
    );
    const withImage = bank.items.find((q) => q.text.kk.includes(IMAGE_Q))!;
    expect(withImage.text.kk).toMatch(/<img src="\/api\/v1\/question-images\/[0-9a-f-]+" alt="Бидай масағы/);
    const test = await world.teacherApi.call<{ id: string }>(
      'POST',
      `/api/v1/offerings/${world.offeringId}/tests`,
      {
        title: TEST,
        kind: 'current',
        timeLimitSec: 3600,
        attemptsAllowed: 1,
        settings: {
          parts: [...world.questionIds, withImage.id].map((questionId) => ({ kind: 'fixed', questionId })),
        },
      },
    );
    await world.teacherApi.call('POST', `/api/v1/tests/${test.id}/publish`);
  });

  it('the learner answers every type by keyboard, offline for half of them, and finishes on another device', async () => {
    const page = await signedIn(world.learner);
    await page.goto('/my-tests');
    await page.getByRole('button', { name: exact(tk('myTests.start')) }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('timer').waitFor();
    await page.getByRole('button', { name: exact(tk('take.showAll')) }).focus();
    await page.keyboard.press('Enter');
    const sections = page.locator('section[aria-labelledby^="asm-q-"]');
    await expect.poll(() => sections.count()).toBe(10);
    const q = (marker: string) => sections.filter({ hasText: `${marker} ` });
    const saved = () => page.getByText(exact(tk('save.saved'))).count();
    const typeInto = async (box: Locator, text: string) => {
      await box.focus();
      await page.keyboard.type(text);
    };
    const press = async (control: Locator, key = 'Space') => {
      await control.focus();
      await page.keyboard.press(key);
    };

    // The picture is served to the learner inside their attempt.
    const picture = q('Q10').getByRole('img', { name: ALT });
    const src = (await picture.getAttribute('src'))!;
    expect(await page.evaluate(async (url) => (await fetch(url)).status, src)).toBe(200);
    // Pictures load lazily: bring it into view.
    await picture.scrollIntoViewIfNeeded();
    await expect.poll(() => picture.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);

    // Online: single, multiple, true/false, short answer, numerical.
    await press(q('Q1').getByRole('radio', { name: 'Астық тұқымдасы' }));
    await press(q('Q2').getByRole('checkbox', { name: 'Асбұршақ' }));
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    await press(q('Q3').getByRole('radio', { name: tk('take.true'), exact: true }));
    await typeInto(q('Q4').getByRole('textbox'), 'Helianthus');
    await typeInto(q('Q5').getByRole('textbox'), '34');
    await expect.poll(saved, { timeout: 15_000 }).toBe(5);
    await expectNoAxeViolations(page, 'taking the test');

    // The network drops: matching, ordering, cloze, essay, the picture question.
    await page.context().setOffline(true);
    const selects = q('Q6').getByRole('combobox');
    for (let i = 0; i < 3; i++) {
      await selects.nth(i).focus();
      for (let k = 0; k <= i; k++) await page.keyboard.press('ArrowDown');
    }
    await press(
      q('Q7')
        .getByRole('button', { name: /төмен жылжыту/ })
        .first(),
      'Enter',
    );
    await typeInto(q('Q8').getByRole('textbox', { name: tk('take.gap', { n: 1 }) }), 'гербицид');
    await typeInto(q('Q8').getByRole('textbox', { name: tk('take.gap', { n: 2 }) }), 'инсектицид');
    const essay = 'Таза сүрі топырақта ылғал жинайды және арамшөптерді азайтады.';
    await typeInto(q('Q9').getByRole('textbox'), essay);
    await press(q('Q10').getByRole('radio', { name: tk('take.true'), exact: true }));
    // Nothing of it is acknowledged; the page says so and keeps every answer.
    await expect.poll(() => page.getByText(exact(tk('save.retrying'))).count(), { timeout: 15_000 }).toBe(5);
    expect(await saved()).toBe(5);
    await expect(q('Q9').getByRole('textbox').inputValue()).resolves.toBe(essay);
    await expectNoAxeViolations(page, 'taking the test offline');

    // The network returns: the waiting answers are sent.
    await page.context().setOffline(false);
    await expect.poll(saved, { timeout: 20_000 }).toBe(10);
    expect(await page.getByText(exact(tk('save.retrying'))).count()).toBe(0);

    // Another device: the learner signs in again and continues from the acknowledged answers.
    const other = await signedIn(world.learner);
    await other.goto('/my-tests');
    await other.getByRole('button', { name: exact(tk('myTests.continue')) }).focus();
    await other.keyboard.press('Enter');
    await other.getByRole('timer').waitFor();
    await other.getByRole('button', { name: exact(tk('take.showAll')) }).focus();
    await other.keyboard.press('Enter');
    await expect.poll(() => other.getByText(exact(tk('save.saved'))).count()).toBe(10);
    const again = other.locator('section[aria-labelledby^="asm-q-"]');
    await expect(again.filter({ hasText: 'Q9 ' }).getByRole('textbox').inputValue()).resolves.toBe(essay);
    await expect(again.filter({ hasText: 'Q4 ' }).getByRole('textbox').inputValue()).resolves.toBe(
      'Helianthus',
    );
    await expectNoAxeViolations(other, 'resumed on another device');
    await other.getByRole('button', { name: exact(tk('take.submit')) }).focus();
    await other.keyboard.press('Enter');
    const confirm = other.getByRole('dialog', { name: tk('take.confirmTitle') });
    await confirm.getByText(tk('take.allAnswered')).waitFor();
    await confirm.getByRole('button', { name: exact(tk('take.submitNow')) }).focus();
    await other.keyboard.press('Enter');
    await other.getByRole('heading', { level: 1, name: exact(tk('review.title', { number: 1 })) }).waitFor();
    await expectNoAxeViolations(other, 'review');

    // The submitted attempt has every answer, as given.
    const attemptId = /attempts\/([0-9a-f-]+)\/review/.exec(other.url())![1]!;
    const learnerApi = await apiSignIn(world.learner.login, world.learner.password);
    const review = await learnerApi.call<{
      status: string;
      slots: Array<{ slot: number; type: string; response: Record<string, unknown> | null }>;
    }>('GET', `/api/v1/attempts/${attemptId}/review`);
    expect(review.status).toBe('submitted');
    expect(review.slots).toHaveLength(10);
    const by = (n: number) => review.slots[n]!.response!;
    for (const s of review.slots) expect(s.response, `slot ${s.slot} (${s.type})`).not.toBeNull();
    expect(by(1)).toEqual({ choices: expect.arrayContaining([expect.any(String), expect.any(String)]) });
    expect(by(3)).toEqual({ text: 'Helianthus' });
    expect(by(4)).toEqual({ text: '34' });
    expect(Object.keys(by(5).pairs as object)).toHaveLength(3);
    expect(by(6).order).toHaveLength(3);
    expect(by(7)).toEqual({ gaps: { a: 'гербицид', b: 'инсектицид' } });
    expect(by(8)).toEqual({ text: essay });
    expect(by(9)).toEqual({ value: true });
  });
});
