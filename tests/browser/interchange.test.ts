import { beforeAll, describe, expect, it } from 'vitest';
import {
  academicGroup,
  approvedCurrentCalendar,
  approvedCurriculum,
  facultyWithDepartment,
  offering,
  periodOf,
} from './academics-api.ts';
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

/** A small GIFT bank written for this test: two good questions and one whose braces never close. */
const GIFT = `$CATEGORY: $course$/top/Почвоведение/Кислотность

::pH::Какой pH лучше всего для пшеницы?{=6,0–7,5#Верно ~3,0–4,0 ~9,0–10,0}

::Сломанный::Этот вопрос забыл закрыть скобку{=да ~нет

::Кальций::Известкование снижает кислотность почвы.{TRUE}
`;

let world: { disciplineId: string; categoryId: string; categoryName: string; teacher: CreatedUser };

beforeAll(async () => {
  const { departmentId } = await facultyWithDepartment();
  const calendar = await approvedCurrentCalendar('full_time');
  const { programme, entry } = await approvedCurriculum({
    departmentId,
    studyForm: 'full_time',
    intakeYear: calendar.startYear,
    periodNumber: 2,
    discipline: { kk: 'Топырақтану', ru: 'Почвоведение', en: 'Soil science' },
    controlActivities: [{ kind: 'rk1', title: 'РК1', dueWeek: 7 }],
  });
  const group = await academicGroup(programme.id, calendar.startYear, []);
  const teacher = await createUser({ surname: 'Оқытушыбаев', givenName: 'Ерлан' });
  await offering({
    periodId: periodOf(calendar, 2).id,
    entryId: entry.id,
    groupIds: [group.id],
    teacherIds: [teacher.id],
  });
  const session = await apiSignIn(teacher.login, teacher.password);
  const categoryName = uniq('Банк ');
  const cat = await session.call<{ id: string }>(
    'POST',
    `/api/v1/disciplines/${entry.disciplineId}/question-categories`,
    {
      name: categoryName,
    },
  );
  world = { disciplineId: entry.disciplineId, categoryId: cat.id, categoryName, teacher };
});

describe('question import', () => {
  it('previews a GIFT file with one refused question, then imports the rest into the bank', async () => {
    const page = await browser.newPage();
    await page.goto('/sign-in');
    await signInThroughPage(page, lang, world.teacher.login, world.teacher.password);
    await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
    await page.goto(`/teach/banks/${world.disciplineId}/transfer`);
    await page.getByRole('heading', { level: 1, name: exact(t(lang, 'interchange.title')) }).waitFor();
    await expectNoAxeViolations(page, 'the import page');

    await page.locator('input[type="file"]').setInputFiles({
      name: 'pochva.gift.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from(GIFT, 'utf8'),
    });
    await page.getByRole('combobox', { name: t(lang, 'interchange.categoryLabel'), exact: true }).click();
    await page.getByRole('option', { name: world.categoryName }).click();
    await page.getByRole('button', { name: exact(t(lang, 'interchange.check')) }).click();

    const status = page.getByRole('status').filter({ hasText: t(lang, 'interchange.previewTitle') });
    await status.waitFor();
    await expect
      .poll(() => status.textContent())
      .toContain(
        t(lang, 'interchange.previewCounts', {
          total: 3,
          accepted: 2,
          refused: 1,
          images: 0,
          encoding: 'utf-8',
        }),
      );
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
});
