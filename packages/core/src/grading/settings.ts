/**
 * Grading settings (GRADING.md): every number is a setting with these defaults, versioned
 * and applied per academic year by the registrar — never a constant in the rules.
 * Decimal values are strings so they travel through JSON and the database exactly.
 */
export type Traditional = { kk: string; ru: string; en: string };

export type ScaleBand = {
  letter: string;
  /** digital equivalent, e.g. "3.67" */
  points: string;
  /** inclusive whole-percent bounds */
  minPercent: number;
  maxPercent: number;
  traditional: Traditional;
  passing: boolean;
  /** FX: the final control may be retaken without studying the discipline again. */
  retakeFinalControl?: boolean;
};

export type GradingSettings = {
  scale: ScaleBand[];
  /** R = currentWeight × ТК + ratingWeight × РК */
  ratingWeights: { current: string; rating: string };
  /** R1 and R2 must each reach this for admission. */
  admissionThreshold: number;
  /** Final = admission × AR + exam × exam score */
  finalWeights: { admission: string; exam: string };
  /** An exam below this fails on its own; the final is then capped at failCap. */
  examPassMark: number;
  failCap: number;
  maxRetakes: number;
  /** Transfer GPA needed to be promoted from year N to N+1, keyed by N. */
  transferGpa: Record<string, string>;
  promotionGpaBasis: 'year' | 'cumulative';
  outstandingFBlocksPromotion: boolean;
  /** A teacher may change a mark this many days after its activity's due date… */
  journalEditDays: number;
  /** …and, once the dean's office reopens the activity, this many days more. */
  journalReopenDays: number;
};

const EXCELLENT = { kk: 'өте жақсы', ru: 'отлично', en: 'excellent' };
const GOOD = { kk: 'жақсы', ru: 'хорошо', en: 'good' };
const SATISFACTORY = { kk: 'қанағаттанарлық', ru: 'удовлетворительно', en: 'satisfactory' };
const FAIL = { kk: 'қанағаттанарлықсыз', ru: 'неудовлетворительно', en: 'fail' };

export const defaultScale: ScaleBand[] = [
  { letter: 'A', points: '4.0', minPercent: 95, maxPercent: 100, traditional: EXCELLENT, passing: true },
  { letter: 'A-', points: '3.67', minPercent: 90, maxPercent: 94, traditional: EXCELLENT, passing: true },
  { letter: 'B+', points: '3.33', minPercent: 85, maxPercent: 89, traditional: GOOD, passing: true },
  { letter: 'B', points: '3.0', minPercent: 80, maxPercent: 84, traditional: GOOD, passing: true },
  { letter: 'B-', points: '2.67', minPercent: 75, maxPercent: 79, traditional: GOOD, passing: true },
  { letter: 'C+', points: '2.33', minPercent: 70, maxPercent: 74, traditional: SATISFACTORY, passing: true },
  { letter: 'C', points: '2.0', minPercent: 65, maxPercent: 69, traditional: SATISFACTORY, passing: true },
  { letter: 'C-', points: '1.67', minPercent: 60, maxPercent: 64, traditional: SATISFACTORY, passing: true },
  { letter: 'D+', points: '1.33', minPercent: 55, maxPercent: 59, traditional: SATISFACTORY, passing: true },
  { letter: 'D', points: '1.0', minPercent: 50, maxPercent: 54, traditional: SATISFACTORY, passing: true },
  {
    letter: 'FX',
    points: '0.5',
    minPercent: 25,
    maxPercent: 49,
    traditional: FAIL,
    passing: false,
    retakeFinalControl: true,
  },
  { letter: 'F', points: '0', minPercent: 0, maxPercent: 24, traditional: FAIL, passing: false },
];

export const defaultGradingSettings: GradingSettings = {
  scale: defaultScale,
  ratingWeights: { current: '0.5', rating: '0.5' },
  admissionThreshold: 50,
  finalWeights: { admission: '0.6', exam: '0.4' },
  examPassMark: 50,
  failCap: 49,
  maxRetakes: 2,
  transferGpa: { '1': '1.80', '2': '2.00', '3': '2.10' },
  promotionGpaBasis: 'year',
  outstandingFBlocksPromotion: false,
  journalEditDays: 10,
  journalReopenDays: 7,
};
