/**
 * Prefixes topics and consumer groups so several installations (or test files) can share one
 * cluster without seeing each other's messages or offsets.
 */
export class BusNamespace {
  constructor(private readonly prefix: string = '') {}

  qualify(name: string): string {
    return this.prefix ? `${this.prefix}.${name}` : name;
  }
}
