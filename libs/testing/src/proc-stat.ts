import { readdirSync, readFileSync } from 'node:fs';

/** USER_HZ, the unit of /proc's CPU times: 100 on every Linux architecture Node runs on. */
const CLOCK_TICKS_PER_SECOND = 100;

/** The servers a real-stack run shares the machine with, by what their command lines hold. */
const SERVERS = {
  Kafka: (args: readonly string[]) => args.includes('kafka.Kafka'),
  Elasticsearch: (args: readonly string[]) => args.some((arg) => arg.endsWith('org.elasticsearch.bootstrap.Elasticsearch')),
  PostgreSQL: (args: readonly string[]) => /(^|\/)postgres(:|$)/.test(args[0] ?? ''),
  Redis: (args: readonly string[]) => /(^|\/)redis-server$/.test(args[0]?.split(' ')[0] ?? ''),
} as const;

export type ServerName = keyof typeof SERVERS;

export const SERVER_NAMES = Object.keys(SERVERS) as ServerName[];

/** CPU seconds a process has spent so far, all its threads; with `reaped`, its exited children's too. */
export function cpuSecondsOf(pid: number, { reaped = false } = {}): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields 14 to 17 (utime, stime, cutime, cstime), counted after the command name, which may hold spaces.
  const [utime, stime, cutime, cstime] = stat.slice(stat.lastIndexOf(')') + 2).split(' ').slice(11, 15).map(Number);
  return (utime! + stime! + (reaped ? cutime! + cstime! : 0)) / CLOCK_TICKS_PER_SECOND;
}

/** CPU seconds this process has spent so far, all its threads, as Node counts them (on any OS). */
export function ownCpuSeconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

/** The most memory a process has held so far: the kernel's high-water mark of its RSS. */
export function peakRssBytesOf(pid: number): number {
  const peakKib = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  if (peakKib === undefined) throw new Error(`no VmHWM in /proc/${pid}/status`);
  return Number(peakKib) * 1_024;
}

/**
 * CPU seconds the servers running on this machine have spent so far. A PostgreSQL backend that
 * exited is counted in its parent's reaped time, so a difference of two readings holds it either way.
 */
export function serverCpuSeconds(): Record<ServerName, number> {
  const seconds = Object.fromEntries(SERVER_NAMES.map((name) => [name, 0])) as Record<ServerName, number>;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const args = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      const server = SERVER_NAMES.find((name) => SERVERS[name](args));
      if (server) seconds[server] += cpuSecondsOf(Number(entry), { reaped: true });
    } catch {
      // The process ended between listing and reading: what it spent is in its parent's reaped time.
    }
  }
  return seconds;
}
