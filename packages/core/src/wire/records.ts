/**
 * Wire schemas of learner records (issue 4): admission and movement orders, the learner
 * card, individual study plans with electives, credit transfer, past grades, contingent.
 */
import { z } from 'zod';
import { isIsoDate } from '../calendar/dates.ts';
import { learnerStatuses, orderKinds } from '../records/status.ts';
import { dltCategories, studyForms } from './academics.ts';

const id = z.uuid();
const day = z.string().refine(isIsoDate, { message: 'validation.invalidFormat' });
const text = (max = 300) => z.string().trim().min(1).max(max);

export const importModes = ['preview', 'apply'] as const;
export const fundings = ['state', 'paid'] as const;
export const contractStatuses = ['active', 'suspended', 'terminated'] as const;

/** Who signed what, when: every order carries these. */
const orderHead = {
  number: text(60),
  orderDate: day,
  /** Defaults to the order date. */
  effectiveOn: day.optional(),
  signerId: id,
};

export const contractInput = z.strictObject({
  number: text(60),
  from: day,
  to: day,
  amount: z.number().nonnegative().max(1e11),
  status: z.enum(contractStatuses).default('active'),
});

/**
 * A paid-study contract changed after admission (status, dates, amount, number), with an
 * optional note why; the whole contract is sent as the form shows it.
 */
export const updateContractBody = contractInput
  .extend({ status: z.enum(contractStatuses), note: z.string().trim().max(500).optional() })
  .refine((c) => c.from <= c.to, { message: 'records.contractDates', path: ['to'] });

export const contractDto = z.object({
  number: z.string(),
  from: z.string().nullable(),
  to: z.string().nullable(),
  amount: z.string().nullable(),
  status: z.string().nullable(),
});

export const admitLearnersBody = z
  .strictObject({
    mode: z.enum(importModes).default('apply'),
    order: z.strictObject(orderHead),
    programmeId: id,
    intakeYear: z.number().int().min(2000).max(2100),
    groupId: id,
    studyForm: z.enum(studyForms).optional(),
    dltCategory: z.enum(dltCategories).optional(),
    funding: z.enum(fundings),
    documentFileIds: z.array(id).max(50).default([]),
    learners: z
      .array(z.strictObject({ userId: id, contract: contractInput.optional() }))
      .max(2000)
      .default([]),
    /**
     * Or a spreadsheet (CSV or XLSX, base64): columns login, contract_number,
     * contract_from, contract_to, contract_amount.
     */
    sheet: z.base64().max(1_500_000).optional(),
  })
  .refine((b) => b.learners.length > 0 !== (b.sheet !== undefined), {
    message: 'records.learnersOrSheet',
    path: ['learners'],
  });

export const admitAnswer = z.object({
  mode: z.enum(importModes),
  learners: z.array(z.object({ userId: id, login: z.string(), orderId: id.nullable() })),
});

export const issuableKinds = [
  ...orderKinds.filter((k) => k !== 'admission' && k !== 'promotion'),
  'cancellation',
] as const;

export const issueLearnerOrderBody = z.discriminatedUnion('kind', [
  z.strictObject({
    ...orderHead,
    kind: z.literal('academic_leave'),
    leaveTo: day,
    reason: text(1000).optional(),
  }),
  z.strictObject({ ...orderHead, kind: z.literal('return_from_leave') }),
  z.strictObject({ ...orderHead, kind: z.literal('transfer'), toGroupId: id, reason: text(1000).optional() }),
  z.strictObject({ ...orderHead, kind: z.literal('expulsion'), reason: text(1000) }),
  z.strictObject({ ...orderHead, kind: z.literal('reinstatement'), toGroupId: id.optional() }),
  z.strictObject({ ...orderHead, kind: z.literal('graduation') }),
  z.strictObject({ ...orderHead, kind: z.literal('cancellation'), cancelsOrderId: id, reason: text(1000) }),
]);

