import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import {
  acceptsSaves,
  assembleVariant,
  attemptDeadline,
  bandFeedback,
  clozeRightAnswer,
  drawProblems,
  effectiveWindow,
  gapFeedback,
  gapOptionOrder,
  gradeOverAttempts,
  matchesPattern,
  mayStart,
  type Override,
  type Part,
  parseNumberWithUnit,
  percentOf,
  permutation,
  type QuestionData,
  questionData,
  questionDataProblems,
  reviewVisibility,
  scoreResponse,
  seededRandom,
  servedGaps,
  variantCount,
  type Window,
} from './index.ts';

const L = (s: string) => ({ kk: s, ru: s, en: s });
const q = (d: unknown) => questionData.parse(d);
const score = (d: QuestionData, r: unknown, perm?: number[]) =>
  scoreResponse(d, r as never, perm)?.toNumber();

describe('single choice and true/false', () => {
  const d = q({
    type: 'single',
    options: [
      { id: 'a', text: L('A'), correct: false },
      { id: 'b', text: L('B'), correct: true },
    ],
  });
  it('gives all for the right option, nothing otherwise', () => {
    expect(score(d, { choice: 'b' })).toBe(1);
    expect(score(d, { choice: 'a' })).toBe(0);
    expect(score(d, { choice: 'zz' })).toBe(0);
    expect(score(d, { text: 'b' })).toBe(0);
    expect(score(d, null)).toBe(0);
  });
  it('requires exactly one right option', () => {
    const two = q({
      type: 'single',
      options: [
        { id: 'a', text: L('A'), correct: true },
        { id: 'b', text: L('B'), correct: true },
      ],
    });
    expect(questionDataProblems(two)).toContain('singleNeedsOneCorrect');
    expect(questionDataProblems(d)).toEqual([]);
  });
  it('true/false', () => {
    const tf = q({ type: 'truefalse', correct: false });
    expect(score(tf, { value: false })).toBe(1);
    expect(score(tf, { value: true })).toBe(0);
  });
});

describe('multiple choice', () => {
  const opts = [
    { id: 'a', text: L('A'), correct: true },
    { id: 'b', text: L('B'), correct: true },
    { id: 'c', text: L('C'), correct: false },
    { id: 'd', text: L('D'), correct: false },
  ];
  const partial = q({ type: 'multiple', options: opts });
  it('gives partial credit per right choice', () => {
    expect(score(partial, { choices: ['a', 'b'] })).toBe(1);
    expect(score(partial, { choices: ['a'] })).toBe(0.5);
  });
  it('takes off the default penalty (1 / right options) per wrong choice, never below zero', () => {
    expect(score(partial, { choices: ['a', 'b', 'c'] })).toBe(0.5);
    expect(score(partial, { choices: ['a', 'c'] })).toBe(0);
    expect(score(partial, { choices: ['a', 'b', 'c', 'd'] })).toBe(0);
    expect(score(partial, { choices: ['c', 'd'] })).toBe(0);
  });
  it('ticking every box does not beat the penalty', () => {
    expect(score(partial, { choices: ['a', 'b', 'c', 'd'] })).toBeLessThan(1);
  });
  it('uses a configured penalty', () => {
    const p = q({ type: 'multiple', options: opts, penalty: 0.25 });
    expect(score(p, { choices: ['a', 'b', 'c'] })).toBe(0.75);
    const none = q({ type: 'multiple', options: opts, penalty: 0 });
    expect(score(none, { choices: ['a', 'b', 'c', 'd'] })).toBe(1);
  });
  it('counts a repeated or unknown id once / not at all', () => {
    expect(score(partial, { choices: ['a', 'a', 'x'] })).toBe(0.5);
  });
  it('all or nothing', () => {
    const all = q({ type: 'multiple', options: opts, scoring: 'allOrNothing' });
    expect(score(all, { choices: ['b', 'a'] })).toBe(1);
    expect(score(all, { choices: ['a'] })).toBe(0);
    expect(score(all, { choices: ['a', 'b', 'c'] })).toBe(0);
  });
  it('needs a right option', () => {
    expect(
      questionDataProblems(q({ type: 'multiple', options: opts.map((o) => ({ ...o, correct: false })) })),
    ).toContain('multipleNeedsCorrect');
  });
});

