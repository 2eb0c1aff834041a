/**
 * What an importer gives back (issue 7): the questions it understood, each with its
 * position in the file and the category path it belongs to, and every question it refused
 * with the reason. Pure: the server turns `items` into bank rows, the web shows the rest.
 */
import { type Localized, type QuestionData, questionData, questionDataProblems } from '../questions.ts';

export const interchangeFormats = ['gift', 'moodlexml', 'aiken', 'platonus'] as const;
export type InterchangeFormat = (typeof interchangeFormats)[number];
export type Lang = 'kk' | 'ru' | 'en';

/** Why a question was refused; the web and the server translate the code (messages `interchange.refusal.*`). */
export const refusalCodes = [
  'syntax',
  'unclosedBrace',
  'noAnswers',
  'noCorrect',
  'tooFewOptions',
  'tooManyOptions',
  'duplicateOptions',
  'emptyText',
  'unsupportedType',
  'badNumber',
  'answerNotAnOption',
  'noAnswerLine',
  'clozeGapUnsupported',
  'description',
  'invalid',
  'tooLong',
] as const;
export type RefusalCode = (typeof refusalCodes)[number];

/** A change the importer had to make that the author should know of (the question is still imported). */
export const warningCodes = [
  'partialCreditDropped',
  'distractorsDropped',
  'imageMissing',
  'feedbackDropped',
  /** Moodle XML `<hidden>1</hidden>`: deleted in Moodle but kept for the quizzes that used it. */
  'hiddenInMoodle',
] as const;
export type WarningCode = (typeof warningCodes)[number];

export type ImportedQuestion = {
  /** 1-based: the n-th question of the file (categories and comments are not counted). */
  position: number;
  /** 1-based line where the question starts (0 when the format has no lines worth naming). */
  line: number;
  name: string;
  /** Category path below the target category, outermost first; empty means the target itself. */
  category: string[];
  text: Localized;
  feedback?: Localized;
  points: number;
  tags: string[];
  data: QuestionData;
  warnings: WarningCode[];
};

export type Refusal = { position: number; line: number; name: string; code: RefusalCode; detail?: string };

/** An image carried inside the file (Moodle XML `<file encoding="base64">`, data: URIs). */
export type EmbeddedFile = { name: string; contentType: string; base64: string };

export type ParseResult = {
  items: ImportedQuestion[];
  refused: Refusal[];
  /** Keyed by the name the texts use after `@@PLUGINFILE@@/`. */
  files: Record<string, EmbeddedFile>;
};

export type ParseOptions = {
  lang: Lang;
  /** Told the line each question starts at as the reader reaches it (for a progress bar). */
  onProgress?: (line: number) => void;
};

/** A refusal raised while reading one question; the parser catches it and records it. */
export class Refused extends Error {
  readonly code: RefusalCode;
  readonly detail: string | undefined;
  constructor(code: RefusalCode, detail?: string) {
    super(code);
    this.code = code;
    this.detail = detail;
  }
}

export const inLang = (lang: Lang, s: string): Localized => ({ kk: '', ru: '', en: '', [lang]: s });

/** The question in the file's language: the chosen one, else the first that is written. */
export function pick(l: Localized | null | undefined, lang: Lang): string {
  if (!l) return '';
  return l[lang] || l.kk || l.ru || l.en || '';
}

const MAX_TEXT = 20_000;

/**
 * The last check every importer runs: the bank's own schema and rules. Whatever would be
 * refused by `createQuestion` is refused here, with its position, before anything is stored.
 */
export function finish(
  q: Omit<ImportedQuestion, 'data' | 'warnings'> & { data: unknown; warnings?: WarningCode[] },
): ImportedQuestion {
  if (!pick(q.text, 'en').trim() && q.data && (q.data as { type?: string }).type !== 'cloze') {
    throw new Refused('emptyText');
  }
  const all = JSON.stringify([q.text, q.data, q.feedback]);
  if (all.length > 200_000 || pick(q.text, 'en').length > MAX_TEXT) throw new Refused('tooLong');
  const parsed = questionData.safeParse(q.data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue?.path.join('.') ?? '';
    if (/options|pairs|items/.test(path) && issue?.code === 'too_small') throw new Refused('tooFewOptions');
    if (/options|pairs|items/.test(path) && issue?.code === 'too_big') throw new Refused('tooManyOptions');
    if (issue?.code === 'too_big') throw new Refused('tooLong', path);
    throw new Refused('invalid', `${path}: ${issue?.message ?? ''}`);
  }
  const problems = questionDataProblems(parsed.data);
  if (problems.includes('singleNeedsOneCorrect') || problems.includes('multipleNeedsCorrect')) {
    throw new Refused('noCorrect');
  }
  if (problems.includes('needsFullAnswer')) throw new Refused('noCorrect');
  if (problems.length > 0) throw new Refused('invalid', problems.join(', '));
  const opts = 'options' in parsed.data ? parsed.data.options.map((o) => pick(o.text, 'en').trim()) : [];
  if (new Set(opts).size !== opts.length) throw new Refused('duplicateOptions');
  return { ...q, data: parsed.data, warnings: [...new Set(q.warnings ?? [])] };
}

/** Collects items and refusals in file order; one bad question never stops the rest. */
export function collector(opts?: ParseOptions) {
  const result: ParseResult = { items: [], refused: [], files: {} };
  let position = 0;
  const progress = opts?.onProgress;
  return {
    result,
    next: () => ++position,
    run(at: { position: number; line: number; name: string }, read: () => ImportedQuestion | null) {
      progress?.(at.line);
      try {
        const q = read();
        if (q) result.items.push(q);
      } catch (e) {
        if (!(e instanceof Refused)) throw e;
        result.refused.push({ ...at, code: e.code, ...(e.detail ? { detail: e.detail } : {}) });
      }
    },
  };
}

export const optionIds = (n: number) => Array.from({ length: n }, (_, i) => `o${i + 1}`);
