import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  apiSignIn,
  type CreatedUser,
  createUser,
  exact,
  expectNoAxeViolations,
  setUpBrowser,
  signedIn as signedInAs,
  t,
} from './support.ts';
import { teachingWorld } from './worlds.ts';

const browser = setUpBrowser();
const lang = 'kk';
const W5 = 'Апта 5 — жазбаша тапсырма';
const TITLE = 'Топырақ үлгісін талдау';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

let world: {
  offeringId: string;
  activityId: string;
  disciplineId: string;
  departmentId: string;
  teacher: CreatedUser;
  learner: CreatedUser;
};

beforeAll(async () => {
  const w = await teachingWorld({
    discipline: { kk: 'Агрохимия', ru: 'Агрохимия', en: 'Agrochemistry' },
    controlActivities: [
      { kind: 'current', title: W5, dueWeek: 5 },
      { kind: 'rk1', title: 'РК1', dueWeek: 7 },
      { kind: 'rk2', title: 'РК2', dueWeek: 14 },
    ],
    learners: [['Сейітова', 'Ботагөз']],
    teacher: { surname: 'Жұмабеков', givenName: 'Асқар' },
  });
  const { departmentId, entry, teacher, offering: o } = w;
  const learner = w.learners[0];
  const session = await apiSignIn(teacher.login, teacher.password);
  const journal = await session.call<{ activities: Array<{ id: string; title: string }> }>(
    'GET',
    `/api/v1/offerings/${o.id}/journal`,
  );
  world = {
    offeringId: o.id,
    disciplineId: entry.disciplineId,
    departmentId,
    activityId: journal.activities.find((a) => a.title === W5)!.id,
    teacher,
    learner: learner!,
  };
});

const signedIn = (user: CreatedUser) => signedInAs(browser, user, lang);

const local = (d: Date) => d.toISOString().slice(0, 16);

/** The learner attaches a PDF to the work and waits until it is listed. */
async function attachPdf(page: Page, name: string) {
  await page.locator('input[type=file]').setInputFiles({ name, mimeType: 'application/pdf', buffer: PDF });
  await page
    .getByRole('list', { name: t(lang, 'assignments.attachedFiles') })
    .getByText(name)
    .waitFor();
}

