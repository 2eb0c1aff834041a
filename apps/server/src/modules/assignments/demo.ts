/**
 * Demo written assignments: in the distance agronomy second-year course the demo teacher
 * teaches, a past-due assignment with a rubric whose works stand in every state (graded and
 * released, marked but not released, late, returned for rework, a draft under an extension,
 * not started), shown in a placeholder of the course page; an anonymous one still open; and
 * in the first-year course a per-subgroup one handed in by the subgroup.
 */
import { and, asc, eq, isNull, or } from 'drizzle-orm';
import type { Rubric } from '#core/assignments/rules.ts';
import { addDays } from '#core/calendar/dates.ts';
import type { Tx } from '../../db/client.ts';
import {
  assignmentComments,
  assignmentExtensions,
  assignmentSubmissions,
  assignmentSubmissionVersions,
  assignments,
  contentMaterials,
  contentMaterialVersions,
  contentSections,
  controlActivities,
  courseOfferings,
  curriculumEntries,
  groups,
  offeringGroups,
  roleAssignments,
  roles,
} from '../../db/schema/index.ts';
import { audit } from '../../platform/audit.ts';
import { notify } from '../../platform/notifications.ts';
import { learnerAccess } from '../records/access.ts';
import { emitGradeReleased } from './results.ts';

export type DemoAssignmentRefs = {
  today: string;
  groups: Map<string, { id: string; code: string }>;
  staffId: Map<string, string>;
  learnerIds: Map<string, string[]>;
};

/** An instant on a demo day, Almaty time (UTC+5). */
const at = (day: string, hour: number, minute = 0) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + ((hour - 5) * 60 + minute) * 60_000);

const rubric: Rubric = {
  criteria: [
    {
      id: 'calc',
      title: 'Есептеудің дұрыстығы',
      levels: [
        { id: 'weak', title: 'Қателер бар', points: 20 },
        { id: 'fair', title: 'Ұсақ қателер', points: 45 },
        { id: 'good', title: 'Толық дұрыс', points: 60 },
      ],
    },
    {
      id: 'concl',
      title: 'Қорытынды және ұсыныстар',
      levels: [
        { id: 'weak', title: 'Қорытынды жоқ', points: 10 },
        { id: 'good', title: 'Негізделген қорытынды', points: 40 },
      ],
    },
  ],
};

const works = {
  kk: 'Себу мөлшері N = P × 100 / G формуласымен есептелді. Алқаптағы жоспарлы өсімдік саны P = 4,5 млн/га, 1000 дәннің массасы 38 г, себу жарамдылығы G = 92%. Нәтижесі: N = 4,5 × 100 / 92 = 4,89 млн дән/га, яғни 186 кг/га. Қорытынды: Ақмола облысының оңтүстік қара топырағы үшін себу мөлшерін 180–190 кг/га аралығында ұстау ұсынылады.',
  kkLate:
    'Жаздық бидайдың себу мөлшері: P = 4,0 млн/га, G = 90%, 1000 дәннің массасы 36 г. N = 4,44 млн дән/га, салмақ бойынша 160 кг/га. Құрғақ жылдары себу мөлшерін 10%-ға азайту керек.',
  kkReturned:
    'Себу мөлшері 4,5 млн дән/га деп алынды, салмақ бойынша 171 кг/га. Себу жарамдылығы ескерілмеді.',
  kkReworkDraft:
    'Түзетілген нұсқа: себу жарамдылығын (G = 92%) ескергенде N = 4,89 млн дән/га, 186 кг/га. Қорытынды қосылды.',
  kkDraft: 'Есептеу басталды: 1000 дәннің массасы 41 г, зертханалық өнгіштік 95%, тазалығы 98%…',
  ru: 'Норма высева рассчитана по формуле N = P × 100 / G при P = 4,2 млн растений/га и посевной годности 94%: N = 4,47 млн всхожих зёрен/га, при массе 1000 зёрен 40 г — 179 кг/га. Вывод: для южных чернозёмов Акмолинской области норма 175–185 кг/га обоснована.',
};

