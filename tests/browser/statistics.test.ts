import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  apiSignIn,
  type CreatedUser,
  exact,
  expectNoAxeViolations,
  setUpBrowser,
  signInThroughPage,
  t,
  uniq,
} from './support.ts';
import { teachingWorld } from './worlds.ts';

/**
 * A test's item statistics (issue 7): four learners take a two-question test through the
 * API; the teacher reaches the statistics by keyboard from the test, reads the figures,
 * the score distribution, each question's facility, discrimination, flags and answer
 * counts, and downloads them as CSV and XLSX.
 */
const browser = setUpBrowser();
const lang = 'kk';
const ts = (key: string, params: Record<string, string | number> = {}) =>
  t(lang, `interchange.stats.${key}`, params);
const L = (kk: string) => ({ kk, ru: kk, en: kk });
const Q1 = 'Бидай қай тұқымдасқа жатады?';
const Q2 = 'Жүгері — астық тұқымдасының өкілі.';

let world: { testId: string; title: string; teacher: CreatedUser };

beforeAll(async () => {
  const w = await teachingWorld({
    discipline: { kk: 'Өсімдік шаруашылығы', ru: 'Растениеводство', en: 'Crop production' },
    controlActivities: [{ kind: 'current', title: '2-апта', dueWeek: 2 }],
    learners: [
      ['Әбенова', 'Дана'],
      ['Бекова', 'Әсел'],
      ['Жұмабаев', 'Ерлан'],
      ['Сейітов', 'Нұрлан'],
    ],
    teacher: { surname: 'Статистов', givenName: 'Марат' },
  });
  const { entry, teacher, offering: o, learners: people } = w;
  const api = await apiSignIn(teacher.login, teacher.password);
  const cat = await api.call<{ id: string }>(
    'POST',
    `/api/v1/disciplines/${entry.disciplineId}/question-categories`,
    { name: uniq('Дақылдар ') },
  );
  const q1 = await api.call<{ id: string }>('POST', '/api/v1/questions', {
    categoryId: cat.id,
    text: L(`<p>${Q1}</p>`),
    data: {
      type: 'single',
      options: [
        { id: 'a', text: L('Астық'), correct: true },
        { id: 'b', text: L('Бұршақ'), correct: false },
        { id: 'c', text: L('Алқа'), correct: false },
      ],
    },
  });
  const q2 = await api.call<{ id: string }>('POST', '/api/v1/questions', {
    categoryId: cat.id,
    text: L(`<p>${Q2}</p>`),
    data: { type: 'truefalse', correct: true },
  });
  const title = uniq('Статистика тесті ');
  const test = await api.call<{ id: string }>('POST', `/api/v1/offerings/${o.id}/tests`, {
    title,
    kind: 'current',
    timeLimitSec: 3600,
    attemptsAllowed: 1,
    settings: {
      parts: [q1.id, q2.id].map((questionId) => ({ kind: 'fixed', questionId })),
    },
  });
  await api.call('POST', `/api/v1/tests/${test.id}/publish`);
  // (a, true), (a, false), (b, true), (c, true): hand-computed, facility 0.50 and 0.75, and
  // both questions discriminate negatively (r = −0.58 against the rest of the test).
  const answers: [string, boolean][] = [
    ['a', true],
    ['a', false],
    ['b', true],
    ['c', true],
  ];
  for (const [i, [choice, value]] of answers.entries()) {
    const learner = await apiSignIn(people[i]!.login, people[i]!.password);
    const attempt = await learner.call<{ id: string }>('POST', `/api/v1/tests/${test.id}/attempts`, {});
    await learner.call('PUT', `/api/v1/attempts/${attempt.id}/answers/0`, { seq: 1, response: { choice } });
    await learner.call('PUT', `/api/v1/attempts/${attempt.id}/answers/1`, { seq: 1, response: { value } });
    await learner.call('POST', `/api/v1/attempts/${attempt.id}/submit`);
  }
  world = { testId: test.id, title, teacher };
});