describe('written assignments', () => {
  it('a teacher sets one with a rubric, a learner hands in a PDF, the teacher grades and releases, the grade reaches the learner and the journal', async () => {
    // The teacher sets the assignment.
    const teacher = await signedIn(world.teacher);
    await teacher.goto(`/assignments/new/${world.offeringId}`);
    await teacher.getByRole('heading', { name: exact(t(lang, 'assignments.form.title')) }).waitFor();
    await teacher.getByLabel(t(lang, 'assignments.field.title')).fill(TITLE);
    await teacher
      .getByLabel(t(lang, 'assignments.field.instructions'))
      .fill('Зертханалық есепті PDF түрінде тапсырыңыз.');
    await teacher.getByLabel(t(lang, 'assignments.field.activity')).selectOption({ label: W5 });
    await teacher
      .getByLabel(t(lang, 'assignments.field.dueAt'))
      .fill(local(new Date(Date.now() + 7 * 86_400_000)));
    await teacher
      .getByLabel(t(lang, 'assignments.field.rubric'))
      .fill('Мазмұны | Әлсіз = 20 | Жақсы = 60\nРәсімделуі | Әлсіз = 10 | Жақсы = 40');
    await expectNoAxeViolations(teacher, 'new assignment form');
    await teacher.getByRole('button', { name: exact(t(lang, 'assignments.form.create')) }).click();
    await teacher.getByRole('heading', { name: exact(TITLE) }).waitFor();
    const assignmentUrl = teacher.url();

    // The learner hands in a PDF.
    const learner = await signedIn(world.learner);
    await learner.goto('/assignments');
    await learner.getByRole('link', { name: exact(TITLE) }).click();
    await learner.getByRole('heading', { name: exact(TITLE) }).waitFor();
    await learner.getByText(t(lang, 'assignments.state.notStarted')).waitFor();
    await attachPdf(learner, 'есеп.pdf');
    await expectNoAxeViolations(learner, 'learner work');
    await learner.getByRole('button', { name: exact(t(lang, 'assignments.submit')) }).click();
    await learner.getByText(t(lang, 'assignments.state.submitted')).first().waitFor();

    // The teacher grades by the rubric and releases.
    await teacher.goto(assignmentUrl);
    await teacher.getByRole('link', { name: 'Сейітова Ботагөз' }).click();
    await teacher.getByRole('heading', { name: exact(t(lang, 'assignments.marking')) }).waitFor();
    await teacher.getByRole('radiogroup', { name: 'Мазмұны' }).getByLabel('Жақсы (60)').check();
    await teacher.getByRole('radiogroup', { name: 'Рәсімделуі' }).getByLabel('Әлсіз (10)').check();
    await teacher.getByLabel(t(lang, 'assignments.overallComment')).fill('Қорытындысы жақсы.');
    await expectNoAxeViolations(teacher, 'marking a work');
    await teacher.getByRole('button', { name: exact(t(lang, 'assignments.saveGrade')) }).click();
    await teacher.getByText(t(lang, 'assignments.gradeSaved')).waitFor();
    await teacher.getByRole('button', { name: exact(t(lang, 'assignments.releaseOne')) }).click();
    await teacher.getByText(t(lang, 'assignments.releasedOne')).waitFor();

    // The learner sees the grade.
    await learner.reload();
    await learner
      .getByTestId('grade')
      .getByText(t(lang, 'assignments.scoreOf', { score: '70.00', max: '100.00' }))
      .waitFor();
    await learner.getByText(t(lang, 'assignments.state.graded')).first().waitFor();
    await expectNoAxeViolations(learner, 'learner sees the grade');

    // The journal cell of the control activity is filled by the released grade.
    const session = await apiSignIn(world.teacher.login, world.teacher.password);
    let score: string | null = null;
    for (let i = 0; i < 60 && score === null; i++) {
      const j = await session.call<{ rows: Array<{ cells: Record<string, { score: string | null }> }> }>(
        'GET',
        `/api/v1/offerings/${world.offeringId}/journal`,
      );
      score = j.rows[0]?.cells[world.activityId]?.score ?? null;
      if (score === null) await new Promise((r) => setTimeout(r, 500));
    }
    expect(score).toBe('70.00');
  });

  it('a teacher changes an assignment: the form comes filled, refusals are shown per field, a concurrent change is caught', async () => {
    const session = await apiSignIn(world.teacher.login, world.teacher.password);
    const due = new Date(Date.now() + 10 * 86_400_000).toISOString();
    const created = await session.call<{ id: string }>(
      'POST',
      `/api/v1/offerings/${world.offeringId}/assignments`,
      {
        title: 'Егістік топырағының құнарлылығы',
        instructions: '<p>Бірінші бөлім.</p><p><strong>Екінші</strong> бөлім.</p>',
        dueAt: due,
        submissionKind: 'text',
        maxScore: 50,
        rubric: {
          criteria: [
            { id: 'content', title: 'Мазмұны', levels: [{ id: 'good', title: 'Жақсы', points: 30 }] },
            { id: 'form', title: 'Рәсімделуі', levels: [{ id: 'good', title: 'Жақсы', points: 20 }] },
          ],
        },
      },
    );
    const teacher = await signedIn(world.teacher);
    await teacher.goto(`/assignments/${created.id}`);
    await teacher.getByRole('link', { name: exact(t(lang, 'assignments.edit')) }).click();
    await teacher.getByRole('heading', { name: exact(t(lang, 'assignments.form.editTitle')) }).waitFor();
    const title = teacher.getByLabel(t(lang, 'assignments.field.title'));
    expect(await title.inputValue()).toBe('Егістік топырағының құнарлылығы');
    // The instructions open in the visual editor with their formatting.
    const instructions = teacher.getByRole('textbox', {
      name: exact(t(lang, 'assignments.field.instructions')),
    });
    await instructions.locator('strong', { hasText: 'Екінші' }).waitFor();
    expect(await instructions.locator('p').allTextContents()).toEqual(['Бірінші бөлім.', 'Екінші бөлім.']);
    expect(await teacher.getByLabel(t(lang, 'assignments.field.rubric')).inputValue()).toBe(
      'Мазмұны | Жақсы = 30\nРәсімделуі | Жақсы = 20',
    );
    await expectNoAxeViolations(teacher, 'editing an assignment');

    // A refusal lands on its field and is announced.
    await teacher.getByLabel(t(lang, 'assignments.field.maxScore')).fill('60');
    await teacher.getByRole('button', { name: exact(t(lang, 'assignments.form.save')) }).click();
    await teacher.getByRole('alert').first().waitFor();
    await teacher.locator('textarea[aria-invalid="true"]').waitFor();
    await expectNoAxeViolations(teacher, 'an assignment refused');
    await teacher.getByLabel(t(lang, 'assignments.field.maxScore')).fill('50');

    // Someone else saves meanwhile: this save is refused, and the latest can be loaded.
    const latest = await session.call<Record<string, unknown>>('GET', `/api/v1/assignments/${created.id}`);
    await session.call('PUT', `/api/v1/assignments/${created.id}`, {
      ...latest,
      attachmentIds: [],
      maxScore: 50,
      latePenaltyPerDay: 0,
      latePenaltyMax: 0,
      title: 'Топырақ құнарлылығы (жаңартылған)',
      id: undefined,
      offeringId: undefined,
      attachments: undefined,
      version: undefined,
      canManage: undefined,
    });
    await title.fill('Менің атауым');
    await teacher.getByRole('button', { name: exact(t(lang, 'assignments.form.save')) }).click();
    await teacher.getByRole('button', { name: exact(t(lang, 'assignments.form.reload')) }).click();
    await expect.poll(() => title.inputValue()).toBe('Топырақ құнарлылығы (жаңартылған)');
    await title.fill('Топырақ құнарлылығын бағалау');
    await teacher.getByRole('button', { name: exact(t(lang, 'assignments.form.save')) }).click();
    await teacher.getByRole('heading', { name: exact('Топырақ құнарлылығын бағалау') }).waitFor();
    await teacher.getByText('Екінші').first().waitFor();
    const after = await session.call<{ instructions: string; rubric: { criteria: Array<{ id: string }> } }>(
      'GET',
      `/api/v1/assignments/${created.id}`,
    );
    // The untouched instructions and rubric went back as they were.
    expect(after.instructions).toBe('<p>Бірінші бөлім.</p><p><strong>Екінші</strong> бөлім.</p>');
    expect(after.rubric.criteria.map((c) => c.id)).toEqual(['content', 'form']);
  });

  it('an assignment fills its placeholder on the course page: the learner sees its title, deadline and their state there', async () => {
    // The complex has an approved assignment placeholder in week 5.
    const session = await apiSignIn(world.teacher.login, world.teacher.password);
    const section = await session.call<{ id: string }>(
      'POST',
      `/api/v1/disciplines/${world.disciplineId}/content/sections`,
      { kind: 'week', title: { kk: '5-апта. Топырақ құнарлылығы' } },
    );
    const placeholder = await session.call<{ id: string }>(
      'POST',
      `/api/v1/content/sections/${section.id}/materials`,
      {
        kind: 'assignment',
        body: { kk: { title: 'Зертханалық жұмыс орны', html: '<p>Тапсырма осында шығады.</p>' } },
      },
    );
    await session.call('POST', `/api/v1/content/materials/${placeholder.id}/submit`);
    const reviewer = await createUser({
      surname: 'Оспанова',
      givenName: 'Гүлнар',
      roles: [{ code: 'reviewer', scopeType: 'org_unit', scopeId: world.departmentId }],
    });
    const review = await apiSignIn(reviewer.login, reviewer.password);
    await review.call('POST', `/api/v1/content/materials/${placeholder.id}/review`, { decision: 'approve' });

    // The teacher sets the assignment in that place.
    const title = 'Қара топырақтағы гумус мөлшері';
    const teacher = await signedIn(world.teacher);
    await teacher.goto(`/assignments/new/${world.offeringId}`);
    await teacher.getByRole('heading', { name: exact(t(lang, 'assignments.form.title')) }).waitFor();
    await teacher.getByLabel(t(lang, 'assignments.field.title')).fill(title);
    const place = teacher.getByLabel(t(lang, 'assignments.field.placement'));
    await place.locator('option', { hasText: 'Зертханалық жұмыс орны' }).waitFor({ state: 'attached' });
    await place.selectOption({ label: '5-апта. Топырақ құнарлылығы · Зертханалық жұмыс орны' });
    await teacher
      .getByLabel(t(lang, 'assignments.field.dueAt'))
      .fill(local(new Date(Date.now() + 5 * 86_400_000)));
    await teacher.getByRole('button', { name: exact(t(lang, 'assignments.form.create')) }).click();
    await teacher.getByRole('heading', { name: exact(title) }).waitFor();

    // The learner finds it on the course page, in the placeholder, and opens it from there.
    const learner = await signedIn(world.learner);
    await learner.goto(`/courses/${world.offeringId}`);
    const link = learner.getByRole('link', { name: exact(title) });
    await link.waitFor();
    const row = learner.locator('li', { has: link });
    await row.getByText(t(lang, 'assignments.state.notStarted')).waitFor();
    await expectNoAxeViolations(learner, 'course page with an assignment');
    await learner.getByRole('link', { name: exact('Зертханалық жұмыс орны') }).click();
    await learner.getByRole('heading', { name: exact('Зертханалық жұмыс орны') }).waitFor();
    await expectNoAxeViolations(learner, 'assignment placeholder');
    await learner.getByRole('link', { name: exact(title) }).click();
    await learner.getByRole('heading', { name: exact(title) }).waitFor();
  });

  it('a learner hands in text and a file, the teacher comments inline and returns it for rework, the learner hands in again', async () => {
    const session = await apiSignIn(world.teacher.login, world.teacher.password);
    const title = 'Жаздық бидайдың өнімділігін болжау';
    const a = await session.call<{ id: string }>(
      'POST',
      `/api/v1/offerings/${world.offeringId}/assignments`,
      {
        title,
        instructions: '<p>Өнімділікті болжап, есеп файлын қоса тіркеңіз.</p>',
        dueAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
        submissionKind: 'both',
        allowedTypes: ['pdf'],
        maxScore: 100,
      },
    );
    const text = 'Болжамды өнімділік 18 ц/га. Көктемгі ылғал қоры 120 мм деп алынды.';

    // The learner writes the online text, attaches a PDF and hands both in.
    const learner = await signedIn(world.learner);
    await learner.goto(`/assignments/${a.id}`);
    await learner.getByRole('heading', { name: exact(title) }).waitFor();
    await learner.getByLabel(t(lang, 'assignments.onlineText')).fill(text);
    await attachPdf(learner, 'болжам.pdf');
    await learner.getByRole('button', { name: exact(t(lang, 'assignments.submit')) }).click();
    await learner.getByText(t(lang, 'assignments.state.submitted')).first().waitFor();

    // The teacher comments on a passage and returns the work with a new deadline.
    const teacher = await signedIn(world.teacher);
    await teacher.goto(`/assignments/${a.id}`);
    await teacher.getByRole('link', { name: 'Сейітова Ботагөз' }).click();
    await teacher.getByRole('heading', { name: exact(t(lang, 'assignments.marking')) }).waitFor();
    await teacher.getByRole('link', { name: 'болжам.pdf' }).waitFor();
    const quote = 'ылғал қоры 120 мм';
    await teacher.getByText(text).evaluate((el, q) => {
      const node = [...el.childNodes].find(
        (n) => n.nodeType === Node.TEXT_NODE && n.textContent?.includes(q),
      )!;
      const start = node.textContent!.indexOf(q);
      const range = document.createRange();
      range.setStart(node, start);
      range.setEnd(node, start + q.length);
      const sel = window.getSelection()!;
      sel.removeAllRanges();
      sel.addRange(range);
    }, quote);
    await teacher
      .getByLabel(t(lang, 'assignments.inlineComment'))
      .fill('Ылғал қорының дереккөзін көрсетіңіз.');
    await teacher.getByRole('button', { name: exact(t(lang, 'assignments.commentSelection')) }).click();
    await teacher
      .getByRole('list', { name: t(lang, 'assignments.pendingComments') })
      .getByText(`«${quote}»: Ылғал қорының дереккөзін көрсетіңіз.`)
      .waitFor();
    await teacher
      .getByLabel(t(lang, 'assignments.overallComment'))
      .fill('Қорытындыда тыңайтқыш жүйесін ескеріңіз.');
    // Without a new deadline the return is refused on that field.
    await teacher.getByRole('button', { name: exact(t(lang, 'assignments.returnForRework')) }).click();
    await teacher.getByRole('alert').first().waitFor();
    await teacher.locator('input[type="datetime-local"][aria-invalid="true"]').waitFor();
    await expectNoAxeViolations(teacher, 'return refused');
    await teacher
      .getByLabel(t(lang, 'assignments.reworkDue'))
      .fill(local(new Date(Date.now() + 5 * 86_400_000)));
    await teacher.getByRole('button', { name: exact(t(lang, 'assignments.returnForRework')) }).click();
    await teacher.getByText(t(lang, 'assignments.returnedOk')).waitFor();

    // The learner sees the return with its comments and hands the work in again.
    await learner.reload();
    await learner.getByText(t(lang, 'assignments.state.returned')).first().waitFor();
    await learner.getByRole('heading', { name: exact(t(lang, 'assignments.returnedTitle')) }).waitFor();
    await learner.getByText('Қорытындыда тыңайтқыш жүйесін ескеріңіз.').waitFor();
    await learner.getByText('Ылғал қорының дереккөзін көрсетіңіз.').waitFor();
    await expectNoAxeViolations(learner, 'work returned for rework');
    await learner
      .getByLabel(t(lang, 'assignments.onlineText'))
      .fill(`${text} Ылғал қоры Ақмола АМС деректерінен алынды.`);
    await learner.getByRole('button', { name: exact(t(lang, 'assignments.resubmit')) }).click();
    await learner.getByText(t(lang, 'assignments.state.submitted')).first().waitFor();
    await learner
      .getByRole('heading', {
        name: t(lang, 'assignments.version', { number: 2, at: '' }).replace(/,\s*$/, ''),
      })
      .waitFor();
    const mine = await session.call<{ items: Array<{ versions: number; state: string }> }>(
      'GET',
      `/api/v1/assignments/${a.id}/submissions`,
    );
    expect(mine.items.map((i) => [i.state, i.versions])).toEqual([['submitted', 2]]);
  });
});
