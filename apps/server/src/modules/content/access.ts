import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import {
  academicPeriods,
  contentMaterials,
  contentSections,
  courseOfferings,
  disciplines,
  enrolments,
} from '../../db/schema/index.ts';
import { AppError, forbidden, notFound } from '../../platform/errors.ts';
import { type Actor, can, has, type ScopeRef } from '../../platform/policy.ts';
import { almatyToday, offeringScopes, orgChain } from '../academics/scopes.ts';
import { learnerAccess } from '../records/access.ts';
import './policy.ts';

export type Discipline = typeof disciplines.$inferSelect;
export type MaterialRow = typeof contentMaterials.$inferSelect;

/**
 * Who edits a discipline's complex: a teacher of one of its offerings, or anyone granted
 * content.manage in its department (a methodologist). An offering-only item is edited by
 * that offering's teachers and the department. The faculty above is deliberately left out.
 */
export async function editScopes(
  tx: DbOrTx,
  discipline: Discipline,
  offeringId: string | null,
): Promise<ScopeRef[]> {
  const dept: ScopeRef = { type: 'org_unit', id: discipline.departmentId };
  if (offeringId) return [dept, { type: 'offering', id: offeringId }];
  const offerings = await tx
    .select({ id: courseOfferings.id })
    .from(courseOfferings)
    .where(eq(courseOfferings.disciplineId, discipline.id));
  return [dept, ...offerings.map((o) => ({ type: 'offering' as const, id: o.id }))];
}

/** Reviewers are appointed in a department (or above it); an offering-scoped reviewer too. */
export async function reviewScopes(
  tx: DbOrTx,
  discipline: Discipline,
  offeringId: string | null,
): Promise<ScopeRef[]> {
  const chain = await orgChain(tx, discipline.departmentId);
  return offeringId ? [...chain, { type: 'offering', id: offeringId }] : chain;
}

export async function findDiscipline(tx: DbOrTx, id: string): Promise<Discipline | undefined> {
  const [d] = await tx.select().from(disciplines).where(eq(disciplines.id, id));
  return d;
}

export type MaterialAccess = {
  material: MaterialRow;
  discipline: Discipline;
  canEdit: boolean;
  canReview: boolean;
};

/** A material as its editors and reviewers see it; everyone else must not learn it exists (404). */
export async function staffMaterial(
  tx: DbOrTx,
  actor: Actor,
  materialId: string,
  opts: { lock?: boolean } = {},
): Promise<MaterialAccess> {
  // Writers lock the material row: two decisions or edits on one material run one after the other.
  const query = tx.select().from(contentMaterials).where(eq(contentMaterials.id, materialId));
  const [material] = opts.lock ? await query.for('update') : await query;
  if (!material) throw notFound();
  const discipline = (await findDiscipline(tx, material.disciplineId))!;
  const canEdit = can(actor, 'content.edit', {
    scopes: await editScopes(tx, discipline, material.offeringId),
  });
  const canReview = can(actor, 'content.review', {
    scopes: await reviewScopes(tx, discipline, material.offeringId),
  });
  if (!canEdit && !canReview) throw notFound();
  return { material, discipline, canEdit, canReview };
}

export type OfferingAccess = {
  offering: typeof courseOfferings.$inferSelect;
  discipline: Discipline;
  /** learner: sees approved versions only; staff: may see drafts when editor or reviewer. */
  as: 'learner' | 'staff';
  seesDrafts: boolean;
  canEdit: boolean;
  /** The offering's period is over (or it was made read-only): its own items and announcements are frozen. */
  ended: boolean;
  endsOn: string;
};

/** The day (Almaty) a request is served on, from the context's clock. */
export const today = (clock: { now(): Date }) => almatyToday(clock.now());

/**
 * An offering whose period is over keeps its record: its own sections, materials and
 * announcements can no longer change. The discipline's shared complex stays editable
 * for the offerings to come.
 */
