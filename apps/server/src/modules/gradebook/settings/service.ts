import { defaultGradingSettings, type GradingSettings } from '#core/grading/settings.ts';
import type { GradingSettingsVersion } from '#core/wire/grading.ts';
import type { DbOrTx } from '../../../db/client.ts';
import { audit } from '../../../platform/audit.ts';
import type { AppContext } from '../../../platform/context.ts';
import { AppError, forbidden } from '../../../platform/errors.ts';
import { type Actor, can } from '../../../platform/policy.ts';
import '../policy.ts';
import * as q from './queries.ts';

const present = (r: q.SettingsRow): GradingSettingsVersion => ({
  id: r.id,
  versionNo: r.versionNo,
  appliesFromYear: r.appliesFromYear,
  // Settings added after a version was saved take their defaults.
  settings: { ...defaultGradingSettings, ...(r.settings as Partial<GradingSettings>) },
  reason: r.reason,
  createdBy: r.createdBy,
  createdAt: r.createdAt.toISOString(),
});

/** Installs GRADING.md's defaults as version 1 when no version exists yet. */
export async function ensureDefaultGradingSettings(tx: DbOrTx): Promise<void> {
  if ((await q.nextVersionNo(tx)) > 1) return;
  await q.insertVersion(tx, {
    versionNo: 1,
    appliesFromYear: 2000,
    settings: defaultGradingSettings,
    reason: 'Defaults of the state standard (GRADING.md)',
  });
}

export async function listGradingSettings(ctx: AppContext): Promise<GradingSettingsVersion[]> {
  return (await q.listVersions(ctx.db)).map(present);
}

export async function effectiveGradingSettings(
  ctx: AppContext,
  year: number,
): Promise<GradingSettingsVersion> {
  const row = await q.effectiveVersion(ctx.db, year);
  if (!row) throw new AppError(404, 'no-grading-settings', 'grading.noSettings', { params: { year } });
  return present(row);
}

/**
 * A new version applying from an academic year. Earlier versions are never changed:
 * results already computed keep the version they were computed with.
 */
export async function createGradingSettings(
  ctx: AppContext,
  actor: Actor,
  input: { appliesFromYear: number; reason: string; settings: GradingSettings },
  ip: string,
): Promise<GradingSettingsVersion> {
  if (!can(actor, 'grading.settings.create')) throw forbidden();
  try {
    return await ctx.db.transaction(async (tx) => {
      const versionNo = await q.nextVersionNo(tx);
      const row = await q.insertVersion(tx, {
        versionNo,
        appliesFromYear: input.appliesFromYear,
        settings: input.settings,
        reason: input.reason,
        createdBy: actor.userId,
      });
      await audit(tx, {
        actorId: actor.userId,
        action: 'grading.settings.create',
        subjectType: 'grading_settings',
        subjectId: row.id,
        ip,
        data: { versionNo, appliesFromYear: input.appliesFromYear },
      });
      return present(row);
    });
  } catch (err) {
    // Two versions saved at the same instant: the unique version number refuses the second.
    if (
      (err as { code?: string }).code === '23505' ||
      (err as { cause?: { code?: string } }).cause?.code === '23505'
    ) {
      throw new AppError(409, 'conflict', 'grading.versionConflict');
    }
    throw err;
  }
}
