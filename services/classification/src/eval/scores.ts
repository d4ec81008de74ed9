export interface CategoryScore {
  category: string;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface Scores {
  categories: CategoryScore[];
  /** Micro-averaged over every category decision. */
  overall: CategoryScore;
}

export interface Judged {
  expected: readonly string[];
  predicted: readonly string[];
}

/** Precision and recall per category; a category never expected nor predicted is not listed. */
export function score(judged: readonly Judged[]): Scores {
  const counts = new Map<string, { tp: number; fp: number; fn: number }>();
  const count = (category: string) => {
    let entry = counts.get(category);
    if (!entry) counts.set(category, (entry = { tp: 0, fp: 0, fn: 0 }));
    return entry;
  };
  for (const { expected, predicted } of judged) {
    const want = new Set(expected);
    const got = new Set(predicted);
    for (const category of got) {
      if (want.has(category)) count(category).tp++;
      else count(category).fp++;
    }
    for (const category of want) if (!got.has(category)) count(category).fn++;
  }
  const categories = [...counts.entries()].map(([category, c]) => scoreOf(category, c.tp, c.fp, c.fn)).sort((a, b) => a.category.localeCompare(b.category));
  const sum = (pick: (s: CategoryScore) => number) => categories.reduce((n, s) => n + pick(s), 0);
  return { categories, overall: scoreOf('overall', sum((s) => s.truePositives), sum((s) => s.falsePositives), sum((s) => s.falseNegatives)) };
}

function scoreOf(category: string, tp: number, fp: number, fn: number): CategoryScore {
  // Nothing predicted means nothing wrongly predicted: precision 1, as for nothing expected and recall.
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { category, truePositives: tp, falsePositives: fp, falseNegatives: fn, precision, recall, f1 };
}