describe('short answer', () => {
  const d = q({
    type: 'short',
    answers: [
      { text: 'Астана', fraction: 1 },
      { text: 'Нур-Султан', fraction: 0.5 },
      { text: 'ақ*ла', fraction: 1 },
    ],
  });
  it('ignores case and extra spaces by default', () => {
    expect(score(d, { text: '  астана ' })).toBe(1);
    expect(score(d, { text: 'АСТАНА' })).toBe(1);
    expect(score(d, { text: 'нур-султан' })).toBe(0.5);
    expect(score(d, { text: 'Алматы' })).toBe(0);
    expect(score(d, { text: '' })).toBe(0);
  });
  it('collapses inner whitespace', () => {
    expect(matchesPattern('Solar   system', 'solar system', false)).toBe(true);
  });
  it('wildcards match any run, but only there', () => {
    expect(score(d, { text: 'Ақмола' })).toBe(1);
    expect(score(d, { text: 'ақла' })).toBe(1);
    expect(score(d, { text: 'ақмолаx' })).toBe(0);
  });
  it('treats regex characters literally', () => {
    expect(matchesPattern('a.b', 'a.b', false)).toBe(true);
    expect(matchesPattern('axb', 'a.b', false)).toBe(false);
    expect(matchesPattern('(x)', '(x)', false)).toBe(true);
  });
  it('can be case sensitive', () => {
    const cs = q({ type: 'short', answers: [{ text: 'NaCl' }], caseSensitive: true });
    expect(score(cs, { text: 'NaCl' })).toBe(1);
    expect(score(cs, { text: 'nacl' })).toBe(0);
  });
  it('takes the best matching alternative', () => {
    const d2 = q({
      type: 'short',
      answers: [
        { text: '*', fraction: 0.1 },
        { text: 'x', fraction: 1 },
      ],
    });
    expect(score(d2, { text: 'x' })).toBe(1);
    expect(score(d2, { text: 'y' })).toBe(0.1);
  });
  it('needs a full-credit answer', () => {
    expect(questionDataProblems(q({ type: 'short', answers: [{ text: 'x', fraction: 0.5 }] }))).toContain(
      'needsFullAnswer',
    );
  });
});

describe('numerical', () => {
  const d = q({
    type: 'numerical',
    answers: [
      { value: 9.81, tolerance: 0.01, fraction: 1 },
      { value: 10, tolerance: 0, fraction: 0.5 },
    ],
  });
  it('accepts within the tolerance, with comma or point', () => {
    expect(score(d, { text: '9.81' })).toBe(1);
    expect(score(d, { text: '9,8' })).toBe(1);
    expect(score(d, { text: '9.82' })).toBe(1);
    expect(score(d, { text: '9.83' })).toBe(0);
    expect(score(d, { text: '10' })).toBe(0.5);
    expect(score(d, { text: 'ten' })).toBe(0);
  });
  it('parses what learners type', () => {
    expect(parseNumberWithUnit('1 000,5 кг')?.value.toNumber()).toBe(1000.5);
    expect(parseNumberWithUnit('1 000,5 кг')?.unit).toBe('кг');
    expect(parseNumberWithUnit('-1.5e3')?.value.toNumber()).toBe(-1500);
    expect(parseNumberWithUnit('abc')).toBeNull();
  });
  it('converts accepted units and refuses unknown ones', () => {
    const u = q({
      type: 'numerical',
      answers: [{ value: 1500, tolerance: 0 }],
      units: [
        { unit: 'm', multiplier: 1 },
        { unit: 'km', multiplier: 1000 },
      ],
    });
    expect(score(u, { text: '1500 m' })).toBe(1);
    expect(score(u, { text: '1.5 km' })).toBe(1);
    expect(score(u, { text: '1500' })).toBe(1);
    expect(score(u, { text: '1500 cm' })).toBe(0);
    const required = q({ ...u, unitRequired: true });
    expect(score(required, { text: '1500' })).toBe(0);
    expect(score(required, { text: '1,5km' })).toBe(1);
  });
  it('is exact with decimals (0.1 + 0.2 style)', () => {
    const e = q({ type: 'numerical', answers: [{ value: 0.3, tolerance: 0 }] });
    expect(score(e, { text: '0.3' })).toBe(1);
  });
});