export const learnerOrder = z.object({
  id,
  number: z.string(),
  orderDate: z.string(),
  effectiveOn: z.string(),
  kind: z.enum([...orderKinds, 'cancellation']),
  learnerId: id,
  signerId: id,
  cancelsOrderId: id.nullable(),
  /** Set when a later order cancelled this one (the order itself is never edited). */
  cancelledByOrderId: id.nullable(),
  details: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
  /** On the card: who signed, and the code of the group the order moved the learner into. */
  signerName: z.string().optional(),
  toGroupCode: z.string().optional(),
});

export const learnerStatus = z.enum(learnerStatuses);

export const access = z.object({
  allowed: z.boolean(),
  /** a message key: why content and tests are closed */
  reason: z.string().nullable(),
  message: z.string().nullable(),
});

export const learnerCard = z.object({
  learner: z.object({
    id,
    login: z.string(),
    surname: z.string(),
    givenName: z.string(),
    patronymic: z.string().nullable(),
    recordBookNo: z.string().nullable(),
  }),
  status: learnerStatus.nullable(),
  statusSince: z.string().nullable(),
  profile: z
    .object({
      programmeId: id,
      programmeCode: z.string(),
      intakeYear: z.number().int(),
      studyForm: z.string(),
      dltCategory: z.string().nullable(),
      funding: z.enum(fundings),
      contract: z
        .object({
          number: z.string(),
          from: z.string().nullable(),
          to: z.string().nullable(),
          amount: z.string().nullable(),
          status: z.string().nullable(),
        })
        .nullable(),
      documentFileIds: z.array(id),
      /** the scans named by the admission, for staff who may download them (getAdmissionDocument); else empty */
      documents: z.array(z.object({ id, name: z.string(), contentType: z.string(), size: z.number().int() })),
    })
    .nullable(),
  group: z.object({ id, code: z.string(), name: z.string(), yearOfStudy: z.number().int() }).nullable(),
  access,
  orders: z.array(learnerOrder),
  /** Disciplines studied elsewhere (перезачёт); entryId is the curriculum discipline they cover. */
  creditTransfers: z.array(
    z.object({
      id,
      institution: z.string(),
      disciplineName: z.string(),
      credits: z.number().int(),
      percent: z.number(),
      letter: z.string(),
      entryId: id.nullable(),
    }),
  ),
  /** Grades imported from the previous system, by period. */
  pastGrades: z.array(
    z.object({
      disciplineId: id,
      disciplineCode: z.string(),
      period: z.string(),
      percent: z.number(),
      letter: z.string(),
      credits: z.number().int(),
    }),
  ),
});

export const learnerIdParams = z.object({ id });

export const studyPlanQuery = z.object({ yearOfStudy: z.coerce.number().int().min(1).max(10).optional() });

const planDiscipline = z.object({
  entryId: id,
  disciplineId: id,
  code: z.string(),
  name: z.object({ kk: z.string(), ru: z.string(), en: z.string() }),
  credits: z.number().int(),
  yearOfStudy: z.number().int(),
  periodNumber: z.number().int(),
  transferred: z.boolean(),
});

export const studyPlan = z.object({
  id: id.nullable(),
  learnerId: id,
  curriculumId: id,
  yearOfStudy: z.number().int(),
  status: z.enum(['draft', 'submitted', 'approved', 'returned']),
  comment: z.string().nullable(),
  version: z.number().int(),
  window: z.object({ opensOn: z.string(), closesOn: z.string(), open: z.boolean() }).nullable(),
  compulsory: z.array(planDiscipline),
  blocks: z.array(
    z.object({
      block: z.string(),
      choose: z.number().int(),
      options: z.array(planDiscipline.extend({ chosen: z.boolean() })),
    }),
  ),
  academicDifference: z.array(planDiscipline),
  credits: z.number().int(),
});

export const chooseElectivesBody = z.strictObject({
  yearOfStudy: z.number().int().min(1).max(10).optional(),
  entryIds: z.array(id).max(100),
});

