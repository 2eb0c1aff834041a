import { and, desc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { addDays, daysBetween } from '#core/calendar/index.ts';
import type { expiringCertificate, recordCertificateBody, teacherCertificate } from '#core/wire/academics.ts';
import { files, teacherCertificates, users } from '../../../db/schema/index.ts';
import { audit } from '../../../platform/audit.ts';
import type { AppContext } from '../../../platform/context.ts';
import { AppError, forbidden, notFound } from '../../../platform/errors.ts';
import { type Actor, can } from '../../../platform/policy.ts';
import { sniff } from '../../records/documents.ts';
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
      // Only a scan this person uploaded and no certificate names yet: a file id must not
      // open someone else's upload through the certificate.
      const [file] = await tx
        .select({ id: files.id, createdBy: files.createdBy, contentType: files.contentType })
        .from(files)
        .where(eq(files.id, input.fileId));
      const [used] = await tx
        .select({ id: teacherCertificates.id })
        .from(teacherCertificates)
        .where(eq(teacherCertificates.fileId, input.fileId));
      if (!file || file.createdBy !== actor.userId || !SCAN_TYPES.includes(file.contentType) || used) {
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

const SCAN_TYPES = ['application/pdf', 'image/jpeg', 'image/png'];
export const MAX_SCAN_BYTES = 10 * 1024 * 1024;

/**
 * Stores the scan of a certificate before it is recorded (the record then names it by
 * `fileId`): PDF, JPEG or PNG recognised by their first bytes, up to 10 MB.
 */
export async function uploadCertificateScan(
  { ctx, actor, ip }: Ctx,
  file: { name: string; bytes: Buffer; truncated: boolean },
) {
  if (!can(actor, 'certificate.record', anywhere)) throw forbidden();
  if (file.truncated || file.bytes.length > MAX_SCAN_BYTES)
    throw new AppError(422, 'scan-too-large', 'academics.scanTooLarge', { params: { max: 10 } });
  if (file.bytes.length === 0) throw new AppError(400, 'validation', 'academics.scanMissing');
  const contentType = sniff(file.bytes);
  if (!contentType) throw new AppError(422, 'scan-type', 'academics.scanType');
  const stored = await ctx.files.put(file.bytes, { name: file.name, contentType, createdBy: actor.userId });
  await ctx.db.transaction((tx) =>
    audit(tx, {
      actorId: actor.userId,
      action: 'certificateScan.upload',
      subjectType: 'file',
      subjectId: stored.id,
      ip,
      data: { size: stored.size, contentType },
    }),
  );
  return { id: stored.id, name: stored.name, contentType, size: stored.size };
}

/** The scan of a certificate, for the teacher it belongs to and those who record certificates. */
export async function certificateScan(
  { ctx, actor }: Omit<Ctx, 'ip'>,
  userId: string,
  certificateId: string,
) {
  if (actor.userId !== userId && !can(actor, 'certificate.record', anywhere)) throw forbidden();
  const [row] = await ctx.db
    .select({ fileId: teacherCertificates.fileId })
    .from(teacherCertificates)
    .where(and(eq(teacherCertificates.id, certificateId), eq(teacherCertificates.userId, userId)));
  if (!row?.fileId) throw notFound();
  const got = await ctx.files.get(row.fileId);
  if (!got) throw notFound();
  return got;
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
