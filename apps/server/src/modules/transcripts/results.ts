/**
 * A learner's results and GPA — the one shared query other code calls (transcript,
 * at-risk list, year-end promotion). No authorization here: callers check access.
 *
 *   learnerResults(db, userId)                      → TranscriptData (every year, period, line)
 *   learnerGpa(db, userId)                          → cumulative GPA (Decimal | null)
 *   learnerGpa(db, userId, { startYear: 2025 })     → GPA of academic year 2025–2026
 *   learnerGpa(db, userId, { academicYearId })      → the same, by an academic_years row
 *
 * Sources: `final_results` (written only by approving a statement; a retake statement
 * replaces the FX in place), `past_grades` (migrated from the previous system, counted in
 * GPA) and `credit_transfers` (studied elsewhere: marked, left out of GPA). Letters,
 * digital equivalents and traditional grades come from the grading settings version each
 * result was computed with (migrated and transferred ones: the version in force that year).
 */
import { Decimal } from 'decimal.js';
import { eq } from 'drizzle-orm';
import {
  assembleTranscript,
  bandFor,
  gpa,
  type ResultInput,
  type TranscriptData,
} from '#core/grading/index.ts';
import { defaultGradingSettings, type GradingSettings } from '#core/grading/settings.ts';
import type { DbOrTx } from '../../db/client.ts';
import {
  academicPeriods,
  academicYears,
  creditTransfers,
  disciplines,
  finalResults,
  gradingSettingsVersions,
  pastGrades,
  statements,
} from '../../db/schema/index.ts';

const PAST_PERIOD = /^(\d{4})-(\d{4})\/(\d)$/;

/** Grading settings by version number and by academic year, loaded once per call. */
async function settingsBook(db: DbOrTx) {
  const rows = await db.select().from(gradingSettingsVersions);
  const full = (s: unknown): GradingSettings => ({
    ...defaultGradingSettings,
    ...((s ?? {}) as Partial<GradingSettings>),
  });
  return {
    ofVersion(no: number): GradingSettings {
      return full(rows.find((r) => r.versionNo === no)?.settings);
    },
    ofYear(year: number): GradingSettings {
      const r = rows
        .filter((x) => x.appliesFromYear <= year)
        .sort((a, b) => b.appliesFromYear - a.appliesFromYear || b.versionNo - a.versionNo)[0];
      return full(r?.settings);
    },
  };
}

/** The band of a stored letter (or, for a letter the scale lacks, of the percent). */
function bandOf(settings: GradingSettings, letter: string, percent: number) {
  return (
    settings.scale.find((b) => b.letter === letter) ??
    bandFor(settings, Math.max(0, Math.min(100, Math.round(percent))))
  );
}

