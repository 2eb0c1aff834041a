import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiSession,
  apiSignIn,
  type CreatedUser,
  exact,
  expectNoAxeViolations,
  setUpBrowser,
  signedIn,
  t,
  uniq,
} from './support.ts';
import { teachingWorld } from './worlds.ts';

const browser = setUpBrowser();
const FIXTURE_1251 = path.join(
  import.meta.dirname,
  '../../packages/core/src/assessment/interchange/fixtures/crlf-1251.platonus.txt',
);
const lang = 'kk';

/** A small GIFT bank written for this test: two good questions and one whose braces never close. */
const GIFT = `$CATEGORY: $course$/top/Почвоведение/Кислотность

::pH::Какой pH лучше всего для пшеницы?{=6,0–7,5#Верно ~3,0–4,0 ~9,0–10,0}

::Сломанный::Этот вопрос забыл закрыть скобку{=да ~нет

::Кальций::Известкование снижает кислотность почвы.{TRUE}
`;

let world: { disciplineId: string; categoryId: string; categoryName: string; teacher: CreatedUser };

beforeAll(async () => {
  const w = await teachingWorld({
    discipline: { kk: 'Топырақтану', ru: 'Почвоведение', en: 'Soil science' },
    controlActivities: [{ kind: 'rk1', title: 'РК1', dueWeek: 7 }],
  });
  const { entry, teacher } = w;
  const session = await apiSignIn(teacher.login, teacher.password);
  const cat = await newCategory(session, entry.disciplineId, 'Банк ');
  world = { disciplineId: entry.disciplineId, categoryId: cat.id, categoryName: cat.name, teacher };
});

/** A new question category of the discipline, its name `prefix` and a unique tail. */
async function newCategory(session: ApiSession, disciplineId: string, prefix: string) {
  const name = uniq(prefix);
  const url = `/api/v1/disciplines/${disciplineId}/question-categories`;
  const { id } = await session.call<{ id: string }>('POST', url, { name });
  return { id, name };
}

/** The teacher's import and export page of the discipline's bank. */
async function openTransfer(): Promise<Page> {
  const page = await signedIn(browser, world.teacher, lang);
  await page.goto(`/teach/banks/${world.disciplineId}/transfer`);
  await page.getByRole('heading', { level: 1, name: exact(t(lang, 'interchange.title')) }).waitFor();
  return page;
}

/** The preview's status appears and comes to say these counts. */
async function expectPreviewCounts(page: Page, counts: Record<string, string | number>) {
  const status = page.getByRole('status').filter({ hasText: t(lang, 'interchange.previewTitle') });
  await status.waitFor();
  await expect.poll(() => status.textContent()).toContain(t(lang, 'interchange.previewCounts', counts));
}

