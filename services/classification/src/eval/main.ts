import { evaluateCorpus, goalFailures, type Evaluation } from './evaluate-corpus';
import type { CategoryScore } from './scores';

/*
 * `npm run eval`: precision, recall and F1 of the default policy pack on the labelled corpus.
 * `npm run eval -- --mistakes` also lists every line it gets wrong. Exits 1 below the goals.
 */

function row(s: CategoryScore): string {
  const n = (value: number, width: number) => String(value).padStart(width);
  const p = (value: number) => value.toFixed(3).padStart(10);
  return `${s.category.padEnd(24)}${n(s.truePositives, 5)}${n(s.falsePositives, 5)}${n(s.falseNegatives, 5)}${p(s.precision)}${p(s.recall)}${p(s.f1)}`;
}

function print(evaluation: Evaluation, showMistakes: boolean): void {
  const { scores, lines, negatives } = evaluation;
  console.log(`corpus: ${lines} lines, ${negatives} negatives (${((negatives / lines) * 100).toFixed(1)}%)\n`);
  console.log(`${'category'.padEnd(24)}${'TP'.padStart(5)}${'FP'.padStart(5)}${'FN'.padStart(5)}${'precision'.padStart(10)}${'recall'.padStart(10)}${'F1'.padStart(10)}`);
  for (const s of scores.categories) console.log(row(s));
  console.log('-'.repeat(69));
  console.log(row(scores.overall));
  if (showMistakes) {
    console.log('\nmistakes:');
    for (const { line, missed, spurious } of evaluation.mistakes) {
      const what = [missed.length ? `missed ${missed.join(',')}` : '', spurious.length ? `spurious ${spurious.join(',')}` : ''].filter(Boolean).join('; ');
      console.log(`  ${line.where} [${line.direction}] ${what}: ${line.text || line.recalledText || `(${line.msgtype})`}`);
    }
  }
}

const evaluation = evaluateCorpus();
print(evaluation, process.argv.includes('--mistakes'));
const failures = goalFailures(evaluation);
if (failures.length > 0) {
  console.error(`\nbelow the goals: ${failures.join('; ')}`);
  process.exitCode = 1;
} else {
  console.log('\nall goals met: overall precision and recall >= 0.9, every category >= 0.8');
}
