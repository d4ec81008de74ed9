import { BREAK, SKIP, foldTable } from './char-fold';

/** Receives every occurrence: the pattern's index and [start, end) offsets into the original text. */
export interface MatchSink {
  match(pattern: number, start: number, end: number): void;
}

const ROOT = 1;
/** check[] value of the root and of slots never used: no state is its parent. */
const OCCUPIED_BY_ROOT = -1;
const FREE = 0;

/**
 * Aho–Corasick over folded code units, stored as a double-array trie so a transition is two typed
 * array reads. The text is folded on the fly through one table lookup that yields the alphabet
 * class directly (negative: skip this code unit; 0: no keyword continues through it), so
 * separators, emoji and punctuation between characters are ignored without copying the text, and
 * offsets stay those of the original string.
 *
 * Patterns are already folded (see foldString). A pattern that begins or ends with a Latin letter
 * or digit matches only as a whole token: the nearest kept character on that side must not be a
 * letter or digit either, so `fd` does not fire inside `pdf download`, `sb` not inside a product code
 * (SB-200) nor `tmd` inside a hex id. Separators are looked through, which keeps ASCII keywords out
 * of URLs too: every piece of a URL (mp.weixin.qq.com/s/1sb3…) borders a letter or digit across its
 * dots and slashes.
 */
export class KeywordAutomaton {
  private readonly classOf: Int32Array;
  private readonly base: Int32Array;
  private readonly check: Int32Array;
  private readonly fail: Int32Array;
  private readonly own: Int32Array;
  private readonly firstOutput: Int32Array;
  private readonly patternLength: Int32Array;
  private readonly patternEdges: Uint8Array;

  private constructor(tables: AutomatonTables) {
    ({
      classOf: this.classOf,
      base: this.base,
      check: this.check,
      fail: this.fail,
      own: this.own,
      firstOutput: this.firstOutput,
      patternLength: this.patternLength,
      patternEdges: this.patternEdges,
    } = tables);
  }

  get patternCount(): number {
    return this.patternLength.length;
  }

  static build(patterns: readonly string[]): KeywordAutomaton {
    return new KeywordAutomaton(new AutomatonBuilder(patterns).build());
  }

  scan(text: string, sink: MatchSink): void {
    const { classOf, base, check, fail, firstOutput } = this;
    const length = text.length;
    let state = ROOT;
    for (let i = 0; i < length; i++) {
      const cls = classOf[text.charCodeAt(i)]!;
      if (cls < 0) continue;
      if (cls === 0) {
        state = ROOT;
        continue;
      }
      for (;;) {
        const next = base[state]! + cls;
        if (check[next] === state) {
          state = next;
          break;
        }
        if (state === ROOT) break;
        state = fail[state]!;
      }
      if (firstOutput[state] !== 0) this.report(text, i, state, sink);
    }
  }

  /** True when any pattern occurs. */
  test(text: string): boolean {
    let found = false;
    this.scan(text, {
      match() {
        found = true;
      },
    });
    return found;
  }

  private report(text: string, last: number, state: number, sink: MatchSink): void {
    for (let output = this.firstOutput[state]!; output !== 0; output = this.firstOutput[this.fail[output]!]!) {
      const pattern = this.own[output]! - 1;
      const start = this.startOf(text, last, this.patternLength[pattern]!);
      const edges = this.patternEdges[pattern]!;
      if (edges !== 0 && !this.atWordEdges(text, start, last, edges)) continue;
      sink.match(pattern, start, last + 1);
    }
  }

  /** Walks back over `length` kept code units; rare enough (only on a match) to beat a position ring. */
  private startOf(text: string, last: number, length: number): number {
    let at = last;
    for (let kept = 1; kept < length; ) {
      at--;
      if (this.classOf[text.charCodeAt(at)]! >= 0) kept++;
    }
    return at;
  }

  private atWordEdges(text: string, start: number, last: number, edges: number): boolean {
    const fold = foldTable();
    if (edges & 1 && isWordChar(neighbour(text, fold, start, -1))) return false;
    if (edges & 2 && isWordChar(neighbour(text, fold, last, 1))) return false;
    return true;
  }
}

function neighbour(text: string, fold: Uint16Array, from: number, step: 1 | -1): number {
  for (let at = from + step; at >= 0 && at < text.length; at += step) {
    const folded = fold[text.charCodeAt(at)]!;
    if (folded !== SKIP) return folded;
  }
  return -1;
}

function isWordChar(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39);
}

interface AutomatonTables {
  /** Alphabet class per original code unit: -1 skip, 0 resets to the root, else the class. */
  classOf: Int32Array;
  base: Int32Array;
  check: Int32Array;
  fail: Int32Array;
  /** Pattern index + 1 of the state's own pattern, 0 when none ends there. */
  own: Int32Array;
  /** Nearest state on the failure chain (itself included) where a pattern ends, 0 when none. */
  firstOutput: Int32Array;
  patternLength: Int32Array;
  /** Bit 1: needs a word edge before, bit 2: after. */
  patternEdges: Uint8Array;
}

interface TrieNode {
  children: Map<number, TrieNode>;
  pattern: number;
  position: number;
}

class AutomatonBuilder {
  private base = new Int32Array(1024);
  private check = new Int32Array(1024);
  private firstFree = ROOT + 1;