describe('question import', () => {
  it('previews a GIFT file with one refused question, then imports the rest into the bank', async () => {
    const page = await openTransfer();
    await expectNoAxeViolations(page, 'the import page');

    await page.locator('input[type="file"]').setInputFiles({
      name: 'pochva.gift.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from(GIFT, 'utf8'),
    });
    await page.getByRole('combobox', { name: t(lang, 'interchange.categoryLabel'), exact: true }).click();
    await page.getByRole('option', { name: world.categoryName }).click();
    await page.getByRole('button', { name: exact(t(lang, 'interchange.check')) }).click();

    await expectPreviewCounts(page, { total: 3, accepted: 2, refused: 1, images: 0, encoding: 'utf-8' });
    const refused = page.getByRole('region', { name: t(lang, 'interchange.refusedTitle', { count: 1 }) });
    await expect
      .poll(() => refused.getByRole('row').nth(1).textContent())
      .toContain('Жауаптар жақшасы «{» жабылмаған.');
    await expect.poll(() => refused.getByRole('row').nth(1).textContent()).toContain('Сломанный');
    await expect
      .poll(() => page.getByRole('region', { name: t(lang, 'interchange.categoriesTitle') }).textContent())
      .toContain('Почвоведение / Кислотность');
    await expectNoAxeViolations(page, 'the import preview');

    // Nothing is in the bank before the confirmation.
    const session = await apiSignIn(world.teacher.login, world.teacher.password);
    const before = await session.call<{ total: number }>(
      'GET',
      `/api/v1/disciplines/${world.disciplineId}/questions`,
    );
    expect(before.total).toBe(0);

    await page.getByRole('button', { name: exact(t(lang, 'interchange.confirm', { count: 2 })) }).click();
    const done = page.getByRole('status').filter({ hasText: t(lang, 'interchange.done') });
    await done.waitFor();
    await expect
      .poll(() => done.textContent())
      .toContain(t(lang, 'interchange.doneText', { count: 2, images: 0 }));
    await expectNoAxeViolations(page, 'the finished import');

    const after = await session.call<{ total: number; items: { type: string; text: { kk: string } }[] }>(
      'GET',
      `/api/v1/disciplines/${world.disciplineId}/questions`,
    );
    expect(after.total).toBe(2);
    expect(after.items.map((q) => [q.type, q.text.kk]).sort()).toEqual([
      ['single', 'Какой pH лучше всего для пшеницы?'],
      ['truefalse', 'Известкование снижает кислотность почвы.'],
    ]);
  });

  it('shows the real progress of a 10,000-question file: reading, then writing question by batch', async () => {
    const session = await apiSignIn(world.teacher.login, world.teacher.password);
    const cat = await newCategory(session, world.disciplineId, 'Үлкен банк ');
    const categoryName = cat.name;
    const lines: string[] = [];
    for (let i = 1; i <= 10_000; i++)
      lines.push(`::С${i}::Бидай ${i} — дәнді дақыл ма?{=иә ~жоқ ~білмеймін}`, '');

    const page = await openTransfer();
    // Every state the bar passes through, as the page shows it.
    await page.evaluate(() => {
      const seen: { phase: string; now: number; text: string }[] = [];
      (window as unknown as { seen: typeof seen }).seen = seen;
      new MutationObserver(() => {
        const bar = document.querySelector('[role="progressbar"]');
        if (!bar) return;
        const entry = {
          phase:
            bar.closest('[data-phase]')?.getAttribute('data-phase') ?? bar.getAttribute('data-phase') ?? '',
          now: Number(bar.getAttribute('aria-valuenow')),
          text: bar.getAttribute('aria-valuetext') ?? '',
        };
        const last = seen.at(-1);
        if (!last || last.phase !== entry.phase || last.now !== entry.now || last.text !== entry.text)
          seen.push(entry);
      }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    });
    await page.locator('input[type="file"]').setInputFiles({
      name: 'big.gift.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from(lines.join('\n'), 'utf8'),
    });
    await page.getByRole('combobox', { name: t(lang, 'interchange.categoryLabel'), exact: true }).click();
    await page.getByRole('option', { name: categoryName }).click();
    await page.getByRole('button', { name: exact(t(lang, 'interchange.check')) }).click();
    const preview = page.getByRole('status').filter({ hasText: t(lang, 'interchange.previewTitle') });
    await preview.waitFor({ timeout: 60_000 });
    await expectNoAxeViolations(page, 'the preview of a large file, with its pages');
    await page
      .getByRole('button', { name: exact(t(lang, 'interchange.confirm', { count: 10_000 })) })
      .click();
    const done = page.getByRole('status').filter({ hasText: t(lang, 'interchange.done') });
    await done.waitFor({ timeout: 120_000 });
    await expect
      .poll(() => done.textContent())
      .toContain(t(lang, 'interchange.doneText', { count: 10_000, images: 0 }));

    const seen = await page.evaluate(
      () => (window as unknown as { seen: { phase: string; now: number; text: string }[] }).seen,
    );
    const phases = seen.map((s) => s.phase).filter((p, i, all) => p !== all[i - 1]);
    // Check: upload, read; confirm: upload, read, save — in that order.
    expect(phases).toEqual(['upload', 'read', 'upload', 'read', 'save']);
    const saving = seen.filter((s) => s.phase === 'save');
    // The bar moved with the batches actually written, not a spinner: values between 0 and 100.
    expect(saving.some((s) => s.now > 0 && s.now < 100)).toBe(true);
    expect(saving.map((s) => s.now)).toEqual([...saving.map((s) => s.now)].sort((a, b) => a - b));
    // The bar's last state is a late batch: the last ones can arrive with the result in one
    // chunk and be drawn in one render. Its text says the count its value shows.
    const last = saving.at(-1)!;
    expect(last.now).toBeGreaterThanOrEqual(50);
    expect(last.text).toBe(
      t(lang, 'interchange.saving', { done: Math.round(last.now * 100), total: 10_000 }),
    );
    const listed = await session.call<{ total: number }>(
      'GET',
      `/api/v1/disciplines/${world.disciplineId}/questions?categoryId=${cat.id}&pageSize=1`,
    );
    expect(listed.total).toBe(10_000);
  });

  it('announces a file in the wrong encoding, then reads it as Windows-1251 — all by keyboard', async () => {
    const session = await apiSignIn(world.teacher.login, world.teacher.password);
    const cat = await newCategory(session, world.disciplineId, 'Платонус ');
    const categoryName = cat.name;
    const page = await openTransfer();
    await page.locator('input[type="file"]').setInputFiles({
      name: 'tests-1251.txt',
      mimeType: 'text/plain',
      buffer: fs.readFileSync(FIXTURE_1251),
    });
    const format = page.getByRole('combobox', { name: t(lang, 'interchange.formatLabel'), exact: true });
    await expect.poll(() => format.inputValue()).toBe(t(lang, 'interchange.format.platonus'));
    await chooseByKeyboard(page, t(lang, 'interchange.encodingLabel'), 'UTF-8');
    await chooseByKeyboard(page, t(lang, 'interchange.categoryLabel'), categoryName);
    const check = page.getByRole('button', { name: exact(t(lang, 'interchange.check')) });
    await check.focus();
    await page.keyboard.press('Enter');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect((await alert.textContent())?.trim()).toBe(
      'Файл UTF-8 кодтауында емес. Windows-1251 кодтауын таңдап көріңіз.',
    );
    await expectNoAxeViolations(page, 'the import page refusing an encoding');

    await chooseByKeyboard(page, t(lang, 'interchange.encodingLabel'), 'Windows-1251');
    await check.focus();
    await page.keyboard.press('Enter');
    await expectPreviewCounts(page, {
      total: 2,
      accepted: 2,
      refused: 0,
      images: 0,
      encoding: 'windows-1251',
    });
    expect(await page.getByRole('alert').count()).toBe(0);
    const items = page.getByRole('region', { name: t(lang, 'interchange.itemsTitle', { count: 2 }) });
    await expect
      .poll(() => items.getByRole('row').nth(1).textContent())
      .toContain('Сорт пшеницы, районированный в Акмолинской области:');
    const confirm = page.getByRole('button', { name: exact(t(lang, 'interchange.confirm', { count: 2 })) });
    await confirm.focus();
    await page.keyboard.press('Enter');
    await page
      .getByRole('status')
      .filter({ hasText: t(lang, 'interchange.done') })
      .waitFor();
    const listed = await session.call<{ items: { text: { kk: string } }[] }>(
      'GET',
      `/api/v1/disciplines/${world.disciplineId}/questions?categoryId=${cat.id}`,
    );
    expect(listed.items.map((q) => q.text.kk).sort()).toEqual([
      'Какая норма высева пшеницы (млн всхожих зёрен на га)?',
      'Сорт пшеницы, районированный в Акмолинской области:',
    ]);
  });
});

/** Opens a select from the keyboard and moves to the option with the arrow keys, then Enter. */
async function chooseByKeyboard(page: Page, label: string, option: string) {
  const box = page.getByRole('combobox', { name: label, exact: true });
  await box.focus();
  await page.keyboard.press('ArrowDown');
  const wanted = page.getByRole('option', { name: option, exact: true });
  await wanted.waitFor();
  for (let i = 0; i < 20 && (await wanted.getAttribute('data-combobox-selected')) === null; i++) {
    await page.keyboard.press('ArrowDown');
  }
  await page.keyboard.press('Enter');
  await expect.poll(() => box.inputValue()).toBe(option);
}
