/** Wakes the partition workers of a topic that found nothing to read when something is appended. */
export class AppendSignal {
  private pending?: { promise: Promise<void>; resolve: () => void };

  next(): Promise<void> {
    if (!this.pending) {
      let resolve!: () => void;
      const promise = new Promise<void>((r) => (resolve = r));
      this.pending = { promise, resolve };
    }
    return this.pending.promise;
  }

  notify(): void {
    this.pending?.resolve();
    this.pending = undefined;
  }
}
