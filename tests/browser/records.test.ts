import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  academicGroup,
  addDays,
  almatyToday,
  approvedCurrentCalendar,
  createProgramme,
  facultyWithDepartment,
  offering,
  periodOf,
} from './academics-api.ts';
import {
  adminApi,
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

async function choose(page: Page, label: string, option: string) {
  await input(page, label).first().click();
  await page.getByRole('option').filter({ hasText: option }).first().click();
}

type Entry = { id: string; code: string };

/**
 * A distance programme of this year's intake with an approved curriculum (one compulsory
 * discipline and an elective block A of two), a group of it, and the faculty's people.
 */
async function world() {
  const admin = await adminApi();
  const { facultyId, departmentId } = await facultyWithDepartment();
  const intakeYear = Number(almatyToday().slice(0, 4));
  const programme = await createProgramme(admin, departmentId, 'distance');
  const curriculum = await admin.call<{ id: string }>(
    'POST',
    `/api/v1/programmes/${programme.id}/curricula`,
    {
      intakeYear,
    },
  );
  const entries: Entry[] = [];
  const names = [
    { kk: 'Өсімдік шаруашылығы', ru: 'Растениеводство', en: 'Crop production', component: 'compulsory' },
    { kk: 'Тыңайтқыштар', ru: 'Удобрения', en: 'Fertilizers', component: 'elective' },
    { kk: 'Суару жүйелері', ru: 'Системы орошения', en: 'Irrigation systems', component: 'elective' },
  ];
  for (const n of names) {
    entries.push(
      await admin.call<Entry>('POST', `/api/v1/curricula/${curriculum.id}/disciplines`, {
        code: uniq('AGR'),
        name: { kk: n.kk, ru: n.ru, en: n.en },
        departmentId,
        credits: 5,
        yearOfStudy: 1,
        // the compulsory one runs this trimester (the calendar's second)
        periodNumber: n.component === 'compulsory' ? 2 : 3,
        component: n.component,
        ...(n.component === 'elective' ? { electiveBlock: 'A' } : {}),
        finalControl: 'exam',
        controlActivities: [],
      }),
    );
  }
  await admin.call('POST', `/api/v1/curricula/${curriculum.id}/approve`);
  const group = await academicGroup(programme.id, intakeYear, []);
  return { admin, facultyId, programme, curriculumId: curriculum.id, entries, group, intakeYear };
}

type World = Awaited<ReturnType<typeof world>>;

/** Admits learners by order through the API (as the DL institute would). */
async function admit(w: World, people: CreatedUser[]) {
  await w.admin.call('POST', '/api/v1/admissions', {
    order: { number: uniq('Қ-'), orderDate: almatyToday(), signerId: w.admin.user.id },
    programmeId: w.programme.id,
    intakeYear: w.intakeYear,
    groupId: w.group.id,
    dltCategory: 'shortened_after_tvet',
    funding: 'state',
    learners: people.map((p) => ({ userId: p.id })),
  });
}

describe('learner records', () => {
  it('the DL institute admits a group from a spreadsheet: row errors first, then preview and apply', async () => {
    const w = await world();
    const director = await createUser({
      roles: ['dl_institute_director'],
      surname: 'Директорова',
      givenName: 'Гүлнар',
    });
    const people = [
      await createUser({ roles: ['learner'], surname: 'Әлиев', givenName: 'Бауыржан' }),
      await createUser({ roles: ['learner'], surname: 'Жақсыбекова', givenName: 'Дана' }),
      await createUser({ roles: ['learner'], surname: 'Серікұлы', givenName: 'Ерлан' }),
    ];
    const page = await signedIn(director);
    await page.goto('/records/admission');
    await page.getByRole('heading', { name: exact(t(lang, 'records.admission.title')) }).waitFor();
    await input(page, t(lang, 'records.orders.number')).fill('12-Қ');
    await choose(page, t(lang, 'records.fields.programme'), w.programme.code);
    await choose(page, t(lang, 'records.fields.group'), w.group.code);
    await choose(
      page,
      t(lang, 'records.fields.dltCategory'),
      t(lang, 'academics.enum.dltCategory.shortened_after_tvet'),
    );

    const upload = async (content: string) => {
      const chooser = page.waitForEvent('filechooser');
      await page.getByRole('button', { name: t(lang, 'records.admission.sheet') }).click();
      await (await chooser).setFiles({
        name: 'admission.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(content),
      });
    };
    // A login nobody has: the whole list is refused, the bad row named by line and column.
    await upload(`login\n${people[0]!.login}\nnobody-${uniq()}\n${people[2]!.login}\n`);
    await page.getByRole('button', { name: exact(t(lang, 'records.admission.check')) }).click();
    const rows = page.getByTestId('import-errors').locator('tbody').getByRole('row');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(1);
    const cells = await rows.first().getByRole('cell').allInnerTexts();
    expect(cells.slice(0, 2)).toEqual(['3', 'login']);
    expect(cells[2]).toBe('Мұндай білім алушы жоқ.');
    await expectNoAxeViolations(page, 'admission with a bad row');
    const card = await w.admin.call<{ status: string | null }>(
      'GET',
      `/api/v1/learners/${people[0]!.id}/card`,
    );
    expect(card.status).toBeNull();

    await upload(`login\n${people.map((p) => p.login).join('\n')}\n`);
    await page.getByRole('button', { name: exact(t(lang, 'records.admission.check')) }).click();
    const preview = page.getByTestId('admission-preview');
    await preview.waitFor();
    expect((await preview.getByRole('listitem').allInnerTexts()).sort()).toEqual(
      people.map((p) => p.login).sort(),
    );
    await expectNoAxeViolations(page, 'admission preview');
    await page.getByRole('button', { name: t(lang, 'records.admission.apply_other', { count: 3 }) }).click();
    await page.getByText(t(lang, 'records.admission.done_other', { count: 3 })).waitFor();
    await expectNoAxeViolations(page, 'admission done');
    for (const p of people) {
      const c = await w.admin.call<{ status: string; group: { id: string } }>(
        'GET',
        `/api/v1/learners/${p.id}/card`,
      );
      expect(c.status).toBe('studying');
      expect(c.group.id).toBe(w.group.id);
    }

    // The card shows the admission order.
    await page.getByRole('link', { name: people[1]!.login }).click();
    const history = page.getByRole('table', { name: t(lang, 'records.orders.caption') });
    await history.getByRole('cell', { name: '12-Қ', exact: true }).waitFor();
    await expectNoAxeViolations(page, 'learner card');
  }, 240_000);

  it('the dean’s office puts a learner on academic leave, and the learner sees why courses are closed', async () => {
    const w = await world();
    const learner = await createUser({ roles: ['learner'], surname: 'Нұрланова', givenName: 'Ая' });
    await admit(w, [learner]);
    const calendar = await approvedCurrentCalendar('distance');
    const course = await offering({
      periodId: periodOf(calendar, 2).id,
      entryId: w.entries[0]!.id,
      groupIds: [w.group.id],
      teacherIds: [],
    });
    const office = await createUser({
      roles: [{ code: 'deans_office_staff', scopeType: 'org_unit', scopeId: w.facultyId }],
      surname: 'Деканатова',
      givenName: 'Сәуле',
    });
    const page = await signedIn(office);
    await page.goto('/records/learners');
    await input(page, t(lang, 'records.learners.search')).fill('Нұрланова');
    await page.getByRole('link', { name: 'Нұрланова Ая' }).click();
    await page.getByRole('heading', { name: 'Нұрланова Ая' }).waitFor();
    await page.getByRole('button', { name: exact(t(lang, 'records.orders.new')) }).click();
    const dialog = page.getByRole('dialog');
    await input(dialog, t(lang, 'records.orders.number')).fill('45-Д');
    await input(dialog, t(lang, 'records.orders.leaveTo')).fill(addDays(almatyToday(), 180));
    await input(dialog, t(lang, 'records.orders.reason')).fill('Денсаулығына байланысты');
    await expectNoAxeViolations(page, 'order form');
    await dialog.getByRole('button', { name: exact(t(lang, 'records.orders.sign')) }).click();
    await dialog.waitFor({ state: 'detached' });
    const history = page.getByRole('table', { name: t(lang, 'records.orders.caption') });
    await history.getByRole('cell', { name: '45-Д', exact: true }).waitFor();
    await page.getByText(t(lang, 'records.status.academic_leave')).first().waitFor();
    await expectNoAxeViolations(page, 'card after the leave order');

    const own = await signedIn(learner);
    await own.goto('/my-courses');
    const notice = own.getByRole('status').filter({ hasText: t(lang, 'records.card.accessClosed') });
    await notice.waitFor();
    expect(await notice.innerText()).toMatch(/академиялық демалыстасыз/);
    await expectNoAxeViolations(own, 'my courses on leave');
    // The course itself answers with the reason, in the learner's language.
    await own.goto(`/academics/offerings/${course.id}`);
    const refusal = own.getByRole('alert').filter({ hasText: /академиялық демалыстасыз/ });
    await refusal.waitFor();
    await expectNoAxeViolations(own, 'a course while on leave');
    await own.goto('/my-courses');
    await notice.getByRole('link', { name: t(lang, 'records.card.seeRecord') }).click();
    await own.getByRole('heading', { name: exact(t(lang, 'records.card.myTitle')) }).waitFor();
    await own.getByRole('cell', { name: '45-Д', exact: true }).waitFor();
    await expectNoAxeViolations(own, 'my record');
  }, 240_000);

  it('a learner chooses electives and the advisor approves the plan', async () => {
    const w = await world();
    const learner = await createUser({ roles: ['learner'], surname: 'Төлегенов', givenName: 'Арман' });
    await admit(w, [learner]);
    await w.admin.call('PUT', `/api/v1/curricula/${w.curriculumId}/elective-windows/1`, {
      opensOn: addDays(almatyToday(), -1),
      closesOn: addDays(almatyToday(), 10),
      rules: [{ block: 'A', choose: 1 }],
    });
    const advisor = await createUser({
      roles: [{ code: 'advisor', scopeType: 'group', scopeId: w.group.id }],
      surname: 'Эдвайзерова',
      givenName: 'Мәдина',
    });

    const own = await signedIn(learner);
    await own.goto('/my-study-plan');
    await own.getByRole('heading', { name: exact(t(lang, 'records.plan.myTitle')) }).waitFor();
    await own.getByRole('checkbox', { name: /Суару жүйелері/ }).check();
    await expectNoAxeViolations(own, 'my study plan');
    await own.getByRole('button', { name: exact(t(lang, 'records.plan.submit')) }).click();
    await own.getByText(t(lang, 'records.plan.submitted')).waitFor();
    await own.getByText(t(lang, 'records.planStatus.submitted')).first().waitFor();

    const page = await signedIn(advisor);
    await page.goto('/records/study-plans');
    await page.getByRole('link', { name: 'Төлегенов Арман' }).click();
    await page
      .getByRole('heading', { name: t(lang, 'records.plan.titleOf', { name: 'Төлегенов Арман' }) })
      .waitFor();
    expect(await page.getByRole('checkbox', { name: /Суару жүйелері/ }).isChecked()).toBe(true);
    await expectNoAxeViolations(page, 'plan for the advisor');
    await page.getByRole('button', { name: exact(t(lang, 'records.plan.approve')) }).click();
    await page.getByText(t(lang, 'records.plan.decided')).waitFor();
    await page.getByText(t(lang, 'records.planStatus.approved')).first().waitFor();
    const plan = await w.admin.call<{ status: string }>('GET', `/api/v1/learners/${learner.id}/study-plan`);
    expect(plan.status).toBe('approved');
  }, 240_000);

  it('the dean’s office downloads a category scan and changes a paid contract from the card', async () => {
    const w = await world();
    const learner = await createUser({ roles: ['learner'], surname: 'Шартова', givenName: 'Гүлнар' });
    // The DL institute uploads the scan and admits the learner to paid study.
    const form = new FormData();
    form.append('file', new Blob([Buffer.from('%PDF-1.4\n%scan\n')]), 'diploma.pdf');
    const up = await fetch(new URL('/api/v1/admissions/documents', baseUrl()), {
      method: 'POST',
      headers: { cookie: w.admin.cookie, 'x-csrf-token': w.admin.csrfToken },
      body: form,
    });
    expect(up.status).toBe(201);
    const scan = (await up.json()) as { id: string };
    await w.admin.call('POST', '/api/v1/admissions', {
      order: { number: uniq('Қ-'), orderDate: almatyToday(), signerId: w.admin.user.id },
      programmeId: w.programme.id,
      intakeYear: w.intakeYear,
      groupId: w.group.id,
      dltCategory: 'shortened_after_tvet',
      funding: 'paid',
      documentFileIds: [scan.id],
      learners: [
        {
          userId: learner.id,
          contract: { number: 'Д-77', from: almatyToday(), to: addDays(almatyToday(), 300), amount: 650000 },
        },
      ],
    });
    const office = await createUser({
      roles: [{ code: 'deans_office_staff', scopeType: 'org_unit', scopeId: w.facultyId }],
      surname: 'Деканатова',
      givenName: 'Ләззат',
    });
    const page = await signedIn(office);
    await page.goto(`/records/learners/${learner.id}`);
    await page.getByRole('heading', { name: 'Шартова Гүлнар' }).waitFor();
    const link = page.getByRole('link', {
      name: t(lang, 'records.card.downloadDocument', { name: 'diploma.pdf' }),
    });
    await link.waitFor();
    const href = await link.getAttribute('href');
    expect(href).toBe(`/api/v1/learners/${learner.id}/documents/${scan.id}`);
    const download = await page.request.get(href!);
    expect(download.status()).toBe(200);
    expect((await download.body()).toString('latin1')).toContain('%PDF-1.4');
    await expectNoAxeViolations(page, 'card with documents');

    await page.getByRole('button', { name: exact(t(lang, 'records.contract.change')) }).click();
    const dialog = page.getByRole('dialog', { name: t(lang, 'records.contract.title') });
    await dialog.waitFor();
    // A wrong amount is refused on the spot.
    await input(dialog, t(lang, 'records.admission.contractAmount')).fill('көп');
    await dialog.getByRole('button', { name: exact(t(lang, 'records.contract.save')) }).click();
    await dialog.getByText(t(lang, 'records.contract.badAmount')).waitFor();
    await expectNoAxeViolations(page, 'contract form with an error');
    await input(dialog, t(lang, 'records.admission.contractAmount')).fill('700000');
    await choose(page, t(lang, 'records.contract.status'), t(lang, 'records.contract.statuses.suspended'));
    await input(dialog, t(lang, 'records.contract.note')).fill('Төлем кешіктірілді');
    await dialog.getByRole('button', { name: exact(t(lang, 'records.contract.save')) }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText(t(lang, 'records.contract.statuses.suspended'), { exact: false }).first().waitFor();
    const card = await w.admin.call<{ profile: { contract: { status: string; amount: string } } }>(
      'GET',
      `/api/v1/learners/${learner.id}/card`,
    );
    expect(card.profile.contract).toMatchObject({ status: 'suspended', amount: '700000.00' });
    await expectNoAxeViolations(page, 'card after the contract change');
  }, 240_000);
});