describe('matching, ordering, cloze', () => {
  const m = q({
    type: 'matching',
    pairs: [
      { id: 'p1', prompt: L('Kazakhstan'), answer: L('Astana') },
      { id: 'p2', prompt: L('Kyrgyzstan'), answer: L('Bishkek') },
      { id: 'p3', prompt: L('Uzbekistan'), answer: L('Tashkent') },
    ],
  });
  it('matching counts right pairs through the shown permutation', () => {
    const perm = [2, 0, 1]; // c0 shows Tashkent, c1 Astana, c2 Bishkek
    expect(score(m, { pairs: { p1: 'c1', p2: 'c2', p3: 'c0' } }, perm)).toBe(1);
    expect(score(m, { pairs: { p1: 'c1', p2: 'c0', p3: 'c2' } }, perm)).toBeCloseTo(1 / 3);
    expect(score(m, { pairs: { p1: 'c9' } }, perm)).toBe(0);
    expect(score(m, { pairs: { p1: 'p1' } }, perm)).toBe(0);
  });
  const o = q({ type: 'ordering', items: ['a', 'b', 'c', 'd'].map((id) => ({ id, text: L(id) })) });
  it('ordering counts items in their right position', () => {
    const perm = [3, 1, 0, 2]; // i0=d, i1=b, i2=a, i3=c
    expect(score(o, { order: ['i2', 'i1', 'i3', 'i0'] }, perm)).toBe(1);
    expect(score(o, { order: ['i2', 'i1', 'i0', 'i3'] }, perm)).toBe(0.5);
    expect(score(o, { order: ['a', 'b', 'c', 'd'] }, perm)).toBe(0);
  });
  it('cloze averages its gaps, each matched like a short answer', () => {
    const c = q({
      type: 'cloze',
      gaps: [
        { id: 'g1', answers: [{ text: 'су' }] },
        { id: 'g2', answers: [{ text: 'H2O' }], caseSensitive: true },
      ],
    });
    expect(score(c, { gaps: { g1: ' Су ', g2: 'H2O' } })).toBe(1);
    expect(score(c, { gaps: { g1: 'су', g2: 'h2o' } })).toBe(0.5);
    expect(score(c, { gaps: {} })).toBe(0);
  });
  const mixed = q({
    type: 'cloze',
    gaps: [
      {
        kind: 'choice',
        id: 'city',
        answers: [
          { id: 'o1', text: 'Алматы', fraction: 0 },
          { id: 'o2', text: 'Астана', fraction: 1, feedback: 'Дұрыс' },
          { id: 'o3', text: 'Ақмола', fraction: 0.5 },
        ],
      },
      {
        kind: 'choice',
        id: 'river',
        display: 'vertical',
        answers: [
          { id: 'a', text: 'Ертіс', fraction: 1 },
          { id: 'b', text: 'Іле' },
        ],
      },
      {
        kind: 'numeric',
        id: 'g',
        weight: 2,
        answers: [
          { value: 9.81, tolerance: 0.01 },
          { value: 10, tolerance: 0.5, fraction: 0.5 },
        ],
      },
      { id: 'word', answers: [{ text: 'су' }] },
    ],
  });
  it('cloze weighs its gaps: choice by option id with partial credit, numbers within tolerance', () => {
    // Weights 1 + 1 + 2 + 1 = 5.
    const full = { city: 'o2', river: 'a', g: '9.81', word: 'су' };
    expect(score(mixed, { gaps: full })).toBe(1);
    // Ақмола earns half of a weight-1 gap: (0.5 + 1 + 2 + 1) / 5 = 0.9.
    expect(score(mixed, { gaps: { ...full, city: 'o3' } })).toBe(0.9);
    // 9.9 is outside 9.81 ± 0.01 but within 10 ± 0.5: (1 + 1 + 2·0.5 + 1) / 5 = 0.8.
    expect(score(mixed, { gaps: { ...full, g: '9.9' } })).toBe(0.8);
    // Only the number, typed with a comma as Kazakh and Russian keyboards give it: 2 / 5.
    expect(score(mixed, { gaps: { g: '9,815' } })).toBe(0.4);
    expect(score(mixed, { gaps: { g: ' 9,8 ' } })).toBe(0.4);
    // A unit, a word or a wrong option id earns nothing; an unknown gap is ignored.
    expect(score(mixed, { gaps: { g: '9.81 m', city: 'o9', river: 'Іле', x: 'o2' } })).toBe(0);
    expect(score(mixed, { gaps: {} })).toBe(0);
    expect(score(mixed, { text: 'x' })).toBe(0);
  });
  it('a gap stored before gap kinds existed is a short answer, weight 1', () => {
    const old = {
      type: 'cloze',
      gaps: [{ id: 'g1', answers: [{ text: 'су', fraction: 1 }], caseSensitive: false }],
    };
    expect(questionData.parse(old)).toEqual({
      type: 'cloze',
      gaps: [
        { kind: 'short', id: 'g1', weight: 1, answers: [{ text: 'су', fraction: 1 }], caseSensitive: false },
      ],
    });
    // As read from the database, without the defaults filled in.
    expect(scoreResponse(old as QuestionData, { gaps: { g1: 'Су' } })?.toNumber()).toBe(1);
  });
  it('cloze gaps serve no credit, give the right answer in words and the matched feedback', () => {
    const d = mixed as Extract<QuestionData, { type: 'cloze' }>;
    expect(servedGaps(d, 'secret-seed:0')).toEqual([
      {
        id: 'city',
        kind: 'choice',
        display: 'dropdown',
        shuffle: false,
        options: [
          { id: 'o1', text: 'Алматы' },
          { id: 'o2', text: 'Астана' },
          { id: 'o3', text: 'Ақмола' },
        ],
      },
      {
        id: 'river',
        kind: 'choice',
        display: 'vertical',
        shuffle: false,
        options: [
          { id: 'a', text: 'Ертіс' },
          { id: 'b', text: 'Іле' },
        ],
      },
      { id: 'g', kind: 'numeric' },
      { id: 'word', kind: 'short' },
    ]);
    expect(clozeRightAnswer(d)).toEqual({
      gaps: { city: 'Астана', river: 'Ертіс', g: '9.81 ± 0.01', word: 'су' },
    });
    expect(gapFeedback(d.gaps[0]!, 'o2')).toBe('Дұрыс');
    expect(gapFeedback(d.gaps[0]!, 'o1')).toBeUndefined();
    const order = gapOptionOrder(['a', 'b', 'c', 'd', 'e'], true, 'attempt-1:3:city');
    expect(gapOptionOrder(['a', 'b', 'c', 'd', 'e'], true, 'attempt-1:3:city')).toEqual(order);
    expect([...order].sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(gapOptionOrder(['a', 'b'], false, 'x')).toEqual(['a', 'b']);
    // A shuffled gap goes out in the seed's order, never needing the authored one on the wire.
    const many = {
      ...d,
      gaps: [
        {
          ...d.gaps[0]!,
          shuffle: true,
          answers: 'abcdefgh'.split('').map((id) => ({ id, text: id, fraction: id === 'a' ? 1 : 0 })),
        },
      ],
    } as typeof d;
    const served = servedGaps(many, 'secret-seed:0')[0] as { options: { id: string }[] };
    expect(served.options.map((o) => o.id)).toEqual(
      gapOptionOrder('abcdefgh'.split(''), true, 'secret-seed:0:city'),
    );
    expect(served.options.map((o) => o.id)).not.toEqual('abcdefgh'.split(''));
  });
  it('refuses a choice gap with repeated option ids and a gap of an unknown kind', () => {
    const dup = q({
      type: 'cloze',
      gaps: [
        {
          kind: 'choice',
          id: 'g1',
          answers: [
            { id: 'o1', text: 'a', fraction: 1 },
            { id: 'o1', text: 'b' },
          ],
        },
      ],
    });
    expect(questionDataProblems(dup)).toContain('duplicateIds');
    expect(
      questionData.safeParse({ type: 'cloze', gaps: [{ kind: 'slider', id: 'g1', answers: [] }] }).success,
    ).toBe(false);
  });
  it('essays are graded by a person', () => {
    expect(scoreResponse(q({ type: 'essay' }), { text: 'x' })).toBeNull();
  });
});

describe('variant assembly', () => {
  const pool = Array.from({ length: 30 }, (_, i) => `q${String(i).padStart(2, '0')}`);
  const parts: Part[] = [
    { kind: 'fixed', questionId: 'q00' },
    { kind: 'random', count: 5, pool },
    { kind: 'random', count: 3, pool: ['x1', 'x2', 'x3', 'x4'] },
  ];
  it('is reproducible from the seed and independent of pool order', () => {
    const a = assembleVariant(parts, 'seed-1', true);
    expect(assembleVariant(parts, 'seed-1', true)).toEqual(a);
    const reversed: Part[] = parts.map((p) =>
      p.kind === 'random' ? { ...p, pool: [...p.pool].reverse() } : p,
    );
    expect(assembleVariant(reversed, 'seed-1', true)).toEqual(a);
  });
  it('draws fixed plus N distinct questions, never a fixed one twice', () => {
    const v = assembleVariant(parts, 'abc', false);
    expect(v).toHaveLength(9);
    expect(new Set(v).size).toBe(9);
    expect(v[0]).toBe('q00');
    expect(v.filter((x) => x === 'q00')).toHaveLength(1);
  });
  it('different seeds give different variants', () => {
    const seen = new Set(Array.from({ length: 20 }, (_, i) => assembleVariant(parts, `s${i}`, false).join()));
    expect(seen.size).toBeGreaterThan(15);
  });
  it('reports draws the bank cannot satisfy and counts variants', () => {
    expect(drawProblems(parts)).toEqual([]);
    const bad: Part[] = [
      { kind: 'fixed', questionId: 'a' },
      { kind: 'random', count: 2, pool: ['a', 'b'] },
    ];
    expect(drawProblems(bad)).toEqual([{ part: 1, needed: 2, available: 1 }]);
    expect(() => assembleVariant(bad, 's', false)).toThrow(RangeError);
    expect(variantCount(parts)).toBe(118755n * 4n); // C(29,5) × C(4,3)
    expect(variantCount(bad)).toBe(0n);
  });
  it('the generator is uniform enough and permutations are permutations', () => {
    const r = seededRandom('x');
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 4000; i++) counts[Math.floor(r() * 4)]!++;
    for (const c of counts) expect(c).toBeGreaterThan(850);
    expect(permutation(5, seededRandom('y'), true).sort()).toEqual([0, 1, 2, 3, 4]);
    expect(permutation(3, seededRandom('y'), false)).toEqual([0, 1, 2]);
  });
});