async function offeringOf(tx: Tx, groupId: string, teacherId: string) {
  const rows = await tx
    .select({ o: courseOfferings, finalControl: curriculumEntries.finalControl })
    .from(courseOfferings)
    .innerJoin(offeringGroups, eq(offeringGroups.offeringId, courseOfferings.id))
    .innerJoin(curriculumEntries, eq(curriculumEntries.id, courseOfferings.entryId))
    .innerJoin(roleAssignments, eq(roleAssignments.scopeId, courseOfferings.id))
    .innerJoin(roles, eq(roles.id, roleAssignments.roleId))
    .where(
      and(
        eq(offeringGroups.groupId, groupId),
        eq(roleAssignments.userId, teacherId),
        eq(roleAssignments.scopeType, 'offering'),
        eq(roles.code, 'teacher'),
      ),
    )
    .orderBy(asc(courseOfferings.code));
  return rows.find((r) => r.finalControl !== 'course_work')?.o ?? null;
}

/** The course page's assignment placeholder: the discipline's own, else one made for this offering. */
async function placeholderFor(
  tx: Tx,
  o: { id: string; disciplineId: string },
  authorId: string,
  reviewerId: string,
) {
  const [shared] = await tx
    .select({ id: contentMaterials.id })
    .from(contentMaterials)
    .where(
      and(
        eq(contentMaterials.disciplineId, o.disciplineId),
        eq(contentMaterials.kind, 'assignment'),
        or(isNull(contentMaterials.offeringId), eq(contentMaterials.offeringId, o.id)),
      ),
    )
    .orderBy(asc(contentMaterials.createdAt))
    .limit(1);
  if (shared) return shared.id;
  const now = new Date();
  const [section] = await tx
    .insert(contentSections)
    .values({
      disciplineId: o.disciplineId,
      offeringId: o.id,
      kind: 'topic',
      title: { kk: 'Жазбаша тапсырмалар', ru: 'Письменные задания' },
      position: 100,
      createdBy: authorId,
    })
    .returning();
  const [m] = await tx
    .insert(contentMaterials)
    .values({
      sectionId: section!.id,
      disciplineId: o.disciplineId,
      offeringId: o.id,
      kind: 'assignment',
      createdBy: authorId,
      lastApprovedAt: now,
    })
    .returning();
  const [v] = await tx
    .insert(contentMaterialVersions)
    .values({
      materialId: m!.id,
      versionNo: 1,
      status: 'approved',
      body: {
        kk: {
          title: 'Тапсырма: себу мөлшерін есептеу',
          html: '<p>Тапсырманы осы жерден ашып, тапсырыңыз.</p>',
        },
        ru: { title: 'Задание: расчёт нормы высева', html: '<p>Откройте и сдайте задание отсюда.</p>' },
      },
      authorId,
      submittedAt: now,
      reviewerId,
      reviewedAt: now,
      reviewComment: 'Мақұлданды',
    })
    .returning();
  await tx.update(contentMaterials).set({ approvedVersionId: v!.id }).where(eq(contentMaterials.id, m!.id));
  return m!.id;
}

type Work = {
  owner: { userId: string } | { subgroupId: string };
  versions?: Array<{ text: string; at: Date; lateDays?: number; by: string }>;
  draft?: { text: string; at: Date };
  returned?: { at: Date; due: Date; feedback: string; by: string };
  grade?: {
    raw: number;
    penalty?: number;
    choice?: Record<string, string>;
    feedback: string;
    by: string;
    at: Date;
    releasedAt?: Date;
    comment?: { quote: string; body: string };
  };
};