export const approveStudyPlanBody = z
  .strictObject({ decision: z.enum(['approve', 'return']), comment: text(2000).optional() })
  .refine((b) => b.decision === 'approve' || b.comment !== undefined, {
    message: 'records.returnNeedsComment',
    path: ['comment'],
  });

export const electiveWindowBody = z.strictObject({
  opensOn: day,
  closesOn: day,
  rules: z.array(z.strictObject({ block: text(60), choose: z.number().int().min(1).max(20) })).max(50),
});
export const electiveWindowParams = z.object({ id, year: z.coerce.number().int().min(1).max(10) });

const grade = z.union([z.number().min(0).max(100), z.string().trim().min(1).max(3)]);

export const creditTransferBody = z.strictObject({
  items: z
    .array(
      z.strictObject({
        institution: text(300),
        disciplineName: text(300),
        credits: z.number().int().min(1).max(60),
        /** percent (0–100) or a letter (A … F) */
        grade,
        entryId: id.nullable().default(null),
      }),
    )
    .min(1)
    .max(200),
});

export const creditTransferAnswer = z.object({
  transfers: z.array(
    z.object({
      id,
      institution: z.string(),
      disciplineName: z.string(),
      credits: z.number().int(),
      percent: z.number(),
      letter: z.string(),
      entryId: id.nullable(),
    }),
  ),
  academicDifference: z.array(planDiscipline),
});

export const pastGradesAnswer = z.object({
  mode: z.enum(importModes),
  rows: z.number().int(),
  imported: z.number().int(),
});

export const contingentQuery = z.object({ on: day.optional() });
export const contingentReport = z.object({
  on: z.string(),
  rows: z.array(
    z.object({
      programmeId: id,
      programmeCode: z.string(),
      intakeYear: z.number().int(),
      studyForm: z.string(),
      dltCategory: z.string().nullable(),
      status: learnerStatus,
      count: z.number().int(),
    }),
  ),
  /**
   * Contracts and leaves ending within 30 days of the day, and leaves that already ended
   * without a return order (overdue: the dean's office issues a return or an expulsion).
   */
  endingSoon: z.array(
    z.object({
      learnerId: id,
      kind: z.enum(['contract', 'academic_leave']),
      endsOn: z.string(),
      overdue: z.boolean(),
      login: z.string(),
      surname: z.string(),
      givenName: z.string(),
      patronymic: z.string().nullable(),
    }),
  ),
});

/** The records' list of learners (dean's office, DL institute, advisors): search and filters. */
export const listLearnersQuery = z.object({
  q: z.string().trim().max(100).optional(),
  groupId: id.optional(),
  programmeId: id.optional(),
  status: learnerStatus.optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(25),
});

const learnerName = {
  login: z.string(),
  surname: z.string(),
  givenName: z.string(),
  patronymic: z.string().nullable(),
};

export const learnerListItem = z.object({
  id,
  ...learnerName,
  recordBookNo: z.string().nullable(),
  programmeId: id,
  programmeCode: z.string(),
  intakeYear: z.number().int(),
  studyForm: z.string(),
  dltCategory: z.string().nullable(),
  funding: z.enum(fundings),
  group: z.object({ id, code: z.string() }).nullable(),
  status: learnerStatus.nullable(),
});

export const learnerList = z.object({
  items: z.array(learnerListItem),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

export const planStatuses = ['draft', 'submitted', 'approved', 'returned'] as const;

/** The advisor's list: their learners' plans, submitted ones first. */
export const listStudyPlansQuery = z.object({
  status: z.enum(planStatuses).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(25),
});

export const studyPlanListItem = z.object({
  id,
  learnerId: id,
  ...learnerName,
  group: z.object({ id, code: z.string() }).nullable(),
  yearOfStudy: z.number().int(),
  status: z.enum(planStatuses),
  comment: z.string().nullable(),
  version: z.number().int(),
  electives: z.number().int(),
  updatedAt: z.string(),
});

export const studyPlanList = z.object({
  items: z.array(studyPlanListItem),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