export async function offeringEnded(tx: DbOrTx, offeringId: string, onDate: string) {
  const [row] = await tx
    .select({ status: courseOfferings.status, endsOn: academicPeriods.endsOn })
    .from(courseOfferings)
    .innerJoin(academicPeriods, eq(academicPeriods.id, courseOfferings.periodId))
    .where(eq(courseOfferings.id, offeringId));
  if (!row) return { ended: false, endsOn: '' };
  return { ended: row.status === 'read_only' || row.endsOn < onDate, endsOn: row.endsOn };
}

export async function assertOfferingOpen(tx: DbOrTx, offeringId: string | null, onDate: string) {
  if (!offeringId) return;
  const { ended, endsOn } = await offeringEnded(tx, offeringId, onDate);
  if (ended) throw new AppError(409, 'offering-ended', 'content.offeringEnded', { params: { endsOn } });
}

/**
 * The course page of an offering: its enrolled learners, its editors and reviewers, and
 * staff who may read the offering or its journal (tutors, advisors). Anyone else signed in gets 403 (offerings are known to
 * their programme; a file of an offering one is not enrolled in is refused, not hidden).
 */
export async function offeringAccess(
  tx: DbOrTx,
  actor: Actor,
  offeringId: string,
  onDate: string,
): Promise<OfferingAccess> {
  const [offering] = await tx.select().from(courseOfferings).where(eq(courseOfferings.id, offeringId));
  if (!offering) throw notFound();
  const discipline = (await findDiscipline(tx, offering.disciplineId))!;
  const { ended, endsOn } = await offeringEnded(tx, offeringId, onDate);
  const base = { offering, discipline, ended, endsOn };
  const canEdit = can(actor, 'content.edit', {
    scopes: await editScopes(tx, discipline, offeringId),
  });
  const canReview = can(actor, 'content.review', {
    scopes: await reviewScopes(tx, discipline, offeringId),
  });
  if (canEdit || canReview) return { ...base, as: 'staff', seesDrafts: true, canEdit };
  const [enrolled] = await tx
    .select({ status: enrolments.status })
    .from(enrolments)
    .where(
      and(
        eq(enrolments.offeringId, offeringId),
        eq(enrolments.userId, actor.userId),
        eq(enrolments.status, 'active'),
      ),
    );
  if (enrolled) {
    // Access follows the learner's status (R-PRG-4): on leave, expelled or graduated, the
    // course's content is closed that day and the refusal says why.
    const status = await learnerAccess(tx, actor.userId, onDate);
    if (!status.allowed) throw new AppError(403, 'learner-access-closed', status.reason ?? 'error.forbidden');
    return { ...base, as: 'learner', seesDrafts: false, canEdit: false };
  }
  const scopes = await offeringScopes(tx, offeringId);
  // Staff who read the offering, and those who follow its learners (a tutor or an advisor
  // reads the journal there), see the course page as learners do: approved versions only.
  if (scopes && (has(actor, 'offerings.read', scopes) || has(actor, 'journal.read', scopes))) {
    return { ...base, as: 'staff', seesDrafts: false, canEdit: false };
  }
  throw forbidden();
}

/** A material belongs to an offering's page when it is the discipline's or this offering's own. */
export async function materialOfOffering(
  tx: DbOrTx,
  access: OfferingAccess,
  materialId: string,
): Promise<MaterialRow> {
  const [m] = await tx.select().from(contentMaterials).where(eq(contentMaterials.id, materialId));
  if (
    !m ||
    m.disciplineId !== access.discipline.id ||
    (m.offeringId !== null && m.offeringId !== access.offering.id)
  ) {
    throw notFound();
  }
  if (!access.seesDrafts && !m.approvedVersionId) throw notFound();
  return m;
}

export async function findSection(tx: DbOrTx, id: string) {
  const [s] = await tx.select().from(contentSections).where(eq(contentSections.id, id));
  return s;
}