async function seedWork(tx: Tx, a: typeof assignments.$inferSelect, w: Work, anonCode: number) {
  const last = w.versions?.at(-1);
  const g = w.grade;
  const score = g ? (g.raw * (1 - (g.penalty ?? 0) / 100)).toFixed(2) : null;
  const [s] = await tx
    .insert(assignmentSubmissions)
    .values({
      assignmentId: a.id,
      ...w.owner,
      status: w.returned ? 'returned' : last ? 'submitted' : 'draft',
      draftText: w.draft?.text ?? last?.text ?? '',
      draftSavedAt: w.draft?.at ?? last?.at ?? null,
      anonCode,
      reworkDueAt: w.returned?.due ?? null,
      rawScore: g ? g.raw.toFixed(2) : null,
      penaltyPercent: g ? (g.penalty ?? 0).toFixed(2) : null,
      score,
      rubricChoice: g?.choice ?? null,
      feedback: g?.feedback ?? w.returned?.feedback ?? null,
      gradedBy: g?.by ?? w.returned?.by ?? null,
      gradedAt: g?.at ?? null,
      releasedAt: g?.releasedAt ?? null,
    })
    .returning();
  for (const [i, v] of (w.versions ?? []).entries()) {
    const [row] = await tx
      .insert(assignmentSubmissionVersions)
      .values({
        submissionId: s!.id,
        number: i + 1,
        text: v.text,
        submittedBy: v.by,
        submittedAt: v.at,
        lateDays: v.lateDays ?? 0,
      })
      .returning();
    await audit(tx, {
      actorId: v.by,
      action: 'assignment.submit',
      subjectType: 'assignment_submission',
      subjectId: s!.id,
      data: { assignmentId: a.id, version: i + 1, lateDays: v.lateDays ?? 0, demo: true },
    });
    const c = g?.comment;
    if (c && i === (w.versions?.length ?? 0) - 1) {
      const start = v.text.indexOf(c.quote);
      await tx.insert(assignmentComments).values({
        versionId: row!.id,
        anchor: { kind: 'text', start, end: start + c.quote.length, quote: c.quote },
        body: c.body,
        authorId: g.by,
        createdAt: g.at,
      });
    }
  }
  const learners = 'userId' in w.owner ? [w.owner.userId] : [];
  if (w.returned) {
    await audit(tx, {
      actorId: w.returned.by,
      action: 'assignment.return',
      subjectType: 'assignment_submission',
      subjectId: s!.id,
      data: { assignmentId: a.id, reworkDueAt: w.returned.due.toISOString(), demo: true },
    });
    await notify(
      tx,
      learners.map((userId) => ({
        userId,
        kind: 'assignments.returned',
        params: { title: a.title, due: w.returned!.due.toISOString().slice(0, 16).replace('T', ' ') },
        link: `/assignments/${a.id}`,
      })),
    );
  }
  if (g) {
    await audit(tx, {
      actorId: g.by,
      action: 'assignment.grade',
      subjectType: 'assignment_submission',
      subjectId: s!.id,
      data: { assignmentId: a.id, rawScore: g.raw.toFixed(2), score, demo: true },
    });
    if (g.releasedAt) {
      await audit(tx, {
        actorId: g.by,
        action: 'assignment.release',
        subjectType: 'assignment_submission',
        subjectId: s!.id,
        data: { assignmentId: a.id, score, demo: true },
      });
      await notify(
        tx,
        learners.map((userId) => ({
          userId,
          kind: 'assignments.graded',
          params: { title: a.title, score, max: String(a.maxScore) },
          link: `/assignments/${a.id}`,
        })),
      );
      // The journal takes the released grade as it does any other: through the durable job.
      await emitGradeReleased(tx, { assignmentId: a.id, submissionId: s!.id });
    }
  }
  return s!;
}