describe('deadlines and overrides', () => {
  const t0 = new Date('2026-11-26T09:00:00Z');
  const close = new Date('2026-11-26T12:00:00Z');
  const test: Window = { opensAt: t0, closesAt: close, timeLimitSec: 3600, attemptsAllowed: 1 };
  const none: Override = {
    userId: null,
    groupId: null,
    opensAt: null,
    closesAt: null,
    timeLimitSec: null,
    attemptsAllowed: null,
  };
  it('deadline = min(start + limit, close)', () => {
    expect(attemptDeadline(t0, test)).toEqual(new Date('2026-11-26T10:00:00Z'));
    expect(attemptDeadline(new Date('2026-11-26T11:30:00Z'), test)).toEqual(close);
    expect(attemptDeadline(t0, { closesAt: null, timeLimitSec: 60 })).toEqual(
      new Date(t0.getTime() + 60_000),
    );
    expect(attemptDeadline(t0, { closesAt: null, timeLimitSec: null })).toBeNull();
    expect(attemptDeadline(t0, { closesAt: close, timeLimitSec: null })).toEqual(close);
  });
  it('a personal override replaces only the fields it sets and beats group overrides', () => {
    const overrides: Override[] = [
      { ...none, userId: 'u1', timeLimitSec: 5400 },
      { ...none, groupId: 'g1', timeLimitSec: 9000, attemptsAllowed: 3 },
    ];
    const w = effectiveWindow(test, overrides, 'u1', ['g1']);
    expect(w).toEqual({ ...test, timeLimitSec: 5400 });
    expect(attemptDeadline(t0, w)).toEqual(new Date('2026-11-26T10:30:00Z'));
  });
  it('of several group overrides the most generous value of each field applies', () => {
    const late = new Date('2026-11-27T12:00:00Z');
    const overrides: Override[] = [
      { ...none, groupId: 'g1', timeLimitSec: 4000 },
      { ...none, groupId: 'g2', closesAt: late, attemptsAllowed: 2 },
      { ...none, groupId: 'other', timeLimitSec: 99999 },
    ];
    expect(effectiveWindow(test, overrides, 'u2', ['g1', 'g2'])).toEqual({
      opensAt: t0,
      closesAt: late,
      timeLimitSec: 4000,
      attemptsAllowed: 2,
    });
    expect(effectiveWindow(test, overrides, 'u3', [])).toEqual(test);
  });
  it('among groups, unlimited (a field kept from an unlimited test) is the most generous', () => {
    const open: Window = { opensAt: null, closesAt: null, timeLimitSec: null, attemptsAllowed: null };
    const overrides: Override[] = [
      { ...none, groupId: 'g', attemptsAllowed: 3 },
      { ...none, groupId: 'h', timeLimitSec: 60 },
    ];
    expect(effectiveWindow(open, overrides, 'u', ['g', 'h']).attemptsAllowed).toBeNull();
    expect(effectiveWindow(open, overrides, 'u', ['g']).attemptsAllowed).toBe(3);
  });
  it('start is refused before opening, after closing and without attempts left', () => {
    expect(mayStart(test, new Date('2026-11-26T08:59:59Z'), 0)).toBe('notOpen');
    expect(mayStart(test, close, 0)).toBe('closed');
    expect(mayStart(test, t0, 1)).toBe('noAttemptsLeft');
    expect(mayStart(test, t0, 0)).toBeNull();
  });
  it('saves are accepted up to the deadline plus grace', () => {
    const d = new Date('2026-11-26T10:00:00Z');
    expect(acceptsSaves(d, new Date('2026-11-26T10:00:30Z'), 30_000)).toBe(true);
    expect(acceptsSaves(d, new Date('2026-11-26T10:00:30.001Z'), 30_000)).toBe(false);
    expect(acceptsSaves(null, new Date('2099-01-01'), 0)).toBe(true);
  });
});

