import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, it } from 'vitest';
import { academicGroup, addDays, almatyToday, learners } from './academics-api.ts';
import {
  apiSignIn,
  type CreatedUser,
  createUser,
  exact,
  expectNoAxeViolations,
  field,
  setUpBrowser,
  signedIn as signedInAs,
  t,
} from './support.ts';
import { teachingWorld } from './worlds.ts';

const browser = setUpBrowser();
const lang = 'kk';
const discipline = {
  kk: 'Өсімдік шаруашылығы: курстық жұмыс',
  ru: 'Растениеводство: курсовая работа',
  en: 'Crop production: course work',
};
const topic = {
  kk: 'Бидайдың өнімділігіне тыңайтқыштардың әсері',
  ru: 'Влияние удобрений на урожайность пшеницы',
  en: 'The effect of fertilisers on wheat yield',
};
const outline = { kk: 'Жұмыс жоспары', ru: 'План работы', en: 'Outline' };

let world: {
  offeringId: string;
  head: CreatedUser;
  supervisor: CreatedUser;
  member: CreatedUser;
  learner: CreatedUser;
  peer: CreatedUser;
  leaver: CreatedUser;
  periodStart: string;
};

beforeAll(async () => {
  const w = await teachingWorld({
    discipline,
    finalControl: 'course_work',
    credits: 3,
    codePrefix: 'CW',
    controlActivities: [],
    learners: [
      ['Бекова', 'Әсел'],
      ['Жақсылықов', 'Ерлан'],
    ],
    teacher: { surname: 'Омаров', givenName: 'Ғалым', departmentRoles: ['teacher'] },
  });
  const [learner, leaver] = w.learners as [CreatedUser, CreatedUser];
  // A learner of the programme in another group, not enrolled: the defence is public to them.
  const [peer] = (await learners([['Серікова', 'Дана']])) as [CreatedUser];
  await academicGroup(w.programme.id, w.calendar.startYear, [peer.id]);
  const inDept = (code: string) => ({ code, scopeType: 'org_unit', scopeId: w.departmentId });
  const head = await createUser({
    roles: [inDept('department_head')],
    surname: 'Меңгерушіев',
    givenName: 'Асқар',
  });
  const member = await createUser({ roles: [inDept('teacher')], surname: 'Сейітов', givenName: 'Бауыржан' });
  world = {
    offeringId: w.offering.id,
    head,
    supervisor: w.teacher,
    member,
    learner,
    peer,
    leaver,
    periodStart: w.period.start,
  };
});

async function signedIn(user: CreatedUser, path: string): Promise<Page> {
  const page = await signedInAs(browser, user, lang);
  await page.goto(path);
  return page;
}

/** A select or search field by its label (Mantine draws either, by version and state). */
const picker = (within: Page | Locator, label: string) =>
  within
    .getByRole('combobox', { name: label, exact: true })
    .or(within.getByRole('textbox', { name: label, exact: true }));

/** Types a login into a person picker inside `within`, chooses the match and closes the list. */
async function pickPerson(page: Page, within: Page | Locator, label: string, login: string) {
  await picker(within, label).fill(login);
  await page.getByRole('option', { name: new RegExp(login) }).click();
  await page.keyboard.press('Escape');
}

