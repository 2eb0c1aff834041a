import { Decimal } from 'decimal.js';
import { z } from 'zod';
import { validateScale } from '../grading/scale.ts';

const decimalString = (max: number, places: number) =>
  z
    .string()
    .regex(/^\d+(\.\d+)?$/, 'grading.decimal')
    .refine((v) => new Decimal(v).lte(max) && new Decimal(v).decimalPlaces() <= places, 'grading.decimal');

const percent = z.number().int().min(0).max(100);
const traditional = z.object({
  kk: z.string().min(1).max(80),
  ru: z.string().min(1).max(80),
  en: z.string().min(1).max(80),
});

export const scaleBand = z.object({
  letter: z.string().regex(/^[A-Z][+-]?$|^FX$/, 'grading.letter'),
  points: decimalString(4, 2),
  minPercent: percent,
  maxPercent: percent,
  traditional,
  passing: z.boolean(),
  retakeFinalControl: z.boolean().optional(),
});

const sumsToOne = (a: string, b: string) => new Decimal(a).plus(b).eq(1);
const ratingWeights = z
  .object({ current: decimalString(1, 2), rating: decimalString(1, 2) })
  .refine((w) => sumsToOne(w.current, w.rating), { message: 'grading.weightsSum' });
const finalWeights = z
  .object({ admission: decimalString(1, 2), exam: decimalString(1, 2) })
  .refine((w) => sumsToOne(w.admission, w.exam), { message: 'grading.weightsSum' });

/** The settings body: every number of GRADING.md, checked as a whole. */
export const gradingSettings = z
  .object({
    scale: z.array(scaleBand).min(2).max(30),
    ratingWeights,
    admissionThreshold: percent,
    finalWeights,
    examPassMark: percent,
    failCap: percent,
    maxRetakes: z.number().int().min(0).max(10),
    transferGpa: z.record(z.string().regex(/^[1-7]$/), decimalString(4, 2)),
    promotionGpaBasis: z.enum(['year', 'cumulative']),
    outstandingFBlocksPromotion: z.boolean(),
    journalEditDays: z.number().int().min(0).max(365),
    journalReopenDays: z.number().int().min(1).max(365),
  })
  .superRefine((s, ctx) => {
    for (const p of validateScale(s.scale)) {
      const index = 'letter' in p ? s.scale.findIndex((b) => b.letter === p.letter) : -1;
      ctx.addIssue({
        code: 'custom',
        message: `grading.scale.${p.code}`,
        path: index >= 0 ? ['scale', index] : ['scale'],
        params: p,
      });
    }
  });

export const gradingSettingsVersion = z.object({
  id: z.uuid(),
  versionNo: z.number().int(),
  appliesFromYear: z.number().int(),
  settings: gradingSettings,
  reason: z.string().nullable(),
  createdBy: z.uuid().nullable(),
  createdAt: z.iso.datetime(),
});

export const createGradingSettingsBody = z.object({
  appliesFromYear: z.number().int().min(2000).max(2100),
  reason: z.string().trim().min(3).max(1000),
  settings: gradingSettings,
});

export type GradingSettingsVersion = z.infer<typeof gradingSettingsVersion>;
