import { randomUUID } from 'node:crypto';
import { cpus } from 'node:os';
import { SseClient, WebhookReceiver, startEmbeddedStack, startRealStack, type ChatVaultStack } from '@chatvault/testing';

export interface AlertBenchOptions {
  /** How long the load runs. */
  seconds?: number;
  /** Background messages per second, none of which raises an alert. */
  load?: number;
  /** Offending messages per second, each raising a new alert whose arrival is timed. */
  probes?: number;
  /** Seconds of load before probes are timed: a cold stack's first alerts measure warm-up, not steady state. */
  warmup?: number;
  /** 0 leaves out the embedded default. */
  embedded?: number;
  /** 0 leaves out the real stack with every service in one process. */
  oneProcess?: number;
  /** 0 leaves out the real stack with one process per service. */
  perService?: number;
}

interface Row {
  stack: string;
  reached: string;
  probes: number;
  'p50 ms': number;
  'p99 ms': number;
  'max ms': number;
  missed: number;
}

const API_KEY = `cv_bench_${randomUUID()}`;
const TICK_MS = 100;
const PROBE_PREFIX = 'alertprobe';
/** Within working hours (UTC+8), so only the probe's own rule fires. */
const WORKING_HOURS = Date.parse('2023-11-15T10:00:00+08:00');
const SETTLE_MS = 15_000;

/**
 * `npm run bench -- alert [--seconds 30] [--load 1000] [--probes 5] [--warmup 5] [--embedded 0] [--one-process 0] [--per-service 0]`:
 * the time from the ingest endpoint accepting an offending message to its alert reaching the SSE stream and
 * a signed webhook receiver, under a background load of innocent messages, on the embedded default and on
 * the real stack, both with every service in one process and with one process per service (a 0 leaves a
 * stack out).
 */
export async function runAlertBench(options: AlertBenchOptions = {}): Promise<void> {
  const settings = { seconds: options.seconds ?? 30, load: options.load ?? 1_000, probes: options.probes ?? 5, warmup: options.warmup ?? 5 };
  console.log(`${settings.load} background msg/s and ${settings.probes} alerts/s for ${settings.seconds} s after ${settings.warmup} s of warm-up; ${cpus().length} cores\n`);
  const stacks: [label: string, included: number | undefined, start: () => Promise<ChatVaultStack>][] = [
    ['embedded', options.embedded, () => startEmbeddedStack(API_KEY)],
    ['real, one process', options.oneProcess, () => startRealStack(API_KEY, ['all'])],
    ['real, process per service', options.perService, () => startRealStack(API_KEY, ['ingest', 'classification', 'alerting', 'api'])],
  ];
  const rows: Row[] = [];
  for (const [label, included, start] of stacks) if (included !== 0) rows.push(...(await measure(label, settings, start())));
  console.table(rows);
}

async function measure(label: string, settings: Required<Pick<AlertBenchOptions, 'seconds' | 'load' | 'probes' | 'warmup'>>, starting: Promise<ChatVaultStack>): Promise<Row[]> {
  const stack = await starting;
  const receiver = new WebhookReceiver();
  const corpId = `bench-${randomUUID().slice(0, 8)}`;
  const accepted = new Map<string, number>();
  /** The same moments by the wall clock, which alerting's timestamps use. */
  const acceptedAt = new Map<string, number>();
  const call = (path: string, body: unknown) =>
    fetch(`${stack.api}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${API_KEY}` }, body: JSON.stringify(body) });
  const webhook = await call('/api/v1/alert-channels', { name: 'bench receiver', kind: 'webhook', throttleLimit: 1_000_000, settings: { url: await receiver.start(), secret: randomUUID() } });
  if (webhook.status !== 201) throw new Error(`could not configure the webhook: ${webhook.status} ${await webhook.text()}`);
  const stream = await SseClient.open(`${stack.api}/api/v1/alerts/stream?corpId=${corpId}`, { authorization: `Bearer ${API_KEY}` });
  try {
    let sequence = 0;
    const message = (text: string, conversation: string, prefix = 'load') => ({
      msgid: `${prefix}-${sequence++}`,
      action: 'send',
      from: `sales${sequence % 50}`,
      tolist: [`wmBench${conversation}`],
      roomid: '',
      msgtime: WORKING_HOURS + sequence,
      msgtype: 'text',
      text: { content: text },
    });
    const warmupTicks = (settings.warmup * 1_000) / TICK_MS;
    const ticks = warmupTicks + (settings.seconds * 1_000) / TICK_MS;
    const probeEvery = Math.max(1, Math.round(1_000 / TICK_MS / settings.probes));
    for (let tick = 0; tick < ticks; tick++) {
      const started = performance.now();
      const background = Array.from({ length: Math.round((settings.load * TICK_MS) / 1_000) }, (_, i) => message('好的，报价单稍后发您', `load${i % 500}`));
      const sending = call('/api/v1/ingest/wecom/messages', { corpId, messages: background });
      if (tick % probeEvery === 0) {
        // A conversation of its own, so the hit opens a new alert instead of joining one.
        const probe = message('这单我们走飞单，价格好商量', `probe${tick}`, PROBE_PREFIX);
        await call('/api/v1/ingest/wecom/messages', { corpId, messages: [probe] });
        if (tick >= warmupTicks) {
          accepted.set(probe.msgid, performance.now());
          acceptedAt.set(probe.msgid, Date.now());
        }
      }
      await sending;
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, TICK_MS - (performance.now() - started))));
    }
    const raisedEvents = () => stream.events.filter((e) => e.event === 'alert.raised').map((e) => ({ receivedAt: e.receivedAt, alert: JSON.parse(e.data) as { msgids: string[]; occurredAt: string } }));
    const streamed = () => arrivals(raisedEvents().map((e) => ({ at: e.receivedAt, msgids: e.alert.msgids })));
    // Where the time goes: up to here ingest, classification and alerting's filing; after it, the fan-out.
    const raised = () => arrivals(raisedEvents().map((e) => ({ at: Date.parse(e.alert.occurredAt), msgids: e.alert.msgids })));
    const posted = () => arrivals(receiver.posted.map((p) => ({ at: p.receivedAt, msgids: (p.json.data?.msgids as string[] | undefined) ?? [] })));
    const deadline = Date.now() + SETTLE_MS;
    while (Date.now() < deadline && [...accepted.keys()].some((id) => !streamed().has(id) || !posted().has(id))) await new Promise((resolve) => setTimeout(resolve, 100));
    return [row(label, 'alert raised', acceptedAt, raised()), row(label, 'SSE stream', accepted, streamed()), row(label, 'webhook', accepted, posted())];
  } finally {
    stream.close();
    await receiver.stop();
    await stack.stop();
  }
}

/** When each message's alert first arrived, by msgid. */
function arrivals(events: readonly { at: number; msgids: readonly string[] }[]): Map<string, number> {
  const first = new Map<string, number>();
  for (const { at, msgids } of events) for (const msgid of msgids) if (!first.has(msgid)) first.set(msgid, at);
  return first;
}

function row(stack: string, reached: string, accepted: ReadonlyMap<string, number>, arrived: ReadonlyMap<string, number>): Row {
  const latencies = [...accepted].flatMap(([msgid, at]) => (arrived.has(msgid) ? [arrived.get(msgid)! - at] : [])).sort((a, b) => a - b);
  const percentile = (p: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? NaN);
  return { stack, reached, probes: accepted.size, 'p50 ms': percentile(50), 'p99 ms': percentile(99), 'max ms': Math.round(latencies.at(-1) ?? NaN), missed: accepted.size - latencies.length };
}
