/**
 * Demo course works: for each course-work offering of the current period, the department's
 * topics with supervisors, the milestones up to the session, and learners at different
 * milestones: one ahead (everything accepted, recommended and placed in the public defence
 * session), one returned for changes and overdue, one with the latest hand-in awaiting review,
 * one whose choice waits for the supervisor.
 */
import { and, eq } from 'drizzle-orm';
import { addDays } from '#core/calendar/dates.ts';
import type { Tx } from '../../db/client.ts';
import {
  courseWorkChoices,
  courseWorkComments,
  courseWorkDefenceSessions,
  courseWorkDefences,
  courseWorkHandIns,
  courseWorkMilestones,
  courseWorkSessionMembers,
  courseWorkSettings,
  courseWorkTopics,
  roleAssignments,
  roles,
} from '../../db/schema/index.ts';
import { courseWorkHeader } from './context.ts';

const topicTitles: Array<[kk: string, ru: string, en: string]> = [
  [
    'Азот тыңайтқыштарының күздік бидай өнімділігіне әсері',
    'Влияние азотных удобрений на урожайность озимой пшеницы',
    'The effect of nitrogen fertilisers on winter wheat yield',
  ],
  [
    'Қара топырақтағы фосфор режимін зерттеу',
    'Изучение фосфатного режима чернозёмов',
    'The phosphorus regime of chernozem soils',
  ],
  [
    'Органикалық тыңайтқыштардың топырақ құнарлылығына ықпалы',
    'Влияние органических удобрений на плодородие почвы',
    'Organic fertilisers and soil fertility',
  ],
  [
    'Солтүстік Қазақстандағы тұқым себу алдындағы топырақ талдауы',
    'Предпосевной анализ почв Северного Казахстана',
    'Pre-sowing soil analysis in Northern Kazakhstan',
  ],
  [
    'Микротыңайтқыштарды жапырақ арқылы қолдану тиімділігі',
    'Эффективность внекорневой подкормки микроудобрениями',
    'Foliar application of micronutrient fertilisers',
  ],
];

const milestoneSpecs = [
  { kind: 'outline', at: 0.2, title: ['Жұмыс жоспары', 'План работы', 'Outline'] },
  { kind: 'chapters', at: 0.45, title: ['Тараулардың жобасы', 'Черновик глав', 'Draft chapters'] },
  { kind: 'full_draft', at: 0.7, title: ['Толық жоба', 'Полный черновик', 'Full draft'] },
  { kind: 'final', at: 0.95, title: ['Қорытынды нұсқа', 'Окончательная версия', 'Final version'] },
] as const;

const daysBetween = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000);
const at = (day: string, hour = 5) => new Date(`${day}T${String(hour).padStart(2, '0')}:00:00Z`);

