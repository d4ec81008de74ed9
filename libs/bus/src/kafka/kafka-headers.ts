import type { IHeaders } from 'kafkajs';

/** Kafka headers are bytes and a name may repeat; a handler gets one string per name, the last one written. */
export function headersFromKafka(headers: IHeaders | undefined): Record<string, string> {
  const strings: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const last = Array.isArray(value) ? value[value.length - 1] : value;
    if (last !== undefined) strings[name] = last.toString();
  }
  return strings;
}