/** Seeds the demo's written assignments; nothing when the courses are not there. */
export async function seedDemoAssignments(
  tx: Tx,
  r: DemoAssignmentRefs,
): Promise<{ assignments: number; submissions: number }> {
  const teacher = r.staffId.get('teacher');
  const tutor = r.staffId.get('tutor') ?? teacher;
  const reviewer = r.staffId.get('reviewer') ?? teacher;
  const agr2 = r.groups.get('agr2');
  if (!teacher || !tutor || !reviewer || !agr2) return { assignments: 0, submissions: 0 };
  const o = await offeringOf(tx, agr2.id, teacher);
  if (!o) return { assignments: 0, submissions: 0 };
  const T = r.today;
  const [activity] = await tx
    .select({ id: controlActivities.id })
    .from(controlActivities)
    .where(and(eq(controlActivities.entryId, o.entryId), eq(controlActivities.kind, 'current')))
    .orderBy(asc(controlActivities.position))
    .limit(1);
  const materialId = await placeholderFor(tx, o, teacher, reviewer);
  let submissions = 0;
  const made: Array<typeof assignments.$inferSelect> = [];
  const create = async (v: Omit<typeof assignments.$inferInsert, 'createdBy'>) => {
    const [a] = await tx
      .insert(assignments)
      .values({ ...v, createdBy: teacher, createdAt: at(addDays(T, -21), 10) })
      .returning();
    await audit(tx, {
      actorId: teacher,
      action: 'assignment.create',
      subjectType: 'assignment',
      subjectId: a!.id,
      data: { offeringId: a!.offeringId, controlActivityId: a!.controlActivityId, demo: true },
    });
    made.push(a!);
    return a!;
  };
  // Who can study today (a learner on academic leave hands nothing in).
  const active: string[] = [];
  for (const id of r.learnerIds.get('agr2') ?? [])
    if ((await learnerAccess(tx, id, T)).allowed) active.push(id);
  const [l0, l1, l2, l3, l4, l5, l6] = active;

  // 1. Past due, late work accepted with a penalty until the cut-off, a rubric, in the course page.
  const seeding = await create({
    offeringId: o.id,
    controlActivityId: activity?.id ?? null,
    materialId,
    title: 'Күздік бидайдың себу мөлшерін есептеу',
    instructions:
      '<p>Ақмола облысының оңтүстік қара топырағы жағдайында күздік бидайдың себу мөлшерін есептеңіз.</p><ol><li>Жоспарлы өсімдік санын (млн/га) негіздеңіз.</li><li>Себу жарамдылығын зертханалық өнгіштік пен тазалықтан табыңыз.</li><li>Себу мөлшерін дана және кг/га түрінде көрсетіп, қорытынды жазыңыз.</li></ol><p><em>Рассчитайте норму высева озимой пшеницы; работу можно сдать на русском языке.</em></p>',
    dueAt: at(addDays(T, -7), 23, 59),
    cutoffAt: at(addDays(T, 3), 23, 59),
    maxScore: '100.00',
    submissionKind: 'both',
    allowedTypes: ['pdf', 'docx', 'xlsx'],
    lateAccepted: true,
    latePenaltyPerDay: '5.00',
    latePenaltyMax: '20.00',
    rubric,
  });
  const plan: Array<[string | undefined, Work]> = [
    [
      l0,
      {
        owner: { userId: l0! },
        versions: [{ text: works.kk, at: at(addDays(T, -8), 21, 40), by: l0! }],
        grade: {
          raw: 100,
          choice: { calc: 'good', concl: 'good' },
          feedback: '<p>Есептеу толық әрі дұрыс, қорытынды негізделген. Жарайсыз!</p>',
          by: teacher,
          at: at(addDays(T, -5), 11),
          releasedAt: at(addDays(T, -5), 11, 30),
          comment: { quote: 'себу жарамдылығы G = 92%', body: 'Жарамдылықты қалай тапқаныңызды көрсетіңіз.' },
        },
      },
    ],
    [
      l1,
      {
        owner: { userId: l1! },
        versions: [{ text: works.kkLate, at: at(addDays(T, -5), 19, 15), lateDays: 2, by: l1! }],
      },
    ],
    [
      l2,
      {
        owner: { userId: l2! },
        versions: [{ text: works.kkReturned, at: at(addDays(T, -9), 17), by: l2! }],
        draft: { text: works.kkReworkDraft, at: at(addDays(T, -1), 20) },
        returned: {
          at: at(addDays(T, -6), 10),
          due: at(addDays(T, 4), 23, 59),
          feedback: '<p>Себу жарамдылығы ескерілмеген, қорытынды жоқ. Түзетіп, қайта тапсырыңыз.</p>',
          by: teacher,
        },
      },
    ],
    [
      l3,
      {
        owner: { userId: l3! },
        versions: [{ text: works.ru, at: at(addDays(T, -7), 22, 5), by: l3! }],
        grade: {
          raw: 65,
          choice: { calc: 'fair', concl: 'weak' },
          feedback: '<p>Расчёт в целом верен, но вывод не обоснован.</p>',
          by: tutor,
          at: at(addDays(T, -1), 15),
        },
      },
    ],
    [l4, { owner: { userId: l4! }, draft: { text: works.kkDraft, at: at(addDays(T, -2), 18) } }],
  ];
  let code = 101;
  for (const [who, w] of plan) {
    if (!who) continue;
    await seedWork(tx, seeding, w, code++);
    submissions++;
  }
  // A sick note moves one learner's deadline.
  if (l4) {
    await tx.insert(assignmentExtensions).values({
      assignmentId: seeding.id,
      userId: l4,
      dueAt: at(addDays(T, 5), 23, 59),
      reason: 'Дәрігер анықтамасы № 095/у, 10 күн',
      grantedBy: teacher,
      grantedAt: at(addDays(T, -8), 9),
    });
    await audit(tx, {
      actorId: teacher,
      action: 'assignment.extension',
      subjectType: 'assignment',
      subjectId: seeding.id,
      data: { learnerId: l4, dueAt: at(addDays(T, 5), 23, 59).toISOString(), demo: true },
    });
  }

  // 2. Open, anonymous marking: a draft and a hand-in so far.
  const soil = await create({
    offeringId: o.id,
    title: 'Топырақ үлгісінің агрохимиялық талдауы',
    instructions:
      '<p>Өз алқабыңыздан алынған топырақ үлгісінің гумус, жылжымалы фосфор және алмаспалы калий мөлшерін талдап, нәтижесін кесте түрінде беріңіз.</p><p>Жұмыс анонимді бағаланады.</p>',
    dueAt: at(addDays(T, 10), 23, 59),
    maxScore: '100.00',
    submissionKind: 'both',
    allowedTypes: ['pdf', 'docx'],
    anonymous: true,
  });
  if (l5) {
    await seedWork(
      tx,
      soil,
      {
        owner: { userId: l5 },
        versions: [
          {
            text: 'Гумус 4,2%, жылжымалы фосфор 18 мг/кг (төмен), алмаспалы калий 420 мг/кг (жоғары). Фосфор тыңайтқышын 60 кг/га д.з. енгізу ұсынылады.',
            at: at(addDays(T, -1), 16, 30),
            by: l5,
          },
        ],
      },
      101,
    );
    submissions++;
  }
  if (l6) {
    await seedWork(
      tx,
      soil,
      { owner: { userId: l6 }, draft: { text: 'Үлгі 0–20 см қабаттан алынды…', at: at(T, 9) } },
      102,
    );
    submissions++;
  }

  // 3. A per-subgroup assignment of the first-year course, handed in by one member for the subgroup.
  const agr1 = r.groups.get('agr1');
  const [sub] = agr1
    ? await tx
        .select({ id: groups.id })
        .from(groups)
        .where(and(eq(groups.parentId, agr1.id), eq(groups.kind, 'subgroup')))
        .limit(1)
    : [];
  const o1 = agr1 ? await offeringOf(tx, agr1.id, teacher) : null;
  const firstYear = (r.learnerIds.get('agr1') ?? [])[0];
  if (o1 && sub && firstYear) {
    const map = await create({
      offeringId: o1.id,
      title: 'Егістік алқабының топырақ картасын құрастыру (кіші топпен)',
      instructions:
        '<p>Кіші топпен оқу-тәжірибе шаруашылығының бір алқабының топырақ картасын құрастырып, топырақ типтерін сипаттаңыз.</p>',
      dueAt: at(addDays(T, 14), 23, 59),
      maxScore: '100.00',
      submissionKind: 'both',
      allowedTypes: ['pdf', 'png', 'jpg'],
      groupMode: 'subgroup',
    });
    await seedWork(
      tx,
      map,
      {
        owner: { subgroupId: sub.id },
        versions: [
          {
            text: 'Алқап ауданы 120 га: 70% — оңтүстік қара топырақ, 25% — сортаңдау қара топырақ, 5% — сортаң. Картасы қоса беріледі.',
            at: at(addDays(T, -1), 14),
            by: firstYear,
          },
        ],
      },
      101,
    );
    submissions++;
  }
  return { assignments: made.length, submissions };
}
