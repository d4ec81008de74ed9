// fastscan ships no types; only what the benchmark calls.
declare module 'fastscan' {
  class FastScanner {
    constructor(words: string[]);
    search(content: string, options?: { quick?: boolean; longest?: boolean }): Array<[number, string]>;
  }
  export = FastScanner;
}