export async function seedDemoCourseWork(
  tx: Tx,
  opts: {
    offeringId: string;
    learnerIds: string[];
    headId: string;
    supervisorIds: [string, string];
    today: string;
    grantedBy: string | null;
  },
): Promise<{ topics: number; handIns: number; defences: number }> {
  const header = await courseWorkHeader(tx, opts.offeringId);
  if (!header) return { topics: 0, handIns: 0, defences: 0 };
  // The demo head also heads the department that teaches this course work, and the
  // supervisors supervise there (which entitles them to sit on its defence commissions).
  const roleIds = new Map(
    (await tx.select({ id: roles.id, code: roles.code }).from(roles)).map((r) => [r.code, r.id]),
  );
  const grant = (userId: string, code: string) =>
    tx
      .insert(roleAssignments)
      .values({
        userId,
        roleId: roleIds.get(code)!,
        scopeType: 'org_unit',
        scopeId: header.disciplineDepartmentId,
        grantedBy: opts.grantedBy,
      })
      .onConflictDoNothing();
  await grant(opts.headId, 'department_head');
  for (const id of new Set(opts.supervisorIds)) await grant(id, 'coursework_supervisor');
  await tx.insert(courseWorkSettings).values({
    offeringId: opts.offeringId,
    choiceMode: 'approval',
    allowOwnTopics: true,
    updatedBy: opts.headId,
  });
  const span = Math.max(daysBetween(header.periodStart, header.sessionStart), 10);
  const milestones = await tx
    .insert(courseWorkMilestones)
    .values(
      milestoneSpecs.map((m, position) => ({
        offeringId: opts.offeringId,
        kind: m.kind,
        titleKk: m.title[0],
        titleRu: m.title[1],
        titleEn: m.title[2],
        dueOn: addDays(header.periodStart, Math.floor(span * m.at)),
        position,
      })),
    )
    .returning();
  const topics = await tx
    .insert(courseWorkTopics)
    .values(
      topicTitles.map(([kk, ru, en], i) => ({
        offeringId: opts.offeringId,
        titleKk: kk,
        titleRu: ru,
        titleEn: en,
        supervisorId: opts.supervisorIds[i % 2]!,
        createdBy: opts.headId,
        createdAt: at(header.periodStart),
      })),
    )
    .returning();
  const [l0, l1, l2, l3] = opts.learnerIds;
  const chosenOn = at(addDays(header.periodStart, 3));
  const choose = async (learnerId: string | undefined, topic: (typeof topics)[number], accepted: boolean) => {
    if (!learnerId) return;
    await tx.insert(courseWorkChoices).values({
      offeringId: opts.offeringId,
      topicId: topic.id,
      learnerId,
      status: accepted ? 'accepted' : 'pending',
      decidedBy: accepted ? topic.supervisorId : null,
      decidedAt: accepted ? at(addDays(header.periodStart, 4)) : null,
      comment: accepted ? 'Тақырып бекітілді.' : null,
      createdAt: chosenOn,
    });
  };
  await choose(l0, topics[0]!, true);
  await choose(l1, topics[1]!, true);
  await choose(l2, topics[2]!, true);
  await choose(l3, topics[3]!, false);

  let handIns = 0;
  const due = milestones.filter((m) => m.dueOn <= opts.today);
  // A hand-in a day before it is due (or, ahead of time, spread over the days up to today).
  const handIn = async (
    m: (typeof milestones)[number],
    learnerId: string,
    submittedOn: string,
    review: { supervisorId: string; verdict: 'accepted' | 'needs_changes'; body: string } | null,
    note = `${m.titleKk}: жұмыстың осы кезеңі дайын.`,
  ) => {
    const [h] = await tx
      .insert(courseWorkHandIns)
      .values({ milestoneId: m.id, learnerId, versionNo: 1, note, submittedAt: at(submittedOn, 4) })
      .returning();
    handIns++;
    if (review) {
      await tx.insert(courseWorkComments).values({
        milestoneId: m.id,
        learnerId,
        authorId: review.supervisorId,
        body: review.body,
        verdict: review.verdict,
        handInId: h!.id,
        createdAt: at(submittedOn, 9),
      });
    }
  };
  // The first learner is ahead: every milestone handed in and accepted after a consultation,
  // recommended for the defence and placed first in the session.
  if (l0) {
    const early = addDays(header.periodStart, 4);
    const room = Math.max(daysBetween(early, opts.today), 0);
    for (const [i, m] of milestones.entries()) {
      const ahead = addDays(early, Math.floor((room * (i + 1)) / milestones.length));
      const on = m.dueOn <= opts.today ? addDays(m.dueOn, -1) : [ahead, opts.today].sort()[0]!;
      await tx.insert(courseWorkComments).values({
        milestoneId: m.id,
        learnerId: l0,
        authorId: l0,
        body: 'Әдебиеттер тізімін қай стандарт бойынша рәсімдеймін?',
        createdAt: at(on, 3),
      });
      await handIn(m, l0, on, {
        supervisorId: topics[0]!.supervisorId,
        verdict: 'accepted',
        body: 'МЕМСТ 7.1 бойынша рәсімдеңіз. Жұмыс қабылданды.',
      });
    }
    await tx
      .update(courseWorkChoices)
      .set({ recommendedAt: at(opts.today, 10) })
      .where(and(eq(courseWorkChoices.offeringId, opts.offeringId), eq(courseWorkChoices.learnerId, l0)));
  }
  // The second learner's outline came back for changes; later milestones are overdue.
  const outline = milestones[0]!;
  if (l1 && outline.dueOn <= opts.today) {
    await handIn(
      outline,
      l1,
      outline.dueOn,
      {
        supervisorId: topics[1]!.supervisorId,
        verdict: 'needs_changes',
        body: 'Зерттеу әдістемесі бөлімін толықтырыңыз.',
      },
      'Жоспардың алғашқы нұсқасы.',
    );
  }
  // The third hands in on time: everything accepted but the latest, which awaits review.
  for (const [i, m] of (l2 ? due : []).entries()) {
    const last = i === due.length - 1;
    await handIn(
      m,
      l2!,
      addDays(m.dueOn, -2),
      last ? null : { supervisorId: topics[2]!.supervisorId, verdict: 'accepted', body: 'Қабылданды.' },
    );
  }
  // The public defence session (§12.13) the day after the exam session starts: the head and
  // the other supervisor sit on its commission with the ahead learner's supervisor.
  let defences = 0;
  if (l0) {
    const [session] = await tx
      .insert(courseWorkDefenceSessions)
      .values({
        offeringId: opts.offeringId,
        startsAt: at(addDays(header.sessionStart, 1)),
        place: 'Бас ғимарат, 214 аудитория',
        onlineUrl: 'https://meet.kazatu.edu.kz/course-work-defence',
        createdBy: opts.headId,
        createdAt: at(opts.today, 11),
      })
      .returning();
    await tx.insert(courseWorkSessionMembers).values(
      [...new Set([opts.headId, ...opts.supervisorIds])].map((userId) => ({
        sessionId: session!.id,
        userId,
      })),
    );
    await tx.insert(courseWorkDefences).values({
      offeringId: opts.offeringId,
      learnerId: l0,
      sessionId: session!.id,
      startsAt: session!.startsAt,
      scheduledBy: opts.headId,
    });
    defences++;
  }
  return { topics: topics.length, handIns, defences };
}
