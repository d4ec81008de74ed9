import { MAX_RECORD_BYTES } from '@chatvault/contracts';

/** A line ready to post: the record's own text, without the `corpId` an export may have added. */
export interface ImportRecord {
  corpId: string;
  msgid?: string;
  /** The chat-archive record exactly as the line wrote it, so the archive keeps WeCom's bytes. */
  json: string;
}

export type ParsedLine = { record: ImportRecord } | { rejected: string; msgid?: string };

/**
 * Reads one NDJSON line: `{"corpId":"ww…", …record}` or a bare record for `defaultCorpId`. Only
 * what the importer itself needs is checked; the server judges the record and names what is wrong.
 */
export function parseImportLine(text: string, defaultCorpId: string | undefined): ParsedLine {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { rejected: `the line is not valid JSON: ${(error as Error).message}` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { rejected: `the line must be a JSON object (a chat-archive record), not ${Array.isArray(value) ? 'an array' : String(value === null ? 'null' : typeof value)}` };
  }
  const fields = value as Record<string, unknown>;
  const msgid = typeof fields.msgid === 'string' ? { msgid: fields.msgid } : {};
  if (!('corpId' in fields)) {
    if (defaultCorpId === undefined) return { rejected: 'the line has no corpId and no --corp was given', ...msgid };
    return sized({ corpId: defaultCorpId, ...msgid, json: text });
  }
  if (typeof fields.corpId !== 'string' || fields.corpId === '') return { rejected: 'corpId must be a non-empty string', ...msgid };
  return sized({ corpId: fields.corpId, ...msgid, json: withoutMember(text, 'corpId') });
}

function sized(record: ImportRecord): ParsedLine {
  const bytes = Buffer.byteLength(record.json, 'utf8');
  if (bytes <= MAX_RECORD_BYTES) return { record };
  return { rejected: `the record is ${bytes} bytes, over the limit of ${MAX_RECORD_BYTES}`, ...(record.msgid === undefined ? {} : { msgid: record.msgid }) };
}

/**
 * The text of a JSON object (known to be valid) without its top-level members named `key`, every
 * byte of the others kept. JSON.parse keeps the last of duplicate keys, so all of them go.
 */
export function withoutMember(json: string, key: string): string {
  // json = before `{` segment `,` segment … `}` after; a segment is one member with its spacing.
  const separators: number[] = [];
  let depth = 0;
  for (let i = 0; i < json.length; i++) {
    const c = json[i];
    if (c === '"') i = stringEnd(json, i) - 1;
    else if (c === '{' || c === '[') {
      if (++depth === 1) separators.push(i);
    } else if (c === '}' || c === ']') {
      if (--depth === 0) separators.push(i);
    } else if (c === ',' && depth === 1) separators.push(i);
  }
  const segments = separators.slice(1).map((end, n) => json.slice(separators[n]! + 1, end));
  const kept = segments.filter((segment) => !isMemberNamed(segment, key));
  return `${json.slice(0, separators[0]! + 1)}${kept.join(',')}${json.slice(separators.at(-1)!)}`;
}

function isMemberNamed(segment: string, key: string): boolean {
  const open = segment.indexOf('"');
  return open !== -1 && JSON.parse(segment.slice(open, stringEnd(segment, open))) === key;
}

function stringEnd(json: string, open: number): number {
  for (let i = open + 1; i < json.length; i++) {
    if (json[i] === '\\') i++;
    else if (json[i] === '"') return i + 1;
  }
  return json.length;
}
