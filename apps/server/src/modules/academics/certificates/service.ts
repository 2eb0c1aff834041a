import { desc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { addDays, daysBetween } from '#core/calendar/index.ts';
import type { expiringCertificate, recordCertificateBody, teacherCertificate } from '#core/wire/academics.ts';
import { files, teacherCertificates, users } from '../../../db/schema/index.ts';
import { audit } from '../../../platform/audit.ts';
import type { AppContext } from '../../../platform/context.ts';
import { AppError, forbidden, notFound } from '../../../platform/errors.ts';
import { type Actor, can } from '../../../platform/policy.ts';
import { almatyToday, rowsOf } from '../scopes.ts';
import { sortKazakh } from '../sorting.ts';

type Ctx = { ctx: AppContext; actor: Actor; ip: string };
type Certificate = z.infer<typeof teacherCertificate>;
const anywhere = { scopes: 'anywhere' as const };

const dto = (c: typeof teacherCertificates.$inferSelect): Certificate => ({
  id: c.id,
  userId: c.userId,
  number: c.number,
  issuer: c.issuer,
  issuedOn: c.issuedOn,
  expiresOn: c.expiresOn,
  fileId: c.fileId,
});

export async function recordTeacherCertificate(
  { ctx, actor, ip }: Ctx,
  userId: string,
  input: z.infer<typeof recordCertificateBody>,
) {
  if (!can(actor, 'certificate.record', anywhere)) throw forbidden();
  return ctx.db.transaction(async (tx) => {
    const [user] = await tx.select({ id: users.id }).from(users).where(eq(users.id, userId));
    if (!user) throw notFound();
    if (input.expiresOn <= input.issuedOn) {
      throw new AppError(422, 'certificate-dates', 'academics.certificateDates', {
        errors: [{ pointer: '/expiresOn', code: 'beforeIssue', detail: 'academics.certificateDates' }],
      });
    }
    if (input.fileId) {
      const [file] = await tx.select({ id: files.id }).from(files).where(eq(files.id, input.fileId));
      if (!file) {
        throw new AppError(422, 'file-not-found', 'academics.fileNotFound', {
          errors: [{ pointer: '/fileId', code: 'notFound', detail: 'academics.fileNotFound' }],
        });
      }
    }
    const [row] = await tx
      .insert(teacherCertificates)
      .values({ userId, ...input, fileId: input.fileId ?? null, createdBy: actor.userId })
      .returning();
    await audit(tx, {
      actorId: actor.userId,
      action: 'certificate.record',
      subjectType: 'user',
      subjectId: userId,
      ip,
      data: { certificateId: row!.id, expiresOn: row!.expiresOn },
    });
    return dto(row!);
  });
}

/** A teacher sees their own certificates; those who record them see everyone's. */
export async function listTeacherCertificates({ ctx, actor }: Omit<Ctx, 'ip'>, userId: string) {
  if (actor.userId !== userId && !can(actor, 'certificate.record', anywhere)) throw forbidden();
  const rows = await ctx.db
    .select()
    .from(teacherCertificates)
    .where(eq(teacherCertificates.userId, userId))
    .orderBy(desc(teacherCertificates.expiresOn));
  return { items: rows.map(dto) };
}

/**
 * Teachers whose certificate runs out within `days` (their latest one: a renewed
 * certificate takes a teacher off the list).
 */
export async function listExpiringCertificates({ ctx, actor }: Omit<Ctx, 'ip'>, days: number) {
  if (!can(actor, 'certificate.record', anywhere)) throw forbidden();
  const today = almatyToday();
  const until = addDays(today, days);
  const res = await ctx.db.execute(sql`
    select distinct on (c.user_id) c.id, c.user_id, c.number, c.issuer, c.issued_on::text as issued_on,
      c.expires_on::text as expires_on, c.file_id, u.surname, u.given_name
    from ${teacherCertificates} c join ${users} u on u.id = c.user_id
    order by c.user_id, c.expires_on desc`);
  type Row = {
    id: string;
    user_id: string;
    number: string;
    issuer: string;
    issued_on: string;
    expires_on: string;
    file_id: string | null;
    surname: string;
    given_name: string;
  };
  const items: z.infer<typeof expiringCertificate>[] = rowsOf<Row>(res)
    .filter((r) => r.expires_on >= today && r.expires_on <= until)
    .map((r) => ({
      id: r.id,
      userId: r.user_id,
      number: r.number,
      issuer: r.issuer,
      issuedOn: r.issued_on,
      expiresOn: r.expires_on,
      fileId: r.file_id,
      surname: r.surname,
      givenName: r.given_name,
      daysLeft: daysBetween(today, r.expires_on),
    }));
  sortKazakh(
    items,
    (i) => i.expiresOn,
    (i) => `${i.surname} ${i.givenName}`,
  );
  return { items };
}
