/**
 * The demo's learner records (issue 4): every demo learner admitted by an order, paid
 * learners with contracts (one ending soon), a learner on academic leave that ends within
 * 30 days, a learner transferred to a parallel group with a credit transfer, a
 * shortened-programme learner whose earlier college disciplines are transferred (the rest
 * is the academic difference), elective blocks with an open registration window, and
 * individual study plans in every state for the demo advisor's group.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { addDays } from '#core/calendar/index.ts';
import { letterOf } from '#core/records/difference.ts';
import type { Tx } from '../../db/client.ts';
import {
  academicGroupProfiles,
  creditTransfers,
  curricula,
  curriculumEntries,
  disciplines,
  electiveWindows,
  groups,
  learnerOrders,
  learnerProfiles,
  pastGrades,
  programmes,
  studyPlanElectives,
  studyPlans,
} from '../../db/schema/index.ts';
import { audit } from '../../platform/audit.ts';
import { pastGradeHash } from '../records/grades.ts';
import { moveToGroup } from '../records/orders.ts';

export type RecordsRefs = {
  today: string;
  startYear: number;
  unitId: Map<string, string>;
  groups: Map<string, { id: string; code: string }>;
  staffId: Map<string, string>;
  learnerIds: Map<string, string[]>;
};

type Names = [kk: string, ru: string, en: string];
type ElectiveSpec = { code: string; names: Names; block: string; credits: number; period: number };

/** Electives of the veterinary programme's third year (the demo advisor's group). */
const vetElectives: ElectiveSpec[] = [
  {
    code: 'VET-3E01',
    names: ['Құс ауруларын емдеу', 'Болезни птиц', 'Poultry Diseases'],
    block: 'A',
    credits: 5,
    period: 2,
  },
  {
    code: 'VET-3E02',
    names: ['Балық аурулары', 'Болезни рыб', 'Fish Diseases'],
    block: 'A',
    credits: 5,
    period: 2,
  },
  {
    code: 'VET-3E03',
    names: ['Ветеринариялық маркетинг', 'Ветеринарный маркетинг', 'Veterinary Marketing'],
    block: 'B',
    credits: 4,
    period: 3,
  },
  {
    code: 'VET-3E04',
    names: ['Ветеринариялық құқық', 'Ветеринарное право', 'Veterinary Law'],
    block: 'B',
    credits: 4,
    period: 3,
  },
];

/** Electives of the distance agronomy programme's first year. */
const agroElectives: ElectiveSpec[] = [
  {
    code: 'AGRO-1E01',
    names: ['Органикалық егіншілік', 'Органическое земледелие', 'Organic Farming'],
    block: 'A',
    credits: 4,
    period: 3,
  },
  {
    code: 'AGRO-1E02',
    names: ['Дәлме-дәл егіншілік', 'Точное земледелие', 'Precision Agriculture'],
    block: 'A',
    credits: 4,
    period: 3,
  },
];

const college = 'Ақмола аграрлық колледжі';

export type RecordsSummary = {
  admitted: number;
  orders: number;
  studyPlans: number;
  creditTransfers: number;
  pastGrades: number;
};