  constructor(private readonly patterns: readonly string[]) {}

  build(): AutomatonTables {
    const classOfFolded = this.alphabet();
    const root = this.trie(classOfFolded);
    const order = this.place(root);
    // Any state may be probed with any class: keep base + class inside the arrays so reads stay in bounds.
    let maxBase = 0;
    for (const node of order) maxBase = Math.max(maxBase, this.base[node.position]!);
    this.ensure(maxBase + classOfFolded.size + 2);
    const size = this.check.length;
    const fail = new Int32Array(size);
    const own = new Int32Array(size);
    const firstOutput = new Int32Array(size);
    this.link(order, fail, own, firstOutput);

    const fold = foldTable();
    const classOf = new Int32Array(0x10000);
    for (let code = 0; code < 0x10000; code++) {
      const folded = fold[code]!;
      classOf[code] = folded === SKIP ? -1 : folded === BREAK ? 0 : classOfFolded.get(folded) ?? 0;
    }
    const patternLength = Int32Array.from(this.patterns, (p) => p.length);
    const patternEdges = Uint8Array.from(
      this.patterns,
      (p) => (isWordChar(p.charCodeAt(0)) ? 1 : 0) | (isWordChar(p.charCodeAt(p.length - 1)) ? 2 : 0),
    );
    return { classOf, base: this.base, check: this.check, fail, own, firstOutput, patternLength, patternEdges };
  }

  /** Frequent characters get small classes so the root's children pack densely. */
  private alphabet(): Map<number, number> {
    const frequency = new Map<number, number>();
    for (const pattern of this.patterns) {
      if (pattern.length === 0) throw new Error('an empty pattern cannot be matched');
      for (let i = 0; i < pattern.length; i++) {
        const code = pattern.charCodeAt(i);
        frequency.set(code, (frequency.get(code) ?? 0) + 1);
      }
    }
    const ranked = [...frequency.entries()].sort((a, b) => b[1] - a[1]);
    return new Map(ranked.map(([code], index) => [code, index + 1]));
  }

  private trie(classOfFolded: Map<number, number>): TrieNode {
    const root: TrieNode = { children: new Map(), pattern: -1, position: ROOT };
    this.patterns.forEach((pattern, index) => {
      let node = root;
      for (let i = 0; i < pattern.length; i++) {
        const cls = classOfFolded.get(pattern.charCodeAt(i))!;
        let child = node.children.get(cls);
        if (!child) {
          child = { children: new Map(), pattern: -1, position: 0 };
          node.children.set(cls, child);
        }
        node = child;
      }
      // Duplicates keep the first index; callers deduplicate before building.
      if (node.pattern < 0) node.pattern = index;
    });
    return root;
  }

  /** Breadth-first placement; returns the nodes in that order for the failure links. */
  private place(root: TrieNode): TrieNode[] {
    this.check[ROOT] = OCCUPIED_BY_ROOT;
    const order: TrieNode[] = [root];
    for (let head = 0; head < order.length; head++) {
      const node = order[head]!;
      if (node.children.size === 0) continue;
      const classes = [...node.children.keys()].sort((a, b) => a - b);
      const base = this.findBase(classes);
      this.base[node.position] = base;
      for (const cls of classes) {
        const child = node.children.get(cls)!;
        child.position = base + cls;
        this.check[child.position] = node.position;
        order.push(child);
      }
    }
    return order;
  }

  private findBase(classes: readonly number[]): number {
    const first = classes[0]!;
    const last = classes[classes.length - 1]!;
    // Past the end every slot is free: ensure() below grows the arrays with zeros (FREE).
    while (this.firstFree < this.check.length && this.check[this.firstFree] !== FREE) this.firstFree++;
    for (let position = Math.max(this.firstFree, first + 1); ; position++) {
      const base = position - first;
      this.ensure(base + last + 1);
      if (this.check[position] !== FREE) continue;
      if (classes.every((cls) => this.check[base + cls] === FREE)) return base;
    }
  }

  private ensure(size: number): void {
    if (size <= this.check.length) return;
    let capacity = this.check.length;
    while (capacity < size) capacity *= 2;
    const base = new Int32Array(capacity);
    base.set(this.base);
    const check = new Int32Array(capacity);
    check.set(this.check);
    this.base = base;
    this.check = check;
  }

  private link(order: readonly TrieNode[], fail: Int32Array, own: Int32Array, firstOutput: Int32Array): void {
    fail[ROOT] = ROOT;
    const goto = (state: number, cls: number): number => {
      const next = this.base[state]! + cls;
      return next < this.check.length && this.check[next] === state ? next : 0;
    };
    for (const node of order) {
      if (node.pattern >= 0) own[node.position] = node.pattern + 1;
      for (const [cls, child] of node.children) {
        let target = ROOT;
        if (node.position !== ROOT) {
          for (let state = fail[node.position]!; ; state = fail[state]!) {
            const next = goto(state, cls);
            if (next !== 0) {
              target = next;
              break;
            }
            if (state === ROOT) break;
          }
        }
        fail[child.position] = target;
      }
      // Breadth-first order guarantees the failure target's outputs are final already.
      const position = node.position;
      firstOutput[position] = own[position] !== 0 ? position : position === ROOT ? 0 : firstOutput[fail[position]!]!;
    }
  }
}
