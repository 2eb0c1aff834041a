import { describe, expect, it } from 'vitest';
import {
  academicGroup,
  academicStartYearOf,
  almatyToday,
  approvedCurrentCalendar,
  createProgramme,
  facultyWithDepartment,
  learners,
  offering,
  periodOf,
} from './academics-api.ts';
import {
  adminApi,
  apiSignIn,
  baseUrl,
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

/** The next academic year's approved distance calendar (September to August). */
async function nextYearCalendar(startYear: number) {
  const admin = await adminApi();
  const existing = await admin.request<{ calendar: { id: string } }>(
    'GET',
    `/api/v1/calendar?studyForm=distance&year=${startYear}`,
  );
  if (existing.status === 200) return existing.body.calendar;
  const y = startYear;
  const n = y + 1;
  const tri = (number: number, start: string, end: string) => ({
    kind: 'trimester',
    number,
    start,
    end,
    events: [{ kind: 'exam_session', start: end, end }],
  });
  const year = await admin.call<{ id: string }>('POST', '/api/v1/academic-years', {
    startYear: y,
    studyForm: 'distance',
    periods: [
      tri(1, `${y}-09-01`, `${y}-12-05`),
      tri(2, `${y}-12-07`, `${n}-03-13`),
      tri(3, `${n}-03-15`, `${n}-06-19`),
    ],
  });
  return admin.call<{ id: string }>('POST', `/api/v1/academic-years/${year.id}/approve`);
}

describe('academic structure over the year', () => {
  it('staff edit a programme, see and search an offering’s learners, find a group and move it up a year', async () => {
    const { departmentId } = await facultyWithDepartment();
    const staff = await createUser({
      roles: ['dl_institute_staff'],
      surname: 'Жылдықова',
      givenName: 'Әсел',
    });
    const staffApi = await apiSignIn(staff.login, staff.password);
    const admin = await adminApi();
    const intake = academicStartYearOf(almatyToday());
    const programme = await createProgramme(staffApi, departmentId, 'distance');
    const curriculum = await admin.call<{ id: string }>(
      'POST',
      `/api/v1/programmes/${programme.id}/curricula`,
      {
        intakeYear: intake,
      },
    );
    const discipline = (yearOfStudy: number, kk: string) =>
      admin.call<{ id: string; code: string }>('POST', `/api/v1/curricula/${curriculum.id}/disciplines`, {
        code: uniq('AGR'),
        name: { kk, ru: kk, en: kk },
        departmentId,
        credits: 5,
        yearOfStudy,
        periodNumber: 1,
        component: 'compulsory',
        finalControl: 'exam',
      });
    const first = await discipline(1, 'Топырақтану негіздері');
    const second = await discipline(2, 'Өсімдік шаруашылығы');
    await admin.call('POST', `/api/v1/curricula/${curriculum.id}/approve`);
    const calendar = await approvedCurrentCalendar('distance');
    await nextYearCalendar(academicStartYearOf(almatyToday()) + 1);
    const people = await learners([
      ['Бекұлы', 'Арман'],
      ['Әбенова', 'Дана'],
      ['Ахметова', 'Сая'],
    ]);
    const group = await academicGroup(
      programme.id,
      intake,
      people.map((p) => p.id),
    );
    // This year's course, in trimester 1 that is already over.
    const past = await offering({
      periodId: periodOf(calendar, 1).id,
      entryId: first.id,
      groupIds: [group.id],
      teacherIds: [],
    });

    // The programme is edited: its Kazakh name changes.
    const page = await signedIn(staff);
    await page.goto(`/academics/programmes/${programme.id}`);
    await page.getByRole('button', { name: exact(t(lang, 'academics.programmes.edit')) }).click();
    const dialog = page.getByRole('dialog', {
      name: t(lang, 'academics.programmes.editTitle', { code: programme.code }),
    });
    await dialog.waitFor();
    const newName = `Агрономия (қысқартылған) ${programme.code}`;
    await input(dialog, t(lang, 'academics.fields.nameKk')).fill(newName);
    await expectNoAxeViolations(page, 'programme edit dialog');
    await dialog.getByRole('button', { name: exact(t(lang, 'common.save')) }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page
      .getByRole('heading', {
        level: 1,
        name: exact(t(lang, 'academics.programmes.pageTitle', { code: programme.code, name: newName })),
      })
      .waitFor();
    const saved = await staffApi.call<{ name: { kk: string }; version: number }>(
      'GET',
      `/api/v1/programmes/${programme.id}`,
    );
    expect(saved).toMatchObject({ name: { kk: newName }, version: 2 });

    // The offering's learners, in Kazakh order, then searched.
    await page.goto(`/academics/offerings/${past.id}`);
    const section = page.getByRole('region', { name: t(lang, 'academics.offerings.learnersTitle') });
    const table = section.getByRole('table', { name: t(lang, 'academics.offerings.learnersCaption') });
    await table.getByRole('cell', { name: exact('Бекұлы Арман') }).waitFor();
    const names = await table.locator('tbody tr td:first-child').allInnerTexts();
    expect(names).toEqual(['Ахметова Сая', 'Әбенова Дана', 'Бекұлы Арман']);
    await expectNoAxeViolations(page, 'offering learners');
    await input(section, t(lang, 'academics.common.search')).fill('Бек');
    await section.getByText(exact(t(lang, 'academics.common.found_one', { count: 1 }))).waitFor();
    expect(await table.locator('tbody tr').count()).toBe(1);

    // The group is found by search and moved up a year: next year's offering opens for it.
    await page.goto('/academics/groups');
    await input(page, t(lang, 'academics.common.search')).fill(group.code);
    const groups = page.getByRole('table', { name: t(lang, 'academics.groups.caption') });
    await page.getByText(exact(t(lang, 'academics.common.found_one', { count: 1 }))).waitFor();
    expect(await groups.locator('tbody tr').count()).toBe(1);
    await expectNoAxeViolations(page, 'groups searched');
    await groups
      .getByRole('button', {
        name: exact(t(lang, 'academics.groups.advanceOf', { code: group.code, year: 2 })),
      })
      .click();
    const move = page.getByRole('dialog', {
      name: t(lang, 'academics.groups.advanceTitle', { code: group.code, year: 2 }),
    });
    const plan = move.getByRole('table', { name: t(lang, 'academics.groups.advanceCaption', { year: 2 }) });
    await plan.getByRole('cell', { name: `${second.code} Өсімдік шаруашылығы` }).waitFor();
    await expectNoAxeViolations(page, 'move up a year preview');
    expect(
      (
        await staffApi.call<{ items: Array<{ yearOfStudy: number }> }>(
          'GET',
          `/api/v1/academic-groups?q=${group.code}`,
        )
      ).items[0]!.yearOfStudy,
    ).toBe(1);
    await move
      .getByRole('button', { name: exact(t(lang, 'academics.groups.advanceConfirm', { year: 2 })) })
      .click();
    await move.getByText(t(lang, 'academics.groups.advanced', { year: 2 })).waitFor();
    await expectNoAxeViolations(page, 'moved up a year');
    await move
      .getByRole('button', { name: exact(t(lang, 'common.close')) })
      .last()
      .click();
    await groups
      .getByRole('cell', { name: exact('2') })
      .first()
      .waitFor();

    const mine = await apiSignIn(people[0]!.login, people[0]!.password);
    const courses = await mine.call<{ items: Array<{ disciplineCode: string; readOnly: boolean }> }>(
      'GET',
      '/api/v1/me/courses?include=all',
    );
    expect(courses.items.map((c) => [c.disciplineCode, c.readOnly]).sort()).toEqual(
      [
        [first.code, true],
        [second.code, false],
      ].sort(),
    );
  }, 240_000);

  it('a certificate is recorded with its scan, which opens; a file that is not a scan is refused', async () => {
    const staff = await createUser({
      roles: ['dl_institute_staff'],
      surname: 'Тіркеуова',
      givenName: 'Мөлдір',
    });
    const teacher = await createUser({ surname: 'Оқытушыев', givenName: 'Ерлан' });
    const page = await signedIn(staff);
    await page.goto('/academics/certificates');
    const record = page.getByRole('region', { name: t(lang, 'academics.certificates.recordTitle') });
    await input(record, t(lang, 'academics.certificates.teacher')).first().fill(teacher.login);
    await page.getByRole('option').filter({ hasText: teacher.login }).first().click();
    await page.keyboard.press('Escape');
    await input(record, t(lang, 'academics.certificates.number')).fill('ҚБТ-2026-017');
    await input(record, t(lang, 'academics.certificates.issuer')).fill('С. Сейфуллин атындағы ҚАТУ');
    await record.getByLabel(t(lang, 'academics.certificates.issuedOn')).fill('2026-02-10');
    await record.getByLabel(t(lang, 'academics.certificates.expiresOn')).fill('2029-02-10');

    // A text file dressed as a PDF is refused, and nothing is recorded.
    const fileInput = record.locator('input[type="file"]');
    await fileInput.setInputFiles({
      name: 'scan.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('not a scan'),
    });
    await record.getByRole('button', { name: exact(t(lang, 'academics.certificates.record')) }).click();
    await record.getByRole('alert').filter({ hasText: 'PDF, JPEG' }).waitFor();
    await expectNoAxeViolations(page, 'scan refused');
    const staffApi = await apiSignIn(staff.login, staff.password);
    const none = await staffApi.call<{ items: unknown[] }>('GET', `/api/v1/users/${teacher.id}/certificates`);
    expect(none.items).toEqual([]);

    // A real PDF goes through.
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
    await fileInput.setInputFiles({ name: 'сертификат.pdf', mimeType: 'application/pdf', buffer: pdf });
    await record.getByRole('button', { name: exact(t(lang, 'academics.certificates.record')) }).click();
    await record.getByText(t(lang, 'academics.certificates.recorded')).waitFor();
    const link = record.getByRole('link', {
      name: t(lang, 'academics.certificates.openScanOf', { number: 'ҚБТ-2026-017' }),
    });
    await link.waitFor();
    await expectNoAxeViolations(page, 'certificate with scan');
    const href = await link.getAttribute('href');
    const res = await fetch(new URL(href!, baseUrl()), { headers: { cookie: staffApi.cookie } });
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(pdf)).toBe(true);
  }, 120_000);

  it('DL-institute staff draft a calendar in the editor: a wrong row is pointed out, then the draft saves', async () => {
    const staff = await createUser({
      roles: ['dl_institute_staff'],
      surname: 'Күнтізбеков',
      givenName: 'Ерлан',
    });
    const admin = await adminApi();
    // A year with no blended calendar yet in this database.
    let y = 0;
    for (;;) {
      y = 2040 + Math.floor(Math.random() * 55);
      const taken = await admin.call<{ items: unknown[] }>(
        'GET',
        `/api/v1/academic-years?startYear=${y}&studyForm=blended`,
      );
      if (taken.items.length === 0) break;
    }
    const n = y + 1;
    const page = await signedIn(staff);
    await page.goto(`/academics/calendars?year=${y}&studyForm=blended`);
    await page
      .getByRole('heading', { level: 1, name: exact(t(lang, 'academics.calendar.manageTitle')) })
      .waitFor();
    await page.getByRole('button', { name: exact(t(lang, 'academics.calendar.newDraft')) }).click();
    const editor = page.getByRole('region', { name: t(lang, 'academics.calendar.newDraft') });
    await editor.waitFor();
    await expectNoAxeViolations(page, 'calendar editor');

    const start = t(lang, 'academics.fields.start');
    const end = t(lang, 'academics.fields.end');
    const dates: [string, string][] = [
      [`${y}-09-01`, `${y}-12-05`],
      [`${y}-12-07`, `${n}-03-13`],
      [`${n}-03-15`, `${n}-06-19`],
    ];
    for (const [i, [a, b]] of dates.entries()) {
      const label = t(lang, 'academics.calendar.trimesterN', { n: i + 1 });
      const period = editor.getByRole('group', { name: label, exact: true });
      // The first trimester ends before it starts: the API names that row.
      await period.getByLabel(start).first().fill(a);
      await period
        .getByLabel(end)
        .first()
        .fill(i === 0 ? `${y}-08-01` : b);
      const exam = period.getByRole('group', {
        name: t(lang, 'academics.calendar.eventN', { period: label, n: 1 }),
      });
      await exam.getByLabel(start).fill(b);
      await exam.getByLabel(end).fill(b);
    }
    await editor.getByRole('button', { name: exact(t(lang, 'academics.calendar.saveDraft')) }).click();
    const first = editor.getByRole('group', {
      name: t(lang, 'academics.calendar.trimesterN', { n: 1 }),
      exact: true,
    });
    await first.getByRole('alert').first().waitFor();
    await expectNoAxeViolations(page, 'calendar editor with a refused row');
    const none = await admin.call<{ items: unknown[] }>(
      'GET',
      `/api/v1/academic-years?startYear=${y}&studyForm=blended`,
    );
    expect(none.items).toHaveLength(0);

    // Corrected with the keyboard, the draft saves and its page opens.
    const firstEnd = first.getByLabel(end).first();
    await firstEnd.focus();
    await firstEnd.fill(dates[0]![1]);
    await editor.getByRole('button', { name: exact(t(lang, 'academics.calendar.saveDraft')) }).focus();
    await page.keyboard.press('Enter');
    await page
      .getByRole('heading', {
        level: 1,
        name: exact(
          t(lang, 'academics.calendar.yearTitle', {
            year: `${y}–${n}`,
            studyForm: t(lang, 'academics.enum.studyForm.blended'),
          }),
        ),
      })
      .waitFor();
    await expectNoAxeViolations(page, 'drafted calendar');
    const saved = await admin.call<{ items: { status: string }[] }>(
      'GET',
      `/api/v1/academic-years?startYear=${y}&studyForm=blended`,
    );
    expect(saved.items.map((i) => i.status)).toEqual(['draft']);
  });
});