export async function seedRecords(tx: Tx, r: RecordsRefs): Promise<RecordsSummary> {
  const director = r.staffId.get('dl_institute_director')!;
  const dean = r.staffId.get('dean')!;
  const office = r.staffId.get('deans_office_staff')!;
  const registrar = r.staffId.get('registrar')!;
  const advisor = r.staffId.get('advisor')!;
  const summary: RecordsSummary = {
    admitted: 0,
    orders: 0,
    studyPlans: 0,
    creditTransfers: 0,
    pastGrades: 0,
  };

  const order = async (o: typeof learnerOrders.$inferInsert) => {
    const [row] = await tx.insert(learnerOrders).values(o).returning();
    await audit(tx, {
      actorId: o.createdBy,
      action: 'learnerOrder.issue',
      subjectType: 'user',
      subjectId: o.learnerId,
      data: { orderId: row!.id, kind: o.kind, number: o.number, effectiveOn: o.effectiveOn, demo: true },
    });
    summary.orders++;
    return row!;
  };

  const groupRow = async (key: string) => {
    const g = r.groups.get(key)!;
    const [row] = await tx
      .select({ profile: academicGroupProfiles, programme: programmes })
      .from(academicGroupProfiles)
      .innerJoin(programmes, eq(programmes.id, academicGroupProfiles.programmeId))
      .where(eq(academicGroupProfiles.groupId, g.id));
    return { ...g, ...row! };
  };
  const curriculumOf = async (programmeId: string, intakeYear: number) => {
    const [c] = await tx
      .select()
      .from(curricula)
      .where(and(eq(curricula.programmeId, programmeId), eq(curricula.intakeYear, intakeYear)));
    return c!;
  };

  // Admission orders: one per intake group, effective on 1 September of the intake year.
  let orderNo = 100;
  for (const key of ['agr1', 'agr2', 'vet']) {
    const g = await groupRow(key);
    const ids = r.learnerIds.get(key) ?? [];
    const effectiveOn = `${g.profile.intakeYear}-09-01`;
    const number = `${++orderNo}-Қ`;
    const years = g.profile.studyForm === 'full_time' ? 4 : 3;
    for (const [i, userId] of ids.entries()) {
      const paid = i % 3 === 2;
      // The second-year group's first paid learner's contract ends within 30 days.
      const contractTo =
        key === 'agr2' && i === 2 ? addDays(r.today, 20) : `${g.profile.intakeYear + years}-06-30`;
      await tx.insert(learnerProfiles).values({
        userId,
        programmeId: g.programme.id,
        intakeYear: g.profile.intakeYear,
        studyForm: g.profile.studyForm,
        dltCategory: g.profile.studyForm === 'full_time' ? null : 'shortened_after_tvet',
        funding: paid ? 'paid' : 'state',
        contractNumber: paid ? `ШТ-${g.profile.intakeYear}/${String(i + 1).padStart(3, '0')}` : null,
        contractFrom: paid ? effectiveOn : null,
        contractTo: paid ? contractTo : null,
        contractAmount: paid ? '850000.00' : null,
        contractStatus: paid ? 'active' : null,
      });
      await order({
        number,
        orderDate: `${g.profile.intakeYear}-08-25`,
        effectiveOn,
        kind: 'admission',
        learnerId: userId,
        signerId: director,
        details: { toGroupId: g.id, toProgrammeId: g.programme.id, intakeYear: g.profile.intakeYear },
        createdBy: director,
      });
      summary.admitted++;
    }
  }

  // Academic leave for health reasons, granted 40 days ago, ending in 20 days.
  const agr2 = await groupRow('agr2');
  const agr2Ids = r.learnerIds.get('agr2') ?? [];
  const onLeave = agr2Ids[3];
  if (onLeave) {
    const from = addDays(r.today, -40);
    await order({
      number: `${++orderNo}-Д`,
      orderDate: addDays(from, -3),
      effectiveOn: from,
      kind: 'academic_leave',
      learnerId: onLeave,
      signerId: dean,
      details: {
        leaveFrom: from,
        leaveTo: addDays(r.today, 20),
        reason: 'Денсаулығына байланысты (ДКК қорытындысы)',
      },
      createdBy: office,
    });
  }

  // A parallel first-year group, and a learner transferred into it from the first group.
  const agr1 = await groupRow('agr1');
  const code2 = agr1.code.replace(/-1$/, '-2');
  const [parallel] = await tx
    .insert(groups)
    .values({
      kind: 'academic_group',
      code: code2,
      name: `Агрономия (ҚБТ), ${agr1.profile.intakeYear}, 2-топ`,
      orgUnitId: r.unitId.get('KATU-AGR') ?? null,
    })
    .returning();
  await tx.insert(academicGroupProfiles).values({
    groupId: parallel!.id,
    programmeId: agr1.programme.id,
    intakeYear: agr1.profile.intakeYear,
    studyForm: agr1.profile.studyForm,
    language: agr1.profile.language,
    yearOfStudy: agr1.profile.yearOfStudy,
  });
  const agr1Ids = r.learnerIds.get('agr1') ?? [];
  const moved = agr1Ids.at(-1);
  const agr1Curriculum = await curriculumOf(agr1.programme.id, agr1.profile.intakeYear);
  const agr1Entries = await entriesOf(tx, agr1Curriculum.id);
  if (moved) {
    const on = addDays(r.today, -10);
    await moveToGroup(tx, moved, parallel!.id, on);
    await order({
      number: `${++orderNo}-А`,
      orderDate: addDays(on, -2),
      effectiveOn: on,
      kind: 'transfer',
      learnerId: moved,
      signerId: dean,
      details: {
        fromGroupId: agr1.id,
        toGroupId: parallel!.id,
        fromProgrammeId: agr1.programme.id,
        toProgrammeId: agr1.programme.id,
        reason: 'Жеке өтініші бойынша (оқу тілі мен кестеге байланысты)',
      },
      createdBy: office,
    });
    const ict = agr1Entries.find((e) => e.code === 'AGRO-1304');
    if (ict) {
      const [t] = await tx
        .insert(creditTransfers)
        .values({
          userId: moved,
          institution: college,
          disciplineName: 'Ақпараттық технологиялар',
          credits: 5,
          percent: '88.00',
          letter: letterOf(88),
          entryId: ict.entryId,
          createdBy: office,
        })
        .returning({ id: creditTransfers.id });
      // Recorded in the ledger as the dean's office's act is (verify-ledger checks it).
      await audit(tx, {
        actorId: office,
        action: 'creditTransfer.record',
        subjectType: 'user',
        subjectId: moved,
        data: { transferIds: [t!.id], entryIds: [ict.entryId] },
      });
      summary.creditTransfers++;
    }
  }

  // A shortened-programme learner of the second year: two first-year disciplines studied at
  // college are transferred; the other first-year disciplines are the academic difference.
  const shortened = agr2Ids[0];
  const agr2Curriculum = await curriculumOf(agr2.programme.id, agr2.profile.intakeYear);
  const agr2Entries = await entriesOf(tx, agr2Curriculum.id);
  if (shortened) {
    const firstYear = agr2Entries.filter((e) => e.yearOfStudy === 1 && e.component === 'compulsory');
    const earlier = [
      { name: 'Топырақтану негіздері', percent: 91, credits: 5 },
      { name: 'Агрометеорология негіздері', percent: 76, credits: 4 },
    ];
    const transferIds: string[] = [];
    const entryIds: string[] = [];
    for (const [i, e] of firstYear.slice(0, earlier.length).entries()) {
      const x = earlier[i]!;
      const [t] = await tx
        .insert(creditTransfers)
        .values({
          userId: shortened,
          institution: college,
          disciplineName: x.name,
          credits: x.credits,
          percent: x.percent.toFixed(2),
          letter: letterOf(x.percent),
          entryId: e.entryId,
          createdBy: office,
        })
        .returning({ id: creditTransfers.id });
      transferIds.push(t!.id);
      entryIds.push(e.entryId);
      summary.creditTransfers++;
    }
    if (transferIds.length) {
      await audit(tx, {
        actorId: office,
        action: 'creditTransfer.record',
        subjectType: 'user',
        subjectId: shortened,
        data: { transferIds, entryIds },
      });
    }
  }

  // Past grades of the second-year learners' first year, from the previous system.
  const period = `${agr2.profile.intakeYear}-${agr2.profile.intakeYear + 1}`;
  const migrated: Record<string, string> = {};
  for (const [i, userId] of agr2Ids.entries()) {
    if (userId === shortened) continue;
    for (const e of agr2Entries.filter((x) => x.yearOfStudy === 1 && x.component === 'compulsory')) {
      const percent = 62 + ((i * 7 + e.periodNumber * 11 + e.credits * 3) % 36);
      const [g] = await tx
        .insert(pastGrades)
        .values({
          userId,
          disciplineId: e.disciplineId,
          period: `${period}/${e.periodNumber}`,
          percent: percent.toFixed(2),
          letter: letterOf(percent),
          credits: e.credits,
          importedBy: registrar,
        })
        .returning();
      migrated[g!.id] = pastGradeHash(g!);
      summary.pastGrades++;
    }
  }
  // Like an import: the ledger holds each migrated grade's hash, so verify-ledger proves them.
  await audit(tx, {
    actorId: registrar,
    action: 'pastGrades.import',
    subjectType: 'past_grades',
    subjectId: null,
    data: {
      rows: summary.pastGrades,
      learners: agr2Ids.filter((id) => id !== shortened).length,
      grades: migrated,
      demo: true,
    },
  });

  // Elective blocks with an open registration window.
  const vet = await groupRow('vet');
  const vetCurriculum = await curriculumOf(vet.programme.id, vet.profile.intakeYear);
  const vetElectiveIds = await addElectives(tx, vetCurriculum.id, vet.profile.yearOfStudy, vetElectives, r);
  await addElectives(tx, agr1Curriculum.id, agr1.profile.yearOfStudy, agroElectives, r);
  await tx.insert(electiveWindows).values([
    {
      curriculumId: vetCurriculum.id,
      yearOfStudy: vet.profile.yearOfStudy,
      opensOn: addDays(r.today, -5),
      closesOn: addDays(r.today, 14),
      rules: [
        { block: 'A', choose: 1 },
        { block: 'B', choose: 1 },
      ],
    },
    {
      curriculumId: agr1Curriculum.id,
      yearOfStudy: agr1.profile.yearOfStudy,
      opensOn: addDays(r.today, -5),
      closesOn: addDays(r.today, 14),
      rules: [{ block: 'A', choose: 1 }],
    },
  ]);

  // The advisor's group: one plan approved, two waiting, one returned with a comment.
  const vetIds = r.learnerIds.get('vet') ?? [];
  const [a1, a2, b1, b2] = vetElectiveIds;
  const plans: Array<{ status: string; electives: string[]; comment?: string }> = [
    { status: 'approved', electives: [a1!, b1!] },
    { status: 'submitted', electives: [a2!, b1!] },
    { status: 'submitted', electives: [a1!, b2!] },
    {
      status: 'returned',
      electives: [a2!, b2!],
      comment:
        'Балық аурулары биыл тек күндізгі топтарға ашылады: А блогынан «Құс ауруларын емдеу» пәнін таңдаңыз.',
    },
  ];
  for (const [i, p] of plans.entries()) {
    const userId = vetIds[i];
    if (!userId) break;
    const decided = p.status === 'approved' || p.status === 'returned';
    const [plan] = await tx
      .insert(studyPlans)
      .values({
        userId,
        curriculumId: vetCurriculum.id,
        yearOfStudy: vet.profile.yearOfStudy,
        status: p.status,
        comment: p.comment ?? null,
        decidedBy: decided ? advisor : null,
        decidedAt: decided ? new Date() : null,
        version: decided ? 2 : 1,
      })
      .returning();
    await tx.insert(studyPlanElectives).values(p.electives.map((entryId) => ({ planId: plan!.id, entryId })));
    summary.studyPlans++;
  }
  return summary;
}