describe('outcome', () => {
  it('grading methods', () => {
    const p = [60, 90, 75];
    expect(gradeOverAttempts(p, 'highest')?.toNumber()).toBe(90);
    expect(gradeOverAttempts(p, 'first')?.toNumber()).toBe(60);
    expect(gradeOverAttempts(p, 'last')?.toNumber()).toBe(75);
    expect(gradeOverAttempts(p, 'mean')?.toNumber()).toBe(75);
    expect(gradeOverAttempts([1, 2, 2], 'mean')?.toString()).toBe('1.67');
    expect(gradeOverAttempts([], 'highest')).toBeNull();
  });
  it('review visibility by when', () => {
    const opts = {
      score: 'immediately',
      correctness: 'afterClose',
      correctAnswers: 'never',
      feedback: 'afterClose',
    } as const;
    const closesAt = new Date('2026-11-26T12:00:00Z');
    const before = new Date('2026-11-26T11:00:00Z');
    expect(reviewVisibility(opts, { finished: false, now: before, closesAt })).toEqual({
      score: false,
      correctness: false,
      correctAnswers: false,
      feedback: false,
    });
    expect(reviewVisibility(opts, { finished: true, now: before, closesAt })).toEqual({
      score: true,
      correctness: false,
      correctAnswers: false,
      feedback: false,
    });
    expect(reviewVisibility(opts, { finished: true, now: closesAt, closesAt })).toEqual({
      score: true,
      correctness: true,
      correctAnswers: false,
      feedback: true,
    });
    expect(reviewVisibility(opts, { finished: true, now: closesAt, closesAt: null }).correctness).toBe(false);
  });
  it('feedback bands and percent', () => {
    const bands = [
      { minPercent: 0, text: 'low' },
      { minPercent: 50, text: 'mid' },
      { minPercent: 90, text: 'high' },
    ];
    expect(bandFeedback(49.99, bands)).toBe('low');
    expect(bandFeedback(50, bands)).toBe('mid');
    expect(bandFeedback(100, bands)).toBe('high');
    expect(bandFeedback(10, [])).toBeNull();
    expect(percentOf(new Decimal(2), 3).toString()).toBe('66.67');
    expect(percentOf(0, 0).toNumber()).toBe(0);
  });
});
