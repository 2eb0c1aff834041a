/**
 * The transcript (R-GRD-5): the learner reads their own; the registrar's office, the
 * dean's office and the advisor of the learner's group read it in their scopes (the
 * records' `learner.read` rule). Each PDF issued is recorded with a verification code
 * the public `verifyDocument` check accepts.
 */
import { createHash, randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { TranscriptData, TranscriptLine } from '#core/grading/index.ts';
import type { TranscriptDto } from '#core/wire/transcripts.ts';
import type { DbOrTx } from '../../db/client.ts';
import { programmes, transcriptDocuments, users } from '../../db/schema/index.ts';
import { audit } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import type { Language } from '../../platform/i18n.ts';
import type { Actor } from '../../platform/policy.ts';
import { authorizeLearner, currentGroup } from '../records/learners.ts';
import '../records/policy.ts';
import { fullName, universityOf } from '../statements/queries.ts';
import { learnerResults } from './results.ts';

const wireLine = (l: TranscriptLine): TranscriptDto['transferred'][number] => ({
  source: l.source,
  disciplineId: l.disciplineId,
  code: l.code,
  name: l.name,
  credits: l.credits,
  percent: l.percent,
  letter: l.letter,
  points: l.points,
  traditional: l.traditional,
  passing: l.passing,
  finalControl: l.finalControl,
  retake: l.retake ?? false,
  superseded: l.superseded,
  countsInGpa: l.countsInGpa,
  statementId: l.statementId ?? null,
  institution: l.institution ?? null,
});

function present(
  university: TranscriptDto['university'],
  learner: TranscriptDto['learner'],
  t: TranscriptData,
): TranscriptDto {
  return {
    university,
    learner,
    years: t.years.map((y) => ({
      startYear: y.startYear,
      credits: y.credits,
      gpa: y.gpa,
      outstandingFailures: y.outstandingFailures,
      periods: y.periods.map((p) => ({
        kind: p.kind,
        number: p.number,
        credits: p.credits,
        gpa: p.gpa,
        lines: p.lines.map(wireLine),
      })),
    })),
    transferred: t.transferred.map(wireLine),
    credits: t.credits,
    gpaCredits: t.gpaCredits,
    gpa: t.gpa,
    outstandingFailures: t.outstandingFailures,
  };
}

async function transcriptOf(
  db: DbOrTx,
  user: { id: string } & Parameters<typeof fullName>[0] & { recordBookNo: string | null },
) {
  const g = await currentGroup(db, user.id);
  const [programme] = g?.p
    ? await db.select().from(programmes).where(eq(programmes.id, g.p.programmeId))
    : [];
  return present(
    programme ? await universityOf(db, programme.departmentId) : null,
    {
      id: user.id,
      fullName: fullName(user),
      recordBookNo: user.recordBookNo,
      group: g ? { id: g.g.id, name: g.g.name } : null,
      yearOfStudy: g?.p?.yearOfStudy ?? null,
      programme: programme
        ? { code: programme.code, name: { kk: programme.nameKk, ru: programme.nameRu, en: programme.nameEn } }
        : null,
    },
    await learnerResults(db, user.id),
  );
}

export async function getTranscript(ctx: AppContext, actor: Actor, userId: string): Promise<TranscriptDto> {
  const { user } = await authorizeLearner(ctx.db, actor, userId, 'learner.read');
  return transcriptOf(ctx.db, user);
}

/** What a transcript certifies, hashed: every line with its grade and the GPAs. */
function digestOf(t: TranscriptDto): string {
  const lines = [...t.years.flatMap((y) => y.periods.flatMap((p) => p.lines)), ...t.transferred];
  const canon = lines.map((l) => [l.source, l.code, l.name.en, l.credits, l.percent, l.letter, l.superseded]);
  return createHash('sha256')
    .update(JSON.stringify({ canon, gpa: t.gpa, credits: t.credits }))
    .digest('hex');
}

function verificationCode(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  return `T${[...randomBytes(11)].map((b) => alphabet[b % alphabet.length]).join('')}`;
}

/** Issues a transcript document: records its code and digest, answers the transcript to print. */
export async function issueTranscript(
  ctx: AppContext,
  actor: Actor,
  userId: string,
  lang: Language,
  ip: string,
): Promise<{ transcript: TranscriptDto; code: string; issuedAt: Date }> {
  const { user } = await authorizeLearner(ctx.db, actor, userId, 'learner.read');
  const transcript = await transcriptOf(ctx.db, user);
  const code = verificationCode();
  const issuedAt = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    await tx.insert(transcriptDocuments).values({
      userId,
      verificationCode: code,
      language: lang,
      gpa: transcript.gpa,
      credits: transcript.credits,
      lineCount:
        transcript.years.reduce((n, y) => n + y.periods.reduce((m, p) => m + p.lines.length, 0), 0) +
        transcript.transferred.length,
      digest: digestOf(transcript),
      issuedBy: actor.userId,
      issuedAt,
    });
    await audit(tx, {
      actorId: actor.userId,
      action: 'transcript.issue',
      subjectType: 'user',
      subjectId: userId,
      ip,
      data: { code, gpa: transcript.gpa, credits: transcript.credits },
    });
  });
  return { transcript, code, issuedAt };
}

/** The public check of an issued transcript: initials, date, GPA, credits — and whether it is still current. */
export async function verifyTranscript(ctx: AppContext, code: string) {
  const [doc] = await ctx.db
    .select()
    .from(transcriptDocuments)
    .where(eq(transcriptDocuments.verificationCode, code.toUpperCase()));
  if (!doc) return null;
  const [user] = await ctx.db.select().from(users).where(eq(users.id, doc.userId));
  if (!user) throw notFound('statements.unknownCode');
  const now = await transcriptOf(ctx.db, user);
  const initials = [user.givenName, user.patronymic]
    .filter(Boolean)
    .map((n) => `${n!.slice(0, 1)}.`)
    .join(' ');
  return {
    valid: true as const,
    kind: 'transcript' as const,
    learner: `${user.surname} ${initials}`.trim(),
    issuedAt: doc.issuedAt.toISOString(),
    gpa: doc.gpa,
    credits: doc.credits,
    lineCount: doc.lineCount,
    current: digestOf(now) === doc.digest,
  };
}
