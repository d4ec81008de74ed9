/**
 * The exact text of each element of a top-level object's array member, from a body that already
 * parsed as JSON: the archive keeps every record byte for byte as WeCom wrote it (escapes, number
 * spellings, spacing), which re-serialising the parsed value would not.
 */
export function rawArrayElements(json: string, key: string): string[] | undefined {
  let elements: string[] | undefined;
  let i = skipSpace(json, 0);
  if (json[i] !== '{') return undefined;
  i = skipSpace(json, i + 1);
  while (json[i] === '"') {
    const keyEnd = skipString(json, i);
    const name = JSON.parse(json.slice(i, keyEnd)) as string;
    i = skipSpace(json, skipSpace(json, keyEnd) + 1);
    const valueEnd = skipValue(json, i);
    // JSON.parse keeps the last of duplicate keys; so does this.
    if (name === key) elements = json[i] === '[' ? arrayElements(json, i) : undefined;
    i = skipSpace(json, valueEnd);
    if (json[i] === ',') i = skipSpace(json, i + 1);
  }
  return elements;
}

function arrayElements(json: string, open: number): string[] {
  const elements: string[] = [];
  let i = skipSpace(json, open + 1);
  while (json[i] !== ']') {
    const end = skipValue(json, i);
    elements.push(json.slice(i, end));
    i = skipSpace(json, end);
    if (json[i] === ',') i = skipSpace(json, i + 1);
  }
  return elements;
}

/** The index just past the value starting at `start`. */
function skipValue(json: string, start: number): number {
  const first = json[start];
  if (first === '"') return skipString(json, start);
  if (first !== '{' && first !== '[') {
    let i = start;
    while (i < json.length && !',}] \t\n\r'.includes(json[i]!)) i++;
    return i;
  }
  let depth = 0;
  for (let i = start; i < json.length; i++) {
    const c = json[i];
    if (c === '"') i = skipString(json, i) - 1;
    else if (c === '{' || c === '[') depth++;
    else if ((c === '}' || c === ']') && --depth === 0) return i + 1;
  }
  return json.length;
}

function skipString(json: string, open: number): number {
  for (let i = open + 1; i < json.length; i++) {
    if (json[i] === '\\') i++;
    else if (json[i] === '"') return i + 1;
  }
  return json.length;
}

function skipSpace(json: string, start: number): number {
  let i = start;
  while (i < json.length && ' \t\n\r'.includes(json[i]!)) i++;
  return i;
}
