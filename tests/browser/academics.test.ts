import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createProgramme, facultyWithDepartment } from './academics-api.ts';
import {
  apiSignIn,
  type CreatedUser,
  createUser,
  exact,
  expectNoAxeViolations,
  setUpBrowser,
  signInThroughPage,
  t,
  uniq,
} from './support.ts';

const browser = setUpBrowser();
const lang = 'kk';

async function signedIn(user: CreatedUser): Promise<Page> {
  const page = await browser.newPage();
  await page.goto('/sign-in');
  await signInThroughPage(page, lang, user.login, user.password);
  await page.getByRole('heading', { name: exact(t(lang, 'home.title')) }).waitFor();
  return page;
}

/** A text field or a select (combobox) by its accessible name. */
const input = (scope: Page | Locator, name: string) =>
  scope
    .getByRole('textbox', { name, exact: true })
    .or(scope.getByRole('combobox', { name, exact: true }))
    .or(scope.getByRole('spinbutton', { name, exact: true }));

/** Opens a select by its label and picks the option whose text contains `option`. */
async function choose(page: Page, scope: Page | Locator, label: string, option: string) {
  await input(scope, label).first().click();
  await page.getByRole('option').filter({ hasText: option }).first().click();
}

describe('academic structure', () => {
  it('DL-institute staff build a curriculum with control activities and the director approves it', async () => {
    const { departmentId, departmentCode } = await facultyWithDepartment();
    const staff = await createUser({
      roles: ['dl_institute_staff'],
      surname: 'Қызметкерова',
      givenName: 'Аида',
    });
    const director = await createUser({
      roles: ['dl_institute_director'],
      surname: 'Директоров',
      givenName: 'Бақыт',
    });
    const staffApi = await apiSignIn(staff.login, staff.password);
    const programme = await createProgramme(staffApi, departmentId, 'distance');

    // The programme page → a new curriculum for this year's intake.
    const page = await signedIn(staff);
    await page.goto(`/academics/programmes/${programme.id}`);
    await page
      .getByRole('heading', {
        level: 1,
        name: exact(
          t(lang, 'academics.programmes.pageTitle', { code: programme.code, name: programme.name.kk }),
        ),
      })
      .waitFor();
    await expectNoAxeViolations(page, 'programme page');
    const intake = Number(await input(page, t(lang, 'academics.fields.intakeYear')).inputValue());
    await page.getByRole('button', { name: exact(t(lang, 'academics.curricula.create')) }).click();
    await page
      .getByRole('heading', {
        level: 1,
        name: exact(
          t(lang, 'academics.curricula.title', {
            programme: `${programme.code} ${programme.name.kk}`,
            year: intake,
          }),
        ),
      })
      .waitFor();
    await page.getByText(t(lang, 'academics.curricula.empty')).waitFor();
    await expectNoAxeViolations(page, 'new curriculum');

    // A new discipline with two control activities.
    const code = uniq('AGR');
    const form = page.getByRole('region', { name: t(lang, 'academics.curricula.addTitle') });
    await input(form, t(lang, 'academics.fields.disciplineCode')).fill(code);
    await choose(page, form, t(lang, 'academics.fields.department'), `(${departmentCode})`);
    await input(form, t(lang, 'academics.fields.nameKk')).fill('Өсімдік шаруашылығы');
    await input(form, t(lang, 'academics.fields.nameRu')).fill('Растениеводство');
    await input(form, t(lang, 'academics.fields.nameEn')).fill('Crop production');
    await input(form, t(lang, 'academics.fields.credits')).fill('6');
    await input(form, t(lang, 'academics.fields.periodNumber')).fill('2');
    const addActivity = form.getByRole('button', { name: exact(t(lang, 'academics.curricula.addActivity')) });
    await addActivity.click();
    const first = form.getByRole('group', { name: t(lang, 'academics.curricula.activityN', { n: 1 }) });
    await input(first, t(lang, 'academics.fields.activityTitle')).fill('Зертханалық жұмыс 1');
    await input(first, t(lang, 'academics.fields.dueWeek')).fill('4');
    await addActivity.click();
    const second = form.getByRole('group', { name: t(lang, 'academics.curricula.activityN', { n: 2 }) });
    await choose(
      page,
      second,
      t(lang, 'academics.fields.activityKind'),
      t(lang, 'academics.enum.activityKind.rk1'),
    );
    await input(second, t(lang, 'academics.fields.activityTitle')).fill('Аралық бақылау 1');
    await input(second, t(lang, 'academics.fields.dueWeek')).fill('7');
    await expectNoAxeViolations(page, 'discipline form filled');
    await form.getByRole('button', { name: exact(t(lang, 'academics.curricula.add')) }).click();

    const table = page.getByRole('table', { name: t(lang, 'academics.curricula.caption') });
    const row = table.getByRole('row').filter({ hasText: code });
    await row.waitFor();
    await row
      .getByText(
        t(lang, 'academics.curricula.activityLine', {
          kind: t(lang, 'academics.enum.activityKind.rk1'),
          title: 'Аралық бақылау 1',
          week: 7,
          weight: 1,
        }),
      )
      .waitFor();
    await page.getByText(t(lang, 'academics.curricula.summary', { count: 1, credits: 6 })).waitFor();
    await expectNoAxeViolations(page, 'curriculum with a discipline');
    const curriculumUrl = new URL(page.url()).pathname;
    // Staff do not approve.
    expect(
      await page.getByRole('button', { name: exact(t(lang, 'academics.curricula.approve')) }).count(),
    ).toBe(0);

    // The director approves it.
    const dir = await signedIn(director);
    await dir.goto(curriculumUrl);
    await dir.getByRole('button', { name: exact(t(lang, 'academics.curricula.approve')) }).click();
    const dialog = dir.getByRole('dialog', { name: t(lang, 'academics.curricula.approveTitle') });
    await dialog.waitFor();
    await expectNoAxeViolations(dir, 'approve curriculum dialog');
    await dialog.getByRole('button', { name: exact(t(lang, 'academics.curricula.approve')) }).click();
    await dialog.waitFor({ state: 'hidden' });
    const approved = dir.getByRole('alert').filter({ hasText: t(lang, 'academics.curricula.approvedTitle') });
    await approved.getByText('Директоров Бақыт', { exact: false }).waitFor();
    await expectNoAxeViolations(dir, 'approved curriculum');

    const listed = await staffApi.call<{ items: Array<{ id: string; status: string }> }>(
      'GET',
      `/api/v1/programmes/${programme.id}/curricula`,
    );
    expect(listed.items.map((c) => c.status)).toEqual(['approved']);
    const saved = await staffApi.call<{
      entries: Array<{ code: string; credits: number; periodNumber: number; controlActivities: unknown[] }>;
    }>('GET', `/api/v1/curricula/${listed.items[0]!.id}`);
    expect(saved.entries).toMatchObject([
      {
        code,
        credits: 6,
        periodNumber: 2,
        controlActivities: [
          { kind: 'current', title: 'Зертханалық жұмыс 1', dueWeek: 4, weight: 1 },
          { kind: 'rk1', title: 'Аралық бақылау 1', dueWeek: 7, weight: 1 },
        ],
      },
    ]);
  });
});
