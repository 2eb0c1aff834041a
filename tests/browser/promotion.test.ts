import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  academicGroup,
  academicStartYearOf,
  almatyToday,
  createProgramme,
  facultyWithDepartment,
} from './academics-api.ts';
import {
  adminApi,
  baseUrl,
  type CreatedUser,
  createUser,
  exact,
  expectNoAxeViolations,
  type Lang,
  setUpBrowser,
  signInThroughPage,
  t,
  uniq,
} from './support.ts';

const browser = setUpBrowser();

type Group = { id: string; code: string; name: string };
let registrar: CreatedUser;
let programme: { id: string; code: string };
let moving: Group;
let staying: Group;
let people: Record<string, CreatedUser>;
/** The academic year just ended: last year's intake finished year 1 in it. */
const startYear = academicStartYearOf(almatyToday()) - 1;

/**
 * A distance programme of last year's intake (year 1 and year 2 in its curriculum), two
 * groups of year 1 admitted by order, and a migrated year-1 grade for one learner:
 * Абенова (90 → A-, promoted); Бөкеев (no grade: below the transfer GPA, in the group
 * that moves, so he repeats year 1); Жұмағали (no grade, alone in the other group, which
 * stays in year 1 and can take those who repeat it).
 */
beforeAll(async () => {
  const admin = await adminApi();
  const { departmentId } = await facultyWithDepartment();
  programme = await createProgramme(admin, departmentId, 'distance');
  const curriculum = await admin.call<{ id: string }>(
    'POST',
    `/api/v1/programmes/${programme.id}/curricula`,
    {
      intakeYear: startYear,
    },
  );
  const codes: string[] = [];
  for (const [yearOfStudy, name] of [
    [1, { kk: 'Топырақтану', ru: 'Почвоведение', en: 'Soil science' }],
    [2, { kk: 'Өсімдік шаруашылығы', ru: 'Растениеводство', en: 'Crop production' }],
  ] as const) {
    const e = await admin.call<{ code: string }>('POST', `/api/v1/curricula/${curriculum.id}/disciplines`, {
      code: uniq('AGR'),
      name,
      departmentId,
      credits: 5,
      yearOfStudy,
      periodNumber: 1,
      component: 'compulsory',
      finalControl: 'exam',
      controlActivities: [],
    });
    codes.push(e.code);
  }
  await admin.call('POST', `/api/v1/curricula/${curriculum.id}/approve`);
  moving = await academicGroup(programme.id, startYear, []);
  staying = await academicGroup(programme.id, startYear, []);
  people = {};
  for (const [surname, givenName, group] of [
    ['Абенова', 'Дана', moving],
    ['Бөкеев', 'Ерлан', moving],
    ['Жұмағали', 'Нұрлан', staying],
  ] as const) {
    const p = await createUser({ roles: ['learner'], surname, givenName });
    people[surname] = p;
    await admin.call('POST', '/api/v1/admissions', {
      order: { number: uniq('Қ-'), orderDate: almatyToday(), signerId: admin.user.id },
      programmeId: programme.id,
      intakeYear: startYear,
      groupId: group.id,
      dltCategory: 'shortened_after_tvet',
      funding: 'state',
      learners: [{ userId: p.id }],
    });
  }
  const csv = [
    'learner_id;discipline_code;period;percent;credits',
    `${people.Абенова!.login};${codes[0]};${startYear}-${startYear + 1}/1;90;5`,
  ].join('\n');
  const form = new FormData();
  form.append('mode', 'apply');
  form.append('file', new Blob([Buffer.from(csv)]), 'grades.csv');
  const imported = await fetch(new URL('/api/v1/past-grades/import', baseUrl()), {
    method: 'POST',
    headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrfToken },
    body: form,
  });
  expect(imported.status, await imported.clone().text()).toBe(200);
  registrar = await createUser({
    roles: ['registrar'],
    surname: 'Тіркеуова',
    givenName: 'Гүлнар',
    preferredLanguage: 'ru',
  });
});

/** Focuses a field by its label and types, as a keyboard user would after tabbing to it. */
async function typeInto(page: Page, label: string, text: string) {
  const box = page
    .getByRole('textbox', { name: label, exact: true })
    .or(page.getByRole('spinbutton', { name: label, exact: true }));
  await box.first().focus();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(text);
}

/** Opens a Mantine select with the keyboard, filters by typing, and picks the first match with Enter. */
async function chooseByKeyboard(page: Page, label: string, text: string) {
  const box = page
    .getByRole('textbox', { name: label, exact: true })
    .or(page.getByRole('combobox', { name: label, exact: true }));
  await box.first().focus();
  await page.keyboard.press('ArrowDown');
  if (text) await page.keyboard.type(text);
  await page.getByRole('option').filter({ hasText: text }).first().waitFor();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
}

