import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  type AcademicYear,
  academicGroup,
  addDays,
  almatyToday,
  approvedCurriculum,
  createProgramme,
  currentCalendarBody,
  facultyWithDepartment,
  learners,
  periodOf,
} from './academics-api.ts';
import {
  apiSignIn,
  type CreatedUser,
  createUser,
  exact,
  expectNoAxeViolations,
  input,
  setUpBrowser,
  signedIn as signedInAs,
  t,
  uniq,
} from './support.ts';

const browser = setUpBrowser();
const lang = 'kk';

const signedIn = (user: CreatedUser) => signedInAs(browser, user, lang);

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

  it('Academic Affairs approve the calendar, offerings are generated for a programme, the learner sees courses and exam; an uncertified teacher is refused', async () => {
    const { departmentId } = await facultyWithDepartment();
    const discipline = { kk: 'Егіншілік', ru: 'Земледелие', en: 'Arable farming' };
    const staff = await createUser({
      roles: ['dl_institute_staff'],
      surname: 'Жоспарова',
      givenName: 'Мадина',
    });
    const affairs = await createUser({
      roles: ['academic_affairs_director'],
      surname: 'Академова',
      givenName: 'Сәуле',
    });
    const staffApi = await apiSignIn(staff.login, staff.password);

    // A draft calendar of this academic year for distance learning, made by the DL institute.
    const body = currentCalendarBody('distance');
    const existing = await staffApi.request(
      'GET',
      `/api/v1/calendar?studyForm=distance&year=${body.startYear}`,
    );
    const draft = await staffApi.call<AcademicYear>(
      'POST',
      '/api/v1/academic-years',
      existing.status === 200 ? { ...body, reason: 'Емтихан сессиясы ауысты' } : body,
    );

    // The Academic Affairs director approves it.
    const aad = await signedIn(affairs);
    await aad.goto(`/academics/calendars/${draft.id}`);
    await aad
      .getByRole('heading', {
        level: 1,
        name: exact(
          t(lang, 'academics.calendar.yearTitle', {
            year: `${body.startYear}–${body.startYear + 1}`,
            studyForm: t(lang, 'academics.enum.studyForm.distance'),
          }),
        ),
      })
      .waitFor();
    await expectNoAxeViolations(aad, 'draft calendar');
    await aad.getByRole('button', { name: exact(t(lang, 'academics.calendar.approve')) }).click();
    const dialog = aad.getByRole('dialog', { name: t(lang, 'academics.calendar.approveTitle') });
    await dialog.getByRole('button', { name: exact(t(lang, 'academics.calendar.approve')) }).click();
    await dialog.waitFor({ state: 'hidden' });
    await aad
      .getByRole('alert')
      .filter({ hasText: t(lang, 'academics.calendar.approvedTitle') })
      .getByText('Академова Сәуле', { exact: false })
      .waitFor();
    await expectNoAxeViolations(aad, 'approved calendar');
    const calendar = await staffApi.call<AcademicYear>('GET', `/api/v1/academic-years/${draft.id}`);
    expect(calendar.status).toBe('approved');

    // A programme with an approved curriculum for trimester 2 and a group with a learner.
    const { programme, entry } = await approvedCurriculum({
      departmentId,
      studyForm: 'distance',
      intakeYear: body.startYear,
      periodNumber: 2,
      discipline,
      controlActivities: [{ kind: 'rk1', title: 'РК1', dueWeek: 7 }],
    });
    const [learner] = (await learners([['Тұрсынова', 'Гүлім']])) as [CreatedUser];
    const group = await academicGroup(programme.id, body.startYear, [learner.id]);

    // Staff generate the programme's offerings for trimester 2: a preview, then apply.
    const page = await signedIn(staff);
    await page.goto(`/academics/offerings?programmeId=${programme.id}`);
    await page
      .getByRole('heading', { level: 1, name: exact(t(lang, 'academics.offerings.title')) })
      .waitFor();
    await page.getByRole('button', { name: exact(t(lang, 'academics.offerings.generate')) }).click();
    const gen = page.getByRole('region', { name: t(lang, 'academics.offerings.generateTitle') });
    await gen.waitFor();
    await choose(
      page,
      gen,
      t(lang, 'academics.fields.period'),
      t(lang, 'academics.calendar.trimesterN', { n: 2 }),
    );
    await expectNoAxeViolations(page, 'generate offerings form');
    await gen.getByRole('button', { name: exact(t(lang, 'academics.offerings.preview')) }).click();
    await gen
      .getByText(t(lang, 'academics.offerings.previewSummary_one', { count: 1, existing: 0 }))
      .waitFor();
    const planned = gen.getByRole('table', { name: t(lang, 'academics.offerings.previewCaption') });
    await planned.getByRole('cell', { name: exact(entry.code) }).waitFor();
    await expectNoAxeViolations(page, 'generate preview');
    expect(
      (await staffApi.call<{ total: number }>('GET', `/api/v1/offerings?programmeId=${programme.id}`)).total,
    ).toBe(0);
    await gen
      .getByRole('button', { name: exact(t(lang, 'academics.offerings.apply_one', { count: 1 })) })
      .click();
    await gen
      .getByText(t(lang, 'academics.offerings.appliedSummary_one', { count: 1, existing: 0 }))
      .waitFor();
    await expectNoAxeViolations(page, 'offerings generated');
    const made = await staffApi.call<{ items: Array<{ id: string; groupIds: string[]; periodId: string }> }>(
      'GET',
      `/api/v1/offerings?programmeId=${programme.id}`,
    );
    expect(made.items.map((o) => o.groupIds)).toEqual([[group.id]]);
    const offeringId = made.items[0]!.id;
    expect(made.items[0]!.periodId).toBe(periodOf(calendar, 2).id);

    // The group is enrolled, and its exam is put in the session's timetable.
    await staffApi.call('POST', `/api/v1/offerings/${offeringId}/enrolments`, { groupId: group.id });
    const examDay = addDays(almatyToday(), 62);
    await staffApi.call('POST', '/api/v1/exam-timetable', {
      periodId: periodOf(calendar, 2).id,
      entries: [
        {
          disciplineId: entry.disciplineId,
          offeringId,
          groupIds: [group.id],
          examinerIds: [staff.id],
          startsAt: `${examDay}T10:00:00+05:00`,
          endsAt: `${examDay}T12:00:00+05:00`,
          onlineUrl: 'https://exam.example.test/room',
        },
      ],
    });

    // An uncertified teacher is refused for this distance offering, with the reason shown.
    const teacher = await createUser({ surname: 'Сертификатсыз', givenName: 'Нұржан' });
    await page.goto(`/academics/offerings/${offeringId}`);
    const staffForm = page.getByRole('region', { name: t(lang, 'academics.offerings.staffTitle') });
    await staffForm.waitFor();
    await input(staffForm, t(lang, 'academics.fields.teachers')).first().fill(teacher.login);
    await page.getByRole('option').filter({ hasText: teacher.login }).first().click();
    await page.keyboard.press('Escape');
    await staffForm.getByRole('button', { name: exact(t(lang, 'common.save')) }).click();
    const refusal = staffForm
      .getByRole('alert')
      .filter({ hasText: t(lang, 'academics.offerings.uncertifiedTitle') });
    await refusal.getByText(t(lang, 'academics.offerings.uncertifiedNoWaive')).waitFor();
    await expectNoAxeViolations(page, 'uncertified teacher refused');
    const offering = await staffApi.call<{ teacherIds: string[] }>('GET', `/api/v1/offerings/${offeringId}`);
    expect(offering.teacherIds).toEqual([]);

    // The learner sees the course and, in the calendar, the exam.
    const mine = await signedIn(learner);
    await mine.goto('/my-courses');
    await mine
      .getByRole('heading', { level: 1, name: exact(t(lang, 'academics.myCourses.title')) })
      .waitFor();
    await mine
      .getByRole('heading', { level: 2 })
      .getByRole('link', { name: exact(discipline.kk) })
      .waitFor();
    await expectNoAxeViolations(mine, 'my courses');
    await mine.goto('/calendar');
    await mine
      .getByRole('heading', { level: 1, name: exact(t(lang, 'academics.calendar.myTitle')) })
      .waitFor();
    const exams = mine.getByRole('table', {
      name: t(lang, 'academics.calendar.examsOf', {
        period: t(lang, 'academics.calendar.trimesterN', { n: 2 }),
      }),
    });
    await exams.getByRole('cell', { name: `${entry.code} ${discipline.kk}` }).waitFor();
    await expectNoAxeViolations(mine, 'my calendar');
  });
});
