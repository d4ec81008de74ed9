import { AhoCorasick } from '@monyone/aho-corasick';
import FastScanner from 'fastscan';
import Mint from 'mint-filter';
import { chatMessage } from '@chatvault/testing';
import { foldString, foldTable, compilePolicies, DEFAULT_POLICY_PACK, KeywordAutomaton, type PolicyInput } from '@chatvault/policy-engine';
import { syntheticKeywords, syntheticMessages } from './synthetic-chat';

// The /fast variant is a separate entry point the package's types resolve only under node16 resolution.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { AhoCorasick: FastAhoCorasick } = require('@monyone/aho-corasick/fast') as { AhoCorasick: typeof AhoCorasick };

export interface ClassifyBenchOptions {
  messages?: number;
  keywords?: number;
  seed?: number;
}

interface Measurement {
  name: string;
  buildMs: number;
  seconds: number;
  matches: number;
}

/** Counts the matches of every message; the count is printed so the work cannot be optimised away. */
type Scan = (text: string) => number;

/**
 * `npm run bench -- classify [--messages N] [--keywords N]`: ChatVault's matcher side by side with
 * mint-filter, fastscan and @monyone/aho-corasick on the same keywords and messages, one thread
 * (so per core), then the full classification pipeline and the time to recompile a policy.
 */
export async function runClassifyBench(options: ClassifyBenchOptions = {}): Promise<void> {
  const messageCount = options.messages ?? 1_000_000;
  const keywordCount = options.keywords ?? 10_000;
  foldTable();
  const keywords = syntheticKeywords(keywordCount, options.seed ?? 42);
  const messages = syntheticMessages(messageCount, keywords, (options.seed ?? 42) + 1);
  const characters = touch(messages);
  console.log(`${keywords.length} keywords, ${messages.length} messages of 20–200 characters, ${characters} characters; one thread\n`);

  const matchers: Array<[string, () => Scan]> = [
    [
      'chatvault (normalising)',
      () => {
        const automaton = KeywordAutomaton.build([...new Set(keywords.map(foldString))]);
        let count = 0;
        const sink = { match: () => void count++ };
        return (text) => {
          count = 0;
          automaton.scan(text, sink);
          return count;
        };
      },
    ],
    ['mint-filter', () => { const mint = new Mint(keywords); return (text) => mint.filter(text, { replace: false }).words.length; }],
    ['fastscan', () => { const scanner = new FastScanner(keywords); return (text) => scanner.search(text).length; }],
    ['@monyone/aho-corasick', () => { const ac = new AhoCorasick(keywords); return (text) => ac.matchInText(text).length; }],
    ['@monyone/aho-corasick/fast', () => { const ac = new FastAhoCorasick(keywords); return (text) => ac.matchInText(text).length; }],
  ];
  const results = matchers.map(([name, build]) => measure(name, build, messages));
  printMatchers(results, characters, messages.length);

  const pack = DEFAULT_POLICY_PACK;
  const withLexicon = [...pack, keywordPolicy(keywords)];
  const pipelines = [
    measurePipeline('default pack', pack, messages),
    measurePipeline(`default pack + ${keywords.length}-keyword policy`, withLexicon, messages),
  ];
  console.log('\nfull pipeline (every rule kind: lexicon, proximity, regex, PII, behaviour; hits with masked excerpts)');
  for (const p of pipelines) {
    console.log(`  ${p.name.padEnd(42)} ${fmt(messages.length / p.seconds)} messages/s  ${fmt(characters / p.seconds)} chars/s  (${p.matches} hits, compiled in ${p.buildMs.toFixed(0)} ms)`);
  }
  const recompile = median(Array.from({ length: 5 }, () => time(() => compilePolicies([keywordPolicy(keywords)]))));
  console.log(`\nrecompiling a ${keywords.length}-keyword policy: ${recompile.toFixed(0)} ms (median of 5)`);

  const ours = results[0]!;
  const fastest = results.slice(1).reduce((best, r) => (r.seconds < best.seconds ? r : best));
  console.log(`\nchatvault vs fastest library (${fastest.name}): ${(fastest.seconds / ours.seconds).toFixed(1)}x`);
}

function measure(name: string, build: () => Scan, messages: readonly string[]): Measurement {
  let scan!: Scan;
  const buildMs = time(() => (scan = build()));
  // Warm up so the JIT has compiled the hot loop before the timed pass.
  for (let i = 0; i < Math.min(20_000, messages.length); i++) scan(messages[i]!);
  let matches = 0;
  const started = process.hrtime.bigint();
  for (const message of messages) matches += scan(message);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { name, buildMs, seconds, matches };
}

function measurePipeline(name: string, policies: readonly PolicyInput[], texts: readonly string[]): Measurement {
  let classifier!: ReturnType<typeof compilePolicies>;
  const buildMs = time(() => (classifier = compilePolicies(policies)));
  // The fixture's default time, 10:00 in UTC+8, is inside the default working hours.
  const inputs = texts.map((text, i) => ({ message: chatMessage({ corpId: 'bench', msgid: `m${i}`, text }) }));
  for (let i = 0; i < Math.min(20_000, inputs.length); i++) classifier.classify(inputs[i]!);
  let matches = 0;
  const started = process.hrtime.bigint();
  for (const input of inputs) matches += classifier.classify(input).length;
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { name, buildMs, seconds, matches };
}

function keywordPolicy(keywords: readonly string[]): PolicyInput {
  return {
    id: 'bench-lexicon',
    version: 1,
    name: 'benchmark lexicon',
    severity: 'medium',
    categories: ['bench'],
    lexicons: [{ id: 'words', keywords: [...keywords] }],
    rules: [{ id: 'words', kind: 'lexicon', category: 'bench', lexicons: ['words'] }],
  };
}

function printMatchers(results: readonly Measurement[], characters: number, messages: number): void {
  console.log(`${'matcher'.padEnd(30)}${'build ms'.padStart(10)}${'chars/s'.padStart(14)}${'messages/s'.padStart(14)}${'matches'.padStart(12)}`);
  for (const r of results) {
    console.log(`${r.name.padEnd(30)}${r.buildMs.toFixed(0).padStart(10)}${fmt(characters / r.seconds).padStart(14)}${fmt(messages / r.seconds).padStart(14)}${String(r.matches).padStart(12)}`);
  }
  console.log('(chatvault folds width, case and traditional characters and skips separators while matching; the libraries match raw text)');
}

/**
 * Reads every message once before any matcher runs, so none pays alone for bringing the strings
 * into memory and cache; returns the number of characters.
 */
function touch(messages: readonly string[]): number {
  let characters = 0;
  let checksum = 0;
  for (const message of messages) {
    characters += message.length;
    for (let i = 0; i < message.length; i++) checksum = (checksum + message.charCodeAt(i)) | 0;
  }
  // Comparing the checksum keeps the reads from being optimised away; it is an integer, never 0.5.
  return checksum === 0.5 ? -1 : characters;
}

function time(fn: () => unknown): number {
  const started = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - started) / 1e6;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function fmt(perSecond: number): string {
  if (perSecond >= 1e6) return `${(perSecond / 1e6).toFixed(1)}M`;
  if (perSecond >= 1e3) return `${(perSecond / 1e3).toFixed(0)}k`;
  return perSecond.toFixed(0);
}
