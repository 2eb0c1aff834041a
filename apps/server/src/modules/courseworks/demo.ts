/**
 * Demo course works: for each course-work offering of the current period, the department's
 * topics with supervisors, the milestones up to the session, and learners at different
 * points (work accepted, returned for changes, overdue, a choice and a proposal waiting).
 */
import { eq } from 'drizzle-orm';
import { addDays } from '#core/calendar/dates.ts';
import type { Tx } from '../../db/client.ts';
import {
  courseWorkChoices,
  courseWorkComments,
  courseWorkHandIns,
  courseWorkMilestones,
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
): Promise<{ topics: number; handIns: number }> {
  const header = await courseWorkHeader(tx, opts.offeringId);
  if (!header) return { topics: 0, handIns: 0 };
  // The demo head also heads the department that teaches this course work.
  const [head] = await tx.select({ id: roles.id }).from(roles).where(eq(roles.code, 'department_head'));
  await tx
    .insert(roleAssignments)
    .values({
      userId: opts.headId,
      roleId: head!.id,
      scopeType: 'org_unit',
      scopeId: header.disciplineDepartmentId,
      grantedBy: opts.grantedBy,
    })
    .onConflictDoNothing();
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
  // The first learner hands in every milestone due so far, each accepted after a consultation.
  for (const m of l0 ? due : []) {
    const [h] = await tx
      .insert(courseWorkHandIns)
      .values({
        milestoneId: m.id,
        learnerId: l0!,
        versionNo: 1,
        note: `${m.titleKk}: жұмыстың осы кезеңі дайын.`,
        submittedAt: at(addDays(m.dueOn, -1)),
      })
      .returning();
    handIns++;
    await tx.insert(courseWorkComments).values([
      {
        milestoneId: m.id,
        learnerId: l0!,
        authorId: l0!,
        body: 'Әдебиеттер тізімін қай стандарт бойынша рәсімдеймін?',
        createdAt: at(addDays(m.dueOn, -3)),
      },
      {
        milestoneId: m.id,
        learnerId: l0!,
        authorId: topics[0]!.supervisorId,
        body: 'МЕМСТ 7.1 бойынша рәсімдеңіз. Жұмыс қабылданды.',
        verdict: 'accepted',
        handInId: h!.id,
        createdAt: at(m.dueOn, 9),
      },
    ]);
  }
  // The second learner's outline came back for changes; later milestones are overdue.
  const outline = milestones[0]!;
  if (l1 && outline.dueOn <= opts.today) {
    const [h] = await tx
      .insert(courseWorkHandIns)
      .values({
        milestoneId: outline.id,
        learnerId: l1,
        versionNo: 1,
        note: 'Жоспардың алғашқы нұсқасы.',
        submittedAt: at(outline.dueOn, 4),
      })
      .returning();
    handIns++;
    await tx.insert(courseWorkComments).values({
      milestoneId: outline.id,
      learnerId: l1,
      authorId: topics[1]!.supervisorId,
      body: 'Зерттеу әдістемесі бөлімін толықтырыңыз.',
      verdict: 'needs_changes',
      handInId: h!.id,
      createdAt: at(addDays(outline.dueOn, 1), 9),
    });
  }
  return { topics: topics.length, handIns };
}
