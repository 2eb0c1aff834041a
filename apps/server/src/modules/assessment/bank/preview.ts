import { and, desc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { permutation, seededRandom } from '#core/assessment/assembly.ts';
import type { QuestionData } from '#core/assessment/questions.ts';
import { pointsFor, scoreResponse } from '#core/assessment/scoring.ts';
import type { previewBody, previewResult } from '#core/wire/assessment.ts';
import { questions, questionVersions } from '../../../db/schema/index.ts';
import type { AppContext } from '../../../platform/context.ts';
import { forbidden, notFound } from '../../../platform/errors.ts';
import { type Actor, can } from '../../../platform/policy.ts';
import { rightAnswer, type Slot, served } from '../attempts/present.ts';
import { disciplineScopes } from '../scopes.ts';

/**
 * A teacher tries the current version as a learner would see it (shuffled as in an attempt)
 * and, given a response, sees what it would score. Nothing is stored.
 */
export async function previewQuestion(
  ctx: AppContext,
  actor: Actor,
  id: string,
  body: z.infer<typeof previewBody>,
): Promise<z.infer<typeof previewResult>> {
  const [q] = await ctx.db.select().from(questions).where(eq(questions.id, id));
  if (!q) throw notFound();
  const scopes = await disciplineScopes(ctx.db, q.disciplineId);
  if (!scopes || !can(actor, 'questionBank.manage', { scopes })) throw forbidden();
  const [v] = await ctx.db
    .select()
    .from(questionVersions)
    .where(and(eq(questionVersions.questionId, id), eq(questionVersions.versionNo, q.currentVersion)))
    .orderBy(desc(questionVersions.versionNo));
  const d = v!.data as QuestionData;
  const n =
    d.type === 'single' || d.type === 'multiple'
      ? d.options.length
      : d.type === 'matching'
        ? d.pairs.length
        : d.type === 'ordering'
          ? d.items.length
          : 0;
  const perm = permutation(
    n,
    seededRandom(body.seed ?? 'preview'),
    d.type === 'matching' || d.type === 'ordering',
  );
  const slot: Slot = { questionId: id, versionId: v!.id, type: d.type, points: v!.points, perm };
  const view = { type: d.type, text: v!.text as never, data: d, feedback: null };
  const question = served(0, slot, view, body.seed ?? 'preview') as z.infer<typeof previewResult>['question'];
  if (!body.response) return { question };
  const fraction = scoreResponse(d, body.response, perm);
  return {
    question,
    ...(fraction === null ? {} : { score: pointsFor(fraction, v!.points).toFixed(2) }),
    rightAnswer: rightAnswer(d, perm),
  };
}