async function entriesOf(tx: Tx, curriculumId: string) {
  const rows = await tx
    .select({ e: curriculumEntries, code: disciplines.code })
    .from(curriculumEntries)
    .innerJoin(disciplines, eq(disciplines.id, curriculumEntries.disciplineId))
    .where(eq(curriculumEntries.curriculumId, curriculumId))
    .orderBy(curriculumEntries.yearOfStudy, curriculumEntries.periodNumber, disciplines.code);
  return rows.map(({ e, code }) => ({
    entryId: e.id,
    disciplineId: e.disciplineId,
    code,
    yearOfStudy: e.yearOfStudy,
    periodNumber: e.periodNumber,
    credits: e.credits,
    component: e.component,
  }));
}

/** Adds elective disciplines to the catalogue and to a curriculum's year; answers their entry ids. */
async function addElectives(
  tx: Tx,
  curriculumId: string,
  yearOfStudy: number,
  specs: ElectiveSpec[],
  r: RecordsRefs,
): Promise<string[]> {
  const [c] = await tx
    .select({ departmentId: programmes.departmentId })
    .from(curricula)
    .innerJoin(programmes, eq(programmes.id, curricula.programmeId))
    .where(eq(curricula.id, curriculumId));
  const existing = await tx
    .select()
    .from(disciplines)
    .where(
      inArray(
        disciplines.code,
        specs.map((s) => s.code),
      ),
    );
  const ids: string[] = [];
  for (const s of specs) {
    let disciplineId = existing.find((d) => d.code === s.code)?.id;
    if (!disciplineId) {
      const [d] = await tx
        .insert(disciplines)
        .values({
          code: s.code,
          nameKk: s.names[0],
          nameRu: s.names[1],
          nameEn: s.names[2],
          departmentId: c!.departmentId ?? r.unitId.get('KATU-AGR-PG')!,
        })
        .returning();
      disciplineId = d!.id;
    }
    const [e] = await tx
      .insert(curriculumEntries)
      .values({
        curriculumId,
        disciplineId,
        yearOfStudy,
        periodNumber: s.period,
        credits: s.credits,
        component: 'elective',
        electiveBlock: s.block,
        finalControl: 'graded_test',
      })
      .returning();
    ids.push(e!.id);
  }
  return ids;
}