/** Presses Tab until the focused element has this accessible text (at most `limit` times). */
async function tabTo(page: Page, text: string, limit = 60) {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => (document.activeElement?.textContent ?? '').trim());
    if (focused === text) return;
  }
  throw new Error(`"${text}" is not reachable with Tab`);
}

describe('test statistics', () => {
  it('a teacher reaches the statistics by keyboard and reads and downloads them', async () => {
    const page = await browser.newPage();
    await page.goto('/sign-in');
    await signInThroughPage(page, lang, world.teacher.login, world.teacher.password);
    await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
    await page.goto(`/teach/tests/${world.testId}`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await tabTo(page, ts('open'));
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => u.pathname === `/teach/tests/${world.testId}/statistics`);
    await page.getByRole('heading', { level: 1, name: exact(ts('title', { test: world.title })) }).waitFor();

    // The figures: 4 attempts scored 100, 50, 50, 50 %.
    const figure = (label: string) => page.getByText(exact(label)).locator('xpath=following-sibling::*[1]');
    await expect.poll(() => figure(ts('attempts')).textContent()).toBe('4');
    expect(await figure(ts('mean')).textContent()).toBe('62.50');
    expect(await figure(ts('median')).textContent()).toBe('50.00');

    const distribution = page.getByRole('region', { name: ts('distribution') });
    const bars = distribution.getByRole('progressbar');
    expect(await bars.count()).toBe(10);
    expect(await distribution.getByRole('progressbar', { name: '50–60%: 3' }).count()).toBe(1);
    expect(await distribution.getByRole('progressbar', { name: '90–100%: 1' }).count()).toBe(1);

    const questions = page.getByRole('region', { name: ts('questionsTitle') });
    const row = (text: string) => questions.getByRole('row').filter({ hasText: text });
    const cells = async (text: string) =>
      (await row(text).getByRole('cell').allTextContents()).map((c) => c.trim());
    const r1 = await cells(Q1);
    expect(r1.slice(0, 5)).toEqual(['1', Q1, '4', '0.50', '-0.58']);
    expect(r1[5]).toContain(ts('flag.negativeDiscrimination'));
    expect(r1[6]).toContain(`${ts('correctOption')}Астық: 2`);
    expect(r1[6]).toContain('Бұршақ: 1');
    expect(r1[6]).toContain('Алқа: 1');
    const r2 = await cells(Q2);
    expect(r2.slice(0, 5)).toEqual(['2', Q2, '4', '0.75', '-0.58']);
    expect(r2[5]).toContain(ts('flag.negativeDiscrimination'));
    await expectNoAxeViolations(page, 'the test statistics');

    // Both downloads are reachable by keyboard and give the same figures.
    await tabTo(page, ts('exportCsv'));
    const csvHref = await page.evaluate(() => (document.activeElement as HTMLAnchorElement).href);
    const csv = await page.evaluate(async (url) => {
      const r = await fetch(url);
      return { status: r.status, type: r.headers.get('content-type'), body: await r.text() };
    }, csvHref);
    expect(csv.status).toBe(200);
    expect(csv.type).toMatch(/^text\/csv/);
    expect(csv.body).toContain(Q1);
    expect(csv.body).toMatch(/0[.,]5\b/);
    await tabTo(page, ts('exportXlsx'), 3);
    const xlsxHref = await page.evaluate(() => (document.activeElement as HTMLAnchorElement).href);
    const xlsx = await page.evaluate(async (url) => {
      const r = await fetch(url);
      const bytes = new Uint8Array(await r.arrayBuffer());
      return {
        status: r.status,
        type: r.headers.get('content-type'),
        zip: String.fromCharCode(bytes[0]!, bytes[1]!),
      };
    }, xlsxHref);
    expect(xlsx).toEqual({
      status: 200,
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      zip: 'PK',
    });
  });
});