/** Every result of a learner, as the transcript's input lines (unsorted). */
export async function learnerResultLines(db: DbOrTx, userId: string): Promise<ResultInput[]> {
  const book = await settingsBook(db);
  const finals = await db
    .select({
      r: finalResults,
      code: disciplines.code,
      nameKk: disciplines.nameKk,
      nameRu: disciplines.nameRu,
      nameEn: disciplines.nameEn,
      startYear: academicYears.startYear,
      periodKind: academicPeriods.kind,
      periodNumber: academicPeriods.number,
      statementKind: statements.kind,
    })
    .from(finalResults)
    .innerJoin(disciplines, eq(disciplines.id, finalResults.disciplineId))
    .innerJoin(academicPeriods, eq(academicPeriods.id, finalResults.periodId))
    .innerJoin(academicYears, eq(academicYears.id, academicPeriods.academicYearId))
    .innerJoin(statements, eq(statements.id, finalResults.statementId))
    .where(eq(finalResults.userId, userId));
  const past = await db
    .select({
      g: pastGrades,
      code: disciplines.code,
      nameKk: disciplines.nameKk,
      nameRu: disciplines.nameRu,
      nameEn: disciplines.nameEn,
    })
    .from(pastGrades)
    .innerJoin(disciplines, eq(disciplines.id, pastGrades.disciplineId))
    .where(eq(pastGrades.userId, userId));
  const transfers = await db.select().from(creditTransfers).where(eq(creditTransfers.userId, userId));

  const out: ResultInput[] = [];
  for (const f of finals) {
    const settings = book.ofVersion(f.r.gradingVersionNo);
    const band = bandOf(settings, f.r.letter, f.r.percent);
    out.push({
      source: 'statement',
      disciplineId: f.r.disciplineId,
      code: f.code,
      name: { kk: f.nameKk, ru: f.nameRu, en: f.nameEn },
      credits: f.r.credits,
      percent: f.r.percent,
      letter: f.r.letter,
      points: new Decimal(f.r.points).toFixed(2),
      traditional: band.traditional,
      passing: f.r.passing,
      finalControl: f.r.finalControl,
      startYear: f.startYear,
      periodKind: f.periodKind === 'summer' ? 'summer' : 'trimester',
      periodNumber: f.periodNumber,
      statementId: f.r.statementId,
      retake: f.statementKind === 'retake',
      offeringId: f.r.offeringId,
    });
  }
  for (const p of past) {
    const m = PAST_PERIOD.exec(p.g.period);
    const startYear = m ? Number(m[1]) : null;
    const settings = book.ofYear(startYear ?? 0);
    const percent = Number(p.g.percent);
    const band = bandOf(settings, p.g.letter, percent);
    out.push({
      source: 'migrated',
      disciplineId: p.g.disciplineId,
      code: p.code,
      name: { kk: p.nameKk, ru: p.nameRu, en: p.nameEn },
      credits: p.g.credits,
      percent,
      letter: p.g.letter,
      points: new Decimal(band.points).toFixed(2),
      traditional: band.traditional,
      passing: band.passing,
      finalControl: null,
      startYear,
      periodKind: 'trimester',
      periodNumber: m ? Number(m[3]) : null,
    });
  }
  for (const t of transfers) {
    const settings = book.ofYear(t.createdAt.getUTCFullYear());
    const percent = Number(t.percent);
    const band = bandOf(settings, t.letter, percent);
    out.push({
      source: 'transferred',
      disciplineId: null,
      code: null,
      name: { kk: t.disciplineName, ru: t.disciplineName, en: t.disciplineName },
      credits: t.credits,
      percent,
      letter: t.letter,
      points: new Decimal(band.points).toFixed(2),
      traditional: band.traditional,
      passing: band.passing,
      finalControl: null,
      startYear: null,
      periodKind: null,
      periodNumber: null,
      institution: t.institution,
    });
  }
  return out;
}

/** The learner's whole record: years → periods → lines, with GPA per period, per year and cumulative. */
export async function learnerResults(db: DbOrTx, userId: string): Promise<TranscriptData> {
  return assembleTranscript(await learnerResultLines(db, userId));
}

export type GpaOptions = {
  /** GPA of one academic year, by its start year (2025 → 2025–2026)… */
  startYear?: number;
  /** …or by an `academic_years` row (any study form's calendar of that year). */
  academicYearId?: string;
};

/**
 * The learner's GPA (GRADING.md): cumulative, or of one academic year. Decimal rounded to
 * 2 places, or null when nothing counts yet. Transferred credits and results superseded by
 * a later study of the same discipline are left out. Pass it to core `promotion()`.
 */
export async function learnerGpa(db: DbOrTx, userId: string, opts: GpaOptions = {}): Promise<Decimal | null> {
  let year = opts.startYear;
  if (opts.academicYearId) {
    const [y] = await db
      .select({ startYear: academicYears.startYear })
      .from(academicYears)
      .where(eq(academicYears.id, opts.academicYearId));
    if (!y) throw new RangeError(`no academic year ${opts.academicYearId}`);
    year = y.startYear;
  }
  const data = await learnerResults(db, userId);
  const lines =
    year === undefined
      ? data.years.flatMap((y) => y.periods.flatMap((p) => p.lines))
      : (data.years.find((y) => y.startYear === year)?.periods.flatMap((p) => p.lines) ?? []);
  return gpa(lines.map((l) => ({ points: l.points, credits: l.credits, countsInGpa: l.countsInGpa })));
}
