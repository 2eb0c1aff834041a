import { describe, expect, it } from 'vitest';
import { correlation, type StatAttempt, type StatQuestion, testStatistics } from './statistics.ts';

const L = (s: string) => ({ kk: s, ru: s, en: s });
const questions: StatQuestion[] = [
  {
    questionId: 'q1',
    type: 'single',
    text: L('Q1'),
    data: {
      type: 'single',
      options: [
        { id: 'a', text: L('A'), correct: true },
        { id: 'b', text: L('B'), correct: false },
        { id: 'c', text: L('C'), correct: false },
      ],
    },
  },
  { questionId: 'q2', type: 'truefalse', text: L('Q2'), data: { type: 'truefalse', correct: true } },
  {
    questionId: 'q3',
    type: 'short',
    text: L('Q3'),
    data: { type: 'short', caseSensitive: false, answers: [{ text: 'x', fraction: 1 }] },
  },
];
const slot = (
  questionId: string,
  fraction: number | null,
  response: StatAttempt['slots'][number]['response'],
) => ({
  questionId,
  points: 1,
  fraction,
  response,
});
/** Four attempts worked out by hand (see the expected figures). */
const attempts: StatAttempt[] = [
  {
    score: 3,
    maxScore: 3,
    durationSec: 600,
    slots: [slot('q1', 1, { choice: 'a' }), slot('q2', 1, { value: true }), slot('q3', 1, { text: 'X ' })],
  },
  {
    score: 2,
    maxScore: 3,
    durationSec: 300,
    slots: [slot('q1', 1, { choice: 'a' }), slot('q2', 0, { value: false }), slot('q3', 1, { text: 'x' })],
  },
  {
    score: 1,
    maxScore: 3,
    durationSec: 900,
    slots: [slot('q1', 0, { choice: 'b' }), slot('q2', 1, { value: true }), slot('q3', 0, { text: 'y' })],
  },
  {
    score: 1,
    maxScore: 3,
    durationSec: 200,
    slots: [slot('q1', 0, { choice: 'c' }), slot('q2', 1, { value: true }), slot('q3', 0, null)],
  },
];

describe('test statistics', () => {
  const s = testStatistics(attempts, questions);

  it('summarises the scores: mean, median, distribution, average time', () => {
    expect(s.attempts).toBe(4);
    expect(s.meanPercent).toBe(58.33);
    expect(s.medianPercent).toBe(50);
    expect(s.averageTimeSec).toBe(500);
    expect(s.distribution.map((b) => b.count)).toEqual([0, 0, 0, 2, 0, 0, 1, 0, 0, 1]);
  });

  it('computes facility and discrimination (correlation with the rest of the test) as by hand', () => {
    // q1: fractions 1,1,0,0 against rest scores 2,1,1,1 → r = 0.5 / √0.75 = 0.57735.
    // q2: fractions 1,0,1,1 against rest scores 2,2,0,0 → r = −1 / √3 = −0.57735.
    expect(s.questions.map((q) => [q.questionId, q.facility, q.discrimination])).toEqual([
      ['q1', 0.5, 0.5774],
      ['q2', 0.75, -0.5774],
      ['q3', 0.5, 0.5774],
    ]);
    expect(s.questions[1]!.flags).toEqual(['negativeDiscrimination']);
    expect(s.questions[0]!.flags).toEqual([]);
  });

  it('counts answers per option, true/false and typed answers, blanks apart', () => {
    expect(s.questions[0]!.frequencies.map((f) => [f.key, f.count, f.correct])).toEqual([
      ['a', 2, true],
      ['b', 1, false],
      ['c', 1, false],
    ]);
    expect(s.questions[1]!.frequencies.map((f) => [f.key, f.count, f.correct])).toEqual([
      ['true', 3, true],
      ['false', 1, false],
    ]);
    expect(s.questions[2]!.frequencies.map((f) => [f.key, f.count])).toEqual([
      ['=x', 2],
      ['=y', 1],
      ['blank', 1],
    ]);
    expect(s.questions[2]!.answered).toBe(3);
  });

  it('leaves ungraded essays out of the indices and flags questions everyone gets right', () => {
    const easy = testStatistics(
      Array.from({ length: 5 }, (_, i) => ({
        score: i,
        maxScore: 5,
        durationSec: null,
        slots: [
          slot('q2', 1, { value: true }),
          { questionId: 'e', points: 1, fraction: null, response: { text: 'essay' } },
        ],
      })),
      questions,
    );
    expect(easy.questions[0]).toMatchObject({ facility: 1, discrimination: null, flags: ['tooEasy'] });
    expect(easy.questions[1]).toMatchObject({ facility: null, frequencies: [{ key: 'ungraded', count: 5 }] });
    expect(easy.averageTimeSec).toBeNull();
  });

  it('counts a Cloze with choice and numeric gaps by outcome, without choking on its gaps', () => {
    const cloze: StatQuestion = {
      questionId: 'c',
      type: 'cloze',
      text: L('{{g1}} {{g2}}'),
      data: {
        type: 'cloze',
        gaps: [
          {
            kind: 'choice',
            id: 'g1',
            weight: 1,
            display: 'dropdown',
            shuffle: true,
            answers: [
              { id: 'o1', text: 'a', fraction: 1 },
              { id: 'o2', text: 'b', fraction: 0 },
            ],
          },
          { kind: 'numeric', id: 'g2', weight: 1, answers: [{ value: 1.5, tolerance: 0, fraction: 1 }] },
        ],
      },
    };
    const s2 = testStatistics(
      [
        { g1: 'o1', g2: '1,5' },
        { g1: 'o2', g2: '1.5' },
        { g1: 'o2', g2: 'x' },
      ].map((gaps, i) => ({
        score: 2 - i,
        maxScore: 1,
        durationSec: 60,
        slots: [slot('c', [1, 0.5, 0][i]!, { gaps })],
      })),
      [cloze],
    );
    expect(s2.questions[0]).toMatchObject({ facility: 0.5, answered: 3 });
    expect(s2.questions[0]!.frequencies.map((f) => [f.key, f.count])).toEqual([
      ['right', 1],
      ['partial', 1],
      ['wrong', 1],
    ]);
  });

  it('gives nothing but zeros for a test nobody took', () => {
    expect(testStatistics([], questions)).toMatchObject({ attempts: 0, meanPercent: null, questions: [] });
    expect(correlation([1, 1], [0, 1])).toBeNull();
  });
});
