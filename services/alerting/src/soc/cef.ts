/**
 * ArcSight Common Event Format, version 0: `CEF:0|vendor|product|version|class id|name|severity|extension`.
 * Escaping follows the CEF specification: in the header a pipe or backslash is escaped with a
 * backslash; in extension values an equals sign or backslash is, and line breaks become `\n`/`\r`,
 * so one event is always one line.
 */
export interface CefEvent {
  vendor: string;
  product: string;
  version: string;
  classId: string;
  name: string;
  /** 0 (lowest) to 10 (highest). */
  severity: number;
  /** Extension keys (CEF's own, or cs1…cs6 with their labels) to values; undefined or empty values are left out. */
  extension: Record<string, string | number | undefined>;
}

export function cefHeaderField(value: string): string {
  return value.replace(/[\\|]/g, (c) => `\\${c}`).replace(/\r\n|\r|\n/g, ' ');
}

export function cefExtensionValue(value: string): string {
  return value.replace(/[\\=]/g, (c) => `\\${c}`).replace(/\r\n|\n/g, '\\n').replace(/\r/g, '\\r');
}

export function cefMessage(event: CefEvent): string {
  const header = [event.vendor, event.product, event.version, event.classId, event.name].map(cefHeaderField);
  const extension = Object.entries(event.extension)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined && entry[1] !== '')
    .map(([key, value]) => `${key}=${cefExtensionValue(String(value))}`)
    .join(' ');
  return `CEF:0|${header.join('|')}|${Math.max(0, Math.min(10, Math.round(event.severity)))}|${extension}`;
}
