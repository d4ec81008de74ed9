import { describe, expect, it } from 'vitest';
import { cpuSecondsOf, ownCpuSeconds, peakRssBytesOf, serverCpuSeconds } from './proc-stat';

/** Spends `seconds` of CPU time, however busy the machine is. */
function burn(seconds: number): void {
  const until = ownCpuSeconds() + seconds;
  let x = 0;
  while (ownCpuSeconds() < until) x += Math.sqrt(x + 1);
}

describe('proc-stat', () => {
  it('reads a process CPU time as the kernel counts it, in seconds', () => {
    const before = { proc: cpuSecondsOf(process.pid), node: ownCpuSeconds() };
    burn(0.3);
    const spent = cpuSecondsOf(process.pid) - before.proc;
    // /proc counts in ticks of 10 ms.
    expect(spent).toBeGreaterThan(0.25);
    expect(Math.abs(spent - (ownCpuSeconds() - before.node))).toBeLessThan(0.05);
  });

  it('reads the most memory a process has held, at least what it holds now', () => {
    const now = process.memoryUsage().rss;
    expect(peakRssBytesOf(process.pid)).toBeGreaterThanOrEqual(now);
  });

  it('finds every server the real stack runs on this machine, each having spent some CPU time', () => {
    const seconds = serverCpuSeconds();
    expect(Object.keys(seconds).sort()).toEqual(['Elasticsearch', 'Kafka', 'PostgreSQL', 'Redis']);
    for (const [server, spent] of Object.entries(seconds)) expect(spent, server).toBeGreaterThan(0);
  });
});
