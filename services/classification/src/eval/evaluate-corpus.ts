import { compilePolicies, DEFAULT_POLICY_PACK, type PolicyClassifier } from '@chatvault/policy-engine';
import { loadCorpus, type LocatedLine } from './corpus';
import { corpusInput } from './corpus-input';
import { score, type Scores } from './scores';

export interface Mistake {
  line: LocatedLine;
  missed: string[];
  spurious: string[];
}

export interface Evaluation {
  lines: number;
  negatives: number;
  scores: Scores;
  mistakes: Mistake[];
}

/** The goals of issue #4: overall precision and recall 0.9, no category below 0.8. */
export const GOALS = { overall: 0.9, perCategory: 0.8 } as const;

export function evaluateCorpus(classifier: PolicyClassifier = compilePolicies(DEFAULT_POLICY_PACK), lines = loadCorpus()): Evaluation {
  const mistakes: Mistake[] = [];
  const judged = lines.map((line, index) => {
    const predicted = [...new Set(classifier.classify(corpusInput(line, index)).map((hit) => hit.category))];
    const missed = line.labels.filter((label) => !predicted.includes(label));
    const spurious = predicted.filter((category) => !line.labels.includes(category));
    if (missed.length > 0 || spurious.length > 0) mistakes.push({ line, missed, spurious });
    return { expected: line.labels, predicted };
  });
  return { lines: lines.length, negatives: lines.filter((line) => line.labels.length === 0).length, scores: score(judged), mistakes };
}

/** Human-readable reasons the evaluation misses the goals; empty when it meets them. */
export function goalFailures({ scores }: Evaluation): string[] {
  const failures: string[] = [];
  const { overall } = scores;
  if (overall.precision < GOALS.overall) failures.push(`overall precision ${overall.precision.toFixed(3)} < ${GOALS.overall}`);
  if (overall.recall < GOALS.overall) failures.push(`overall recall ${overall.recall.toFixed(3)} < ${GOALS.overall}`);
  for (const s of scores.categories) {
    if (s.precision < GOALS.perCategory) failures.push(`${s.category} precision ${s.precision.toFixed(3)} < ${GOALS.perCategory}`);
    if (s.recall < GOALS.perCategory) failures.push(`${s.category} recall ${s.recall.toFixed(3)} < ${GOALS.perCategory}`);
  }
  return failures;
}
