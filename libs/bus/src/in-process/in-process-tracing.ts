import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Attributes, type Span } from '@opentelemetry/api';

/*
 * The in-process bus does for itself what @opentelemetry/instrumentation-kafkajs does for kafkajs,
 * so a trace crosses the bus the same way in both modes: a PRODUCER span per message whose context
 * travels in the W3C `traceparent` header, and a CONSUMER span continuing it around the handling.
 */

const tracer = trace.getTracer('@chatvault/bus');

// Messaging semantic conventions are still incubating; OpenTelemetry advises copying those names.
const SYSTEM = 'messaging.system';
const DESTINATION = 'messaging.destination.name';
const PARTITION = 'messaging.destination.partition.id';
const OPERATION_TYPE = 'messaging.operation.type';
const OPERATION_NAME = 'messaging.operation.name';
const CONSUMER_GROUP = 'messaging.consumer.group.name';
const IN_PROCESS = 'chatvault-in-process';

/** Starts the message's send span and writes its context into `headers`. */
export function startSendSpan(topic: string, partition: number, headers: Record<string, string>): Span {
  const attributes: Attributes = { [SYSTEM]: IN_PROCESS, [DESTINATION]: topic, [PARTITION]: String(partition), [OPERATION_TYPE]: 'send', [OPERATION_NAME]: 'send' };
  const span = tracer.startSpan(`send ${topic}`, { kind: SpanKind.PRODUCER, attributes });
  propagation.inject(trace.setSpan(context.active(), span), headers);
  return span;
}

export function endSendSpans(spans: readonly Span[], error?: unknown): void {
  for (const span of spans) {
    if (error !== undefined) span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
    span.end();
  }
}

/** Runs the handling of one message inside a process span whose parent is the trace in its headers. */
export async function withProcessSpan<R>(
  topic: string,
  partition: number,
  group: string,
  headers: Readonly<Record<string, string>>,
  handle: () => Promise<R>,
): Promise<R> {
  const parent = propagation.extract(ROOT_CONTEXT, headers);
  const attributes: Attributes = {
    [SYSTEM]: IN_PROCESS,
    [DESTINATION]: topic,
    [PARTITION]: String(partition),
    [OPERATION_TYPE]: 'process',
    [OPERATION_NAME]: 'process',
    [CONSUMER_GROUP]: group,
  };
  const span = tracer.startSpan(`process ${topic}`, { kind: SpanKind.CONSUMER, attributes }, parent);
  try {
    return await context.with(trace.setSpan(parent, span), handle);
  } catch (error) {
    span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
    throw error;
  } finally {
    span.end();
  }
}
