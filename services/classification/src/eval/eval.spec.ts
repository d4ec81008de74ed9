import { describe, expect, it } from 'vitest';
import { loadCorpus } from './corpus';
import { evaluateCorpus, GOALS, goalFailures } from './evaluate-corpus';
import { score } from './scores';

describe('labelled corpus', () => {
  const lines = loadCorpus();

  it('has at least 600 lines, a third of them negatives', () => {
    expect(lines.length).toBeGreaterThanOrEqual(600);
    expect(lines.filter((line) => line.labels.length === 0).length).toBeGreaterThanOrEqual(lines.length / 3);
  });
});

describe('default policy pack on the corpus', () => {
  const evaluation = evaluateCorpus();

  it(`meets the goals: overall precision and recall >= ${GOALS.overall}, every category >= ${GOALS.perCategory}`, () => {
    expect(goalFailures(evaluation)).toEqual([]);
  });

  it('scores every category the pack reports on the corpus', () => {
    expect(evaluation.scores.categories.map((s) => s.category)).toEqual(
      expect.arrayContaining(['off-book-deal', 'off-platform-contact', 'payment-diversion', 'customer-complaint', 'pii', 'kickback']),
    );
  });
});

describe('goalFailures', () => {
  it('names each goal missed', () => {
    const evaluation = {
      lines: 2,
      negatives: 1,
      mistakes: [],
      scores: score([
        { expected: ['a'], predicted: ['a', 'b'] },
        { expected: ['a'], predicted: [] },
      ]),
    };
    expect(goalFailures(evaluation)).toEqual([
      'overall precision 0.500 < 0.9',
      'overall recall 0.500 < 0.9',
      'a recall 0.500 < 0.8',
      'b precision 0.000 < 0.8',
    ]);
  });
});

describe('score', () => {
  it('computes precision, recall and F1 per category and micro-averaged overall', () => {
    const scores = score([
      { expected: ['a'], predicted: ['a'] },
      { expected: ['a'], predicted: [] },
      { expected: [], predicted: ['b'] },
      { expected: ['b'], predicted: ['b', 'a'] },
    ]);
    const a = scores.categories.find((s) => s.category === 'a')!;
    expect([a.truePositives, a.falsePositives, a.falseNegatives]).toEqual([1, 1, 1]);
    expect(a.precision).toBeCloseTo(0.5);
    expect(a.recall).toBeCloseTo(0.5);
    expect(scores.overall).toMatchObject({ truePositives: 2, falsePositives: 2, falseNegatives: 1 });
    expect(scores.overall.f1).toBeCloseTo((2 * 0.5 * (2 / 3)) / (0.5 + 2 / 3));
  });
});
