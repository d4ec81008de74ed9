import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Attributes, type Context, type Span } from '@opentelemetry/api';

/*
 * Both adapters trace the bus themselves, the same way, so a trace crosses it alike in both modes: a
 * PRODUCER span per message whose context travels in the W3C `traceparent` header, and a CONSUMER
 * span continuing it around the handling. Doing it here rather than through kafkajs's
 * instrumentation lets a batch handler continue each message's own trace in what it publishes.
 */

const tracer = trace.getTracer('@chatvault/bus');

// Messaging semantic conventions are still incubating; OpenTelemetry advises copying those names.
const SYSTEM = 'messaging.system';
const DESTINATION = 'messaging.destination.name';
const PARTITION = 'messaging.destination.partition.id';
const OPERATION_TYPE = 'messaging.operation.type';
const OPERATION_NAME = 'messaging.operation.name';
const CONSUMER_GROUP = 'messaging.consumer.group.name';

export type MessagingSystem = 'kafka' | 'chatvault-in-process';

/** The trace a message belongs to, as its headers carry it. */
export function contextOf(headers: Readonly<Record<string, string>>): Context {
  return propagation.extract(ROOT_CONTEXT, headers);
}

/**
 * Starts a message's send span, a child of `parent` (the active context unless the message continues
 * another one's trace), and writes its context into `headers`.
 */
export function startSendSpan(system: MessagingSystem, topic: string, headers: Record<string, string>, parent: Context = context.active(), partition?: number): Span {
  const attributes: Attributes = { [SYSTEM]: system, [DESTINATION]: topic, [OPERATION_TYPE]: 'send', [OPERATION_NAME]: 'send' };
  if (partition !== undefined) attributes[PARTITION] = String(partition);
  const span = tracer.startSpan(`send ${topic}`, { kind: SpanKind.PRODUCER, attributes }, parent);
  propagation.inject(trace.setSpan(parent, span), headers);
  return span;
}

export function endSpans(spans: readonly Span[], error?: unknown): void {
  for (const span of spans) {
    if (error !== undefined) span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
    span.end();
  }
}

export interface ProcessedMessage {
  readonly partition: number;
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * Runs the handling of messages inside a process span per message, each the child of the trace in
 * its headers; the work itself runs in the first one's, so what it does is traced with that message.
 */
export async function withProcessSpans<R>(system: MessagingSystem, topic: string, group: string, messages: readonly ProcessedMessage[], handle: () => Promise<R>): Promise<R> {
  const spans = messages.map(({ partition, headers }) =>
    tracer.startSpan(
      `process ${topic}`,
      {
        kind: SpanKind.CONSUMER,
        attributes: {
          [SYSTEM]: system,
          [DESTINATION]: topic,
          [PARTITION]: String(partition),
          [OPERATION_TYPE]: 'process',
          [OPERATION_NAME]: 'process',
          [CONSUMER_GROUP]: group,
        },
      },
      contextOf(headers),
    ),
  );
  const first = messages[0] ? trace.setSpan(contextOf(messages[0].headers), spans[0]!) : context.active();
  try {
    const result = await context.with(first, handle);
    endSpans(spans);
    return result;
  } catch (error) {
    endSpans(spans, error);
    throw error;
  }
}
