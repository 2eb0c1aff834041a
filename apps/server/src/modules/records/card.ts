/** The learner card: who they are, what they were admitted to, where they are now, every order. */
import { eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import type { learnerCard } from '#core/wire/records.ts';
import {
  creditTransfers,
  disciplines,
  files,
  groups,
  learnerProfiles,
  pastGrades,
  programmes,
  users,
} from '../../db/schema/index.ts';
import { type Language, t } from '../../platform/i18n.ts';
import { can } from '../../platform/policy.ts';
import { almatyToday } from '../academics/scopes.ts';
import { learnerAccess } from './access.ts';
import { authorizeLearner, currentGroup, ordersOf, statusOn } from './learners.ts';
import { type Ctx, orderDto } from './orders.ts';

type Card = z.infer<typeof learnerCard>;

export async function getLearnerCard({ ctx, actor }: Omit<Ctx, 'ip'>, learnerId: string, lang: Language) {
  const db = ctx.db;
  const { user, scopes } = await authorizeLearner(db, actor, learnerId, 'learner.read');
  const mayDownload = can(actor, 'learner.documents.read', { userId: learnerId, scopes });
  const today = almatyToday(ctx.clock.now());
  const [row] = await db
    .select({ profile: learnerProfiles, code: programmes.code })
    .from(learnerProfiles)
    .innerJoin(programmes, eq(programmes.id, learnerProfiles.programmeId))
    .where(eq(learnerProfiles.userId, learnerId));
  const group = await currentGroup(db, learnerId);
  const status = await statusOn(db, learnerId, today);
  const access = await learnerAccess(db, learnerId, today);
  const { all, cancelledBy } = await ordersOf(db, learnerId);
  const p = row?.profile;
  const groupIds = [
    ...new Set(
      all.flatMap((o) =>
        (o.details as { toGroupId?: string }).toGroupId
          ? [(o.details as { toGroupId: string }).toGroupId]
          : [],
      ),
    ),
  ];
  const groupCodes = new Map(
    groupIds.length
      ? (
          await db
            .select({ id: groups.id, code: groups.code })
            .from(groups)
            .where(inArray(groups.id, groupIds))
        ).map((g) => [g.id, g.code])
      : [],
  );
  const signerIds = [...new Set(all.map((o) => o.signerId))];
  const signers = new Map(
    (
      await db
        .select({
          id: users.id,
          surname: users.surname,
          givenName: users.givenName,
          patronymic: users.patronymic,
        })
        .from(users)
        .where(inArray(users.id, signerIds.length ? signerIds : ['00000000-0000-0000-0000-000000000000']))
    ).map((u) => [u.id, [u.surname, u.givenName, u.patronymic].filter(Boolean).join(' ')]),
  );
  const documents =
    mayDownload && p?.documentFileIds.length
      ? await db
          .select({ id: files.id, name: files.name, contentType: files.contentType, size: files.size })
          .from(files)
          .where(inArray(files.id, p.documentFileIds))
      : [];
  const transfers = await db.select().from(creditTransfers).where(eq(creditTransfers.userId, learnerId));
  const grades = await db
    .select({ g: pastGrades, code: disciplines.code })
    .from(pastGrades)
    .innerJoin(disciplines, eq(disciplines.id, pastGrades.disciplineId))
    .where(eq(pastGrades.userId, learnerId))
    .orderBy(pastGrades.period, disciplines.code);
  const card: Card = {
    learner: {
      id: user.id,
      login: user.login,
      surname: user.surname,
      givenName: user.givenName,
      patronymic: user.patronymic,
      recordBookNo: user.recordBookNo,
    },
    status: status.status,
    statusSince: status.since,
    profile: p
      ? {
          programmeId: p.programmeId,
          programmeCode: row.code,
          intakeYear: p.intakeYear,
          studyForm: p.studyForm,
          dltCategory: p.dltCategory,
          funding: p.funding as 'state' | 'paid',
          contract: p.contractNumber
            ? {
                number: p.contractNumber,
                from: p.contractFrom,
                to: p.contractTo,
                amount: p.contractAmount,
                status: p.contractStatus,
              }
            : null,
          documentFileIds: p.documentFileIds,
          documents: p.documentFileIds.flatMap((fid) => documents.filter((d) => d.id === fid)),
        }
      : null,
    group: group
      ? { id: group.g.id, code: group.g.code, name: group.g.name, yearOfStudy: group.p?.yearOfStudy ?? 1 }
      : null,
    access: { ...access, message: access.reason ? t(lang, access.reason) : null },
    orders: all.map((o) => {
      const to = (o.details as { toGroupId?: string }).toGroupId;
      const code = to ? groupCodes.get(to) : undefined;
      return {
        ...orderDto(o, cancelledBy),
        signerName: signers.get(o.signerId) ?? '',
        ...(code ? { toGroupCode: code } : {}),
      };
    }),
    creditTransfers: transfers.map((t) => ({
      id: t.id,
      institution: t.institution,
      disciplineName: t.disciplineName,
      credits: t.credits,
      percent: Number(t.percent),
      letter: t.letter,
      entryId: t.entryId,
    })),
    pastGrades: grades.map(({ g, code }) => ({
      disciplineId: g.disciplineId,
      disciplineCode: code,
      period: g.period,
      percent: Number(g.percent),
      letter: g.letter,
      credits: g.credits,
    })),
  };
  return card;
}