describe('promotion page', () => {
  it('the registrar previews, sees the reasons, picks the repeat group, confirms, then undoes the mistaken order — by keyboard, axe-clean at each step', async () => {
    const lang: Lang = 'ru';
    const page = await browser.newPage();
    await page.goto('/sign-in');
    await page.getByRole('button', { name: t('kk', 'language.label', { language: 'Қазақша' }) }).click();
    await page.getByRole('menuitem', { name: 'Русский' }).click();
    await signInThroughPage(page, lang, registrar.login, registrar.password);
    await page.getByRole('heading', { name: exact(t(lang, 'home.title')) }).waitFor();
    await page.goto('/promotion');
    await page.getByRole('heading', { level: 1, name: exact(t(lang, 'progress.promotion.title')) }).waitFor();
    await expectNoAxeViolations(page, 'promotion: empty');

    // Which learners: the programme, year 1, the academic year just ended.
    await chooseByKeyboard(page, t(lang, 'progress.promotion.programme'), programme.code);
    await typeInto(page, t(lang, 'progress.promotion.startYear'), String(startYear));
    await page.getByRole('button', { name: exact(t(lang, 'progress.promotion.preview')) }).focus();
    await page.keyboard.press('Enter');

    const row = (name: string) => page.getByRole('row').filter({ hasText: name });
    await row('Абенова')
      .filter({ hasText: t(lang, 'progress.promotion.promoted') })
      .waitFor();
    await row('Абенова').filter({ hasText: '3.67' }).waitFor();
    await row('Бөкеев')
      .filter({ hasText: t(lang, 'progress.promotion.reason.gpaBelowTransfer') })
      .filter({ hasText: t(lang, 'progress.promotion.repeats', { year: 1 }) })
      .waitFor();
    await row('Жұмағали')
      .filter({ hasText: t(lang, 'progress.promotion.reason.gpaBelowTransfer') })
      .waitFor();
    expect(await row('Жұмағали').textContent()).not.toContain(
      t(lang, 'progress.promotion.repeats', { year: 1 }),
    );
    await expectNoAxeViolations(page, 'promotion: preview');

    // The order, and the group for those repeating year 1: the group that stays.
    await typeInto(page, t(lang, 'progress.promotion.orderNumber'), 'П-17');
    const repeatLabel = t(lang, 'progress.promotion.repeatGroup', { group: moving.name, count: 1 });
    const repeatBox = page.getByRole('combobox', { name: repeatLabel, exact: true });
    const chosen = () =>
      repeatBox.evaluate((el) => (el as HTMLSelectElement).selectedOptions[0]?.textContent ?? '');
    expect(await chosen()).toBe(t(lang, 'progress.promotion.newRepeatGroup', { code: `${moving.code}-R` }));
    await repeatBox.focus();
    await page.keyboard.press('ArrowDown');
    expect(await chosen()).toContain(staying.code);
    await expectNoAxeViolations(page, 'promotion: order filled');

    await page.getByRole('button', { name: exact(t(lang, 'progress.promotion.confirm')) }).focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: t(lang, 'progress.promotion.confirmTitle') });
    await dialog.waitFor();
    await expectNoAxeViolations(page, 'promotion: confirm dialog');
    await dialog.getByRole('button', { name: exact(t(lang, 'progress.promotion.confirm')) }).focus();
    await page.keyboard.press('Enter');

    const done = page.getByRole('status').filter({ hasText: t(lang, 'progress.promotion.doneTitle') });
    await done.waitFor();
    await done
      .getByText(t(lang, 'progress.promotion.repeatDone_one', { count: 1, groups: staying.code }))
      .waitFor();
    await expectNoAxeViolations(page, 'promotion: done');

    // Бөкеев is now in the group that stays in year 1; Абенова's group is in year 2.
    const admin = await adminApi();
    const card = await admin.call<{ group: { id: string } | null }>(
      'GET',
      `/api/v1/learners/${people.Бөкеев!.id}/card`,
    );
    expect(card.group?.id).toBe(staying.id);
    const promoted = await admin.call<{ group: { id: string; yearOfStudy: number } | null }>(
      'GET',
      `/api/v1/learners/${people.Абенова!.id}/card`,
    );
    expect(promoted.group).toMatchObject({ id: moving.id, yearOfStudy: 2 });

    // The order was a mistake: nothing happened in year 2 yet, so the registrar undoes it.
    const undoNumber = page.getByRole('textbox', { name: t(lang, 'progress.promotion.undo.orderToUndo') });
    expect(await undoNumber.inputValue()).toBe('П-17');
    await typeInto(page, t(lang, 'progress.promotion.undo.cancellationNumber'), 'П-18');
    await typeInto(page, t(lang, 'progress.promotion.undo.reason'), 'Ошибка в списке');
    await page.getByRole('button', { name: exact(t(lang, 'progress.promotion.undo.confirm')) }).focus();
    await page.keyboard.press('Enter');
    const undoDialog = page.getByRole('dialog', { name: t(lang, 'progress.promotion.undo.confirmTitle') });
    await undoDialog.waitFor();
    await undoDialog.getByRole('button', { name: exact(t(lang, 'progress.promotion.undo.confirm')) }).focus();
    await page.keyboard.press('Enter');
    await page
      .getByRole('status')
      .filter({ hasText: t(lang, 'progress.promotion.undo.doneTitle') })
      .waitFor();
    await expectNoAxeViolations(page, 'promotion: undone');
    const back = await admin.call<{ group: { id: string; yearOfStudy: number } | null }>(
      'GET',
      `/api/v1/learners/${people.Бөкеев!.id}/card`,
    );
    expect(back.group).toMatchObject({ id: moving.id, yearOfStudy: 1 });
  }, 240_000);
});