describe('a course work from topics to the defence grade', () => {
  it('the department publishes, the learner picks, the supervisor accepts and reviews, the commission grades', async () => {
    const cwPath = `/course-works/${world.offeringId}`;
    const title = `${t(lang, 'courseworks.page.title')}: ${discipline.kk}`;

    // The department head publishes a topic with its supervisor and sets the first milestone.
    const head = await signedIn(world.head, cwPath);
    await head.getByRole('heading', { level: 1, name: exact(title) }).waitFor();
    const first = head.getByRole('group', { name: t(lang, 'courseworks.publish.topicN', { n: 1 }) });
    await field(first, t(lang, 'courseworks.fields.title_kk')).fill(topic.kk);
    await field(first, t(lang, 'courseworks.fields.title_ru')).fill(topic.ru);
    await field(first, t(lang, 'courseworks.fields.title_en')).fill(topic.en);
    await pickPerson(head, first, t(lang, 'courseworks.publish.supervisor'), world.supervisor.login);
    await head.getByRole('button', { name: exact(t(lang, 'courseworks.publish.submit')) }).click();
    await head.getByRole('cell', { name: exact(topic.kk) }).waitFor();

    const due = addDays(almatyToday(), 10);
    await field(head, `${t(lang, 'courseworks.fields.title_kk')} (1)`).fill(outline.kk);
    await field(head, `${t(lang, 'courseworks.fields.title_ru')} (1)`).fill(outline.ru);
    await field(head, `${t(lang, 'courseworks.fields.title_en')} (1)`).fill(outline.en);
    await head.getByLabel(t(lang, 'courseworks.milestones.dueOnN', { n: 1 })).fill(due);
    await head.getByRole('button', { name: exact(t(lang, 'courseworks.milestones.save')) }).click();
    await head
      .getByRole('status')
      .filter({ hasText: t(lang, 'courseworks.saved') })
      .first()
      .waitFor();
    await expectNoAxeViolations(head, 'course work (department head)');

    // The learner finds the course work in the list and takes the topic.
    const learner = await signedIn(world.learner, '/course-works');
    await learner
      .getByRole('heading', { level: 1, name: exact(t(lang, 'courseworks.list.title')) })
      .waitFor();
    await expectNoAxeViolations(learner, 'course works list (learner)');
    await learner.getByRole('link', { name: new RegExp(discipline.kk) }).click();
    await learner
      .getByRole('button', { name: exact(t(lang, 'courseworks.topics.chooseNamed', { title: topic.kk })) })
      .click();
    await learner
      .getByText(exact(t(lang, 'courseworks.choiceStatus.pending')))
      .first()
      .waitFor();
    await expectNoAxeViolations(learner, 'course work (learner, choice pending)');

    // The supervisor accepts with a comment.
    const supervisor = await signedIn(world.supervisor, cwPath);
    await supervisor
      .getByRole('button', {
        name: exact(t(lang, 'courseworks.decide.acceptNamed', { name: 'Бекова Әсел' })),
      })
      .click();
    const dialog = supervisor.getByRole('dialog');
    await dialog.getByRole('textbox', { name: t(lang, 'courseworks.decide.comment') }).fill('Жақсы таңдау');
    await expectNoAxeViolations(supervisor, 'accept dialog');
    await dialog.getByRole('button', { name: exact(t(lang, 'courseworks.decide.accept')) }).click();
    await dialog.waitFor({ state: 'detached' });

    // The learner hands in the outline with a PDF.
    await learner.reload();
    await learner.getByRole('link', { name: exact(t(lang, 'courseworks.learner.openWork')) }).click();
    await learner.getByRole('heading', { level: 2, name: exact(outline.kk) }).waitFor();
    await field(learner, t(lang, 'courseworks.work.note')).fill('Жоспардың бірінші нұсқасы');
    await learner.locator('input[type=file]').setInputFiles({
      name: 'zhospar.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n'),
    });
    await learner.getByRole('button', { name: exact(t(lang, 'courseworks.work.handIn')) }).click();
    await learner.getByRole('link', { name: 'zhospar.pdf' }).waitFor();
    await expectNoAxeViolations(learner, "learner's course work");

    // The supervisor sees it in the progress table, opens it and comments in a review.
    await supervisor.reload();
    await supervisor.getByRole('link', { name: exact('Бекова Әсел') }).click();
    await field(supervisor, t(lang, 'courseworks.work.reviewComment')).fill('Әдебиеттер шолуын толықтырыңыз');
    await supervisor.getByRole('radio', { name: t(lang, 'courseworks.verdict.needs_changes') }).check();
    await supervisor.getByRole('button', { name: exact(t(lang, 'courseworks.work.postReview')) }).click();
    await supervisor.getByText('Әдебиеттер шолуын толықтырыңыз', { exact: true }).waitFor();
    await expectNoAxeViolations(supervisor, "supervisor's review");

    // Final version and recommendation through the API.
    const api = {
      learner: await apiSignIn(world.learner.login, world.learner.password),
      supervisor: await apiSignIn(world.supervisor.login, world.supervisor.password),
      head: await apiSignIn(world.head.login, world.head.password),
    };
    const base = `/api/v1/offerings/${world.offeringId}/course-work`;
    const cw = await api.head.call<{
      milestones: Array<{ id: string; kind: string; title: unknown; dueOn: string }>;
    }>('GET', base);
    const { milestones } = await api.head.call<{ milestones: Array<{ id: string }> }>(
      'PUT',
      `${base}/milestones`,
      {
        milestones: [
          ...cw.milestones.map((m) => ({ id: m.id, kind: m.kind, title: m.title, dueOn: m.dueOn })),
          {
            kind: 'final',
            title: { kk: 'Қорытынды нұсқа', ru: 'Окончательная версия', en: 'Final version' },
            dueOn: addDays(almatyToday(), 30),
          },
        ],
      },
    );
    await api.learner.call('POST', `${base}/milestones/${milestones[1]!.id}/hand-ins`, {
      note: 'Толық мәтін',
    });
    await api.supervisor.call('POST', `${base}/learners/${world.learner.id}/recommendation`);

    // The department head sets a defence session (it started an hour ago) with its commission…
    await head.reload();
    const startedAt = new Date(Date.now() - 3600_000 + 5 * 3600_000).toISOString().slice(0, 16);
    await field(head, t(lang, 'courseworks.sessions.startsAt')).fill(startedAt);
    await field(head, t(lang, 'courseworks.defence.place')).fill('214 аудитория');
    await pickPerson(head, head, t(lang, 'courseworks.defence.commissionMembers'), world.member.login);
    await head.getByRole('button', { name: exact(t(lang, 'courseworks.sessions.create')) }).click();
    await head.getByText(t(lang, 'courseworks.sessions.empty')).waitFor();
    await expectNoAxeViolations(head, 'defence schedule with a session (department head)');

    // …and places the admitted learner in it from the learner's page.
    await head
      .getByRole('link', { name: exact('Бекова Әсел') })
      .first()
      .click();
    await head
      .getByRole('heading', { level: 2, name: exact(t(lang, 'courseworks.defence.title')) })
      .waitFor();
    await picker(head, t(lang, 'courseworks.sessions.session')).click();
    await head.getByRole('option').filter({ hasText: '214 аудитория' }).first().click();
    await head.getByRole('button', { name: exact(t(lang, 'courseworks.defence.save')) }).click();
    await head.getByRole('button', { name: exact(t(lang, 'courseworks.defence.unschedule')) }).waitFor();
    await expectNoAxeViolations(head, "learner's defence placed in a session");

    // The learner sees the public schedule with their turn.
    await learner.goto(cwPath);
    const schedule = learner.getByRole('table', {
      name: t(lang, 'courseworks.sessions.caption', { n: 1 }),
    });
    await schedule.getByRole('rowheader', { name: 'Бекова Әсел' }).waitFor();
    await expectNoAxeViolations(learner, 'defence schedule (learner)');

    // A commission member records the grade in the session's table, then opens the learner.
    const member = await signedIn(world.member, cwPath);
    const session = member.getByRole('table', { name: t(lang, 'courseworks.sessions.caption', { n: 1 }) });
    await session
      .getByRole('textbox', { name: t(lang, 'courseworks.sessions.scoreFor', { name: 'Бекова Әсел' }) })
      .fill('85');
    await expectNoAxeViolations(member, 'defence session with grade entry (commission member)');
    await session
      .getByRole('button', {
        name: exact(t(lang, 'courseworks.sessions.saveGradeFor', { name: 'Бекова Әсел' })),
      })
      .click();
    await session.getByText('85 (B+)', { exact: true }).waitFor();
    await session.getByRole('link', { name: exact('Бекова Әсел') }).click();
    await member.getByText(t(lang, 'courseworks.defence.graded')).waitFor();
    await member.getByText(t(lang, 'courseworks.defence.gradeText', { score: 85, letter: 'B+' })).waitFor();
    await expectNoAxeViolations(member, 'defence graded');

    // A learner of the programme who does not take this course work finds its public schedule.
    const peer = await signedIn(world.peer, '/course-works');
    await peer.getByRole('link', { name: new RegExp(discipline.kk) }).click();
    await peer.getByText(t(lang, 'courseworks.page.audience')).waitFor();
    const publicSchedule = peer.getByRole('table', {
      name: t(lang, 'courseworks.sessions.caption', { n: 1 }),
    });
    await publicSchedule.getByRole('rowheader', { name: 'Бекова Әсел' }).waitFor();
    await expectNoAxeViolations(peer, 'public defence schedule (a learner of the programme)');
  }, 300_000);

  it('a learner withdraws from a topic at once, then asks to after acceptance, and the supervisor approves', async () => {
    const cwPath = `/course-works/${world.offeringId}`;
    const base = `/api/v1/offerings/${world.offeringId}/course-work`;
    const head = await apiSignIn(world.head.login, world.head.password);
    const supervisorApi = await apiSignIn(world.supervisor.login, world.supervisor.password);
    const second = {
      kk: 'Күздік бидайдың суыққа төзімділігі',
      ru: 'Морозостойкость озимой пшеницы',
      en: 'Frost resistance of winter wheat',
    };
    await head.call('POST', `${base}/topics`, {
      topics: [{ title: second, supervisorId: world.supervisor.id }],
    });

    // The learner takes the topic and leaves it before the supervisor decides.
    const learner = await signedIn(world.leaver, cwPath);
    const choose = exact(t(lang, 'courseworks.topics.chooseNamed', { title: second.kk }));
    await learner.getByRole('button', { name: choose }).click();
    await learner.getByRole('button', { name: exact(t(lang, 'courseworks.withdraw.now')) }).click();
    let dialog = learner.getByRole('dialog');
    await dialog
      .getByRole('textbox', { name: t(lang, 'courseworks.withdraw.reason') })
      .fill('Басқа тақырып таңдаймын');
    await expectNoAxeViolations(learner, 'withdraw from a topic (learner)');
    await dialog.getByRole('button', { name: exact(t(lang, 'courseworks.withdraw.now')) }).click();
    await dialog.waitFor({ state: 'detached' });
    await learner.getByText(exact(t(lang, 'courseworks.choiceStatus.withdrawn'))).waitFor();

    // Taken again and accepted: now only by a request.
    await learner.getByRole('button', { name: choose }).click();
    await learner
      .getByText(exact(t(lang, 'courseworks.choiceStatus.pending')))
      .first()
      .waitFor();
    const { choices } = await supervisorApi.call<{
      choices: Array<{ id: string; status: string; learner: { id: string } }>;
    }>('GET', base);
    const held = choices.find((c) => c.learner.id === world.leaver.id && c.status === 'pending')!;
    await supervisorApi.call('POST', `/api/v1/course-work-choices/${held.id}/decision`, { accept: true });
    await learner.reload();
    await learner.getByRole('button', { name: exact(t(lang, 'courseworks.withdraw.ask')) }).click();
    dialog = learner.getByRole('dialog');
    await dialog
      .getByRole('textbox', { name: t(lang, 'courseworks.withdraw.reason') })
      .fill('Денсаулығыма байланысты');
    await dialog.getByRole('button', { name: exact(t(lang, 'courseworks.withdraw.ask')) }).click();
    await dialog.waitFor({ state: 'detached' });
    await learner
      .getByText(t(lang, 'courseworks.withdraw.status.pending', { reason: 'Денсаулығыма байланысты' }))
      .waitFor();
    await expectNoAxeViolations(learner, 'withdrawal requested (learner)');

    // The supervisor approves the request from the course work's page.
    const supervisor = await signedIn(world.supervisor, cwPath);
    await supervisor
      .getByRole('heading', { level: 2, name: exact(t(lang, 'courseworks.withdraw.requests')) })
      .waitFor();
    await supervisor
      .getByRole('button', {
        name: exact(t(lang, 'courseworks.withdraw.approveNamed', { name: 'Жақсылықов Ерлан' })),
      })
      .click();
    dialog = supervisor.getByRole('dialog');
    await dialog
      .getByText(t(lang, 'courseworks.withdraw.reasonGiven', { reason: 'Денсаулығыма байланысты' }))
      .waitFor();
    await expectNoAxeViolations(supervisor, 'approve a withdrawal (supervisor)');
    await dialog.getByRole('button', { name: exact(t(lang, 'courseworks.withdraw.approve')) }).click();
    await dialog.waitFor({ state: 'detached' });
    await supervisor
      .getByRole('heading', { level: 2, name: exact(t(lang, 'courseworks.withdraw.requests')) })
      .waitFor({ state: 'detached' });

    // The learner sees the topic free again.
    await learner.reload();
    await learner.getByText(exact(t(lang, 'courseworks.choiceStatus.withdrawn'))).waitFor();
    await learner.getByRole('button', { name: choose }).waitFor();
  }, 300_000);
});
