/**
 * The words a reader would search for in a record, whatever its type: message bodies, file names,
 * link titles, card and location titles, forwarded chat items, red-packet wishes, mixed parts.
 */
type Extractor = (body: any) => string[];

const info: Extractor = (b) => [b?.content, ...(b?.item ?? []).flatMap((i: any) => [i?.title, i?.description])];

const EXTRACTORS: Record<string, { key: string; extract: Extractor }> = {
  text: { key: 'text', extract: (b) => [b?.content] },
  file: { key: 'file', extract: (b) => [b?.filename] },
  link: { key: 'link', extract: (b) => [b?.title, b?.description, b?.link_url] },
  weapp: { key: 'weapp', extract: (b) => [b?.title, b?.description, b?.displayname] },
  card: { key: 'card', extract: (b) => [b?.corpname, b?.userid] },
  location: { key: 'location', extract: (b) => [b?.title, b?.address] },
  chatrecord: { key: 'chatrecord', extract: (b) => [b?.title, ...(b?.item ?? []).map((i: any) => chatRecordItemText(i?.content))] },
  todo: { key: 'todo', extract: (b) => [b?.title, b?.content] },
  vote: { key: 'vote', extract: (b) => [b?.votetitle, ...(b?.voteitem ?? [])] },
  collect: { key: 'collect', extract: (b) => [b?.room_name, b?.title, ...(b?.details ?? []).map((d: any) => d?.ques)] },
  redpacket: { key: 'redpacket', extract: (b) => [b?.wish] },
  external_redpacket: { key: 'redpacket', extract: (b) => [b?.wish] },
  meeting: { key: 'meeting', extract: (b) => [b?.topic, b?.address, b?.remarks] },
  docmsg: { key: 'doc', extract: (b) => [b?.title, b?.link_url] },
  markdown: { key: 'info', extract: info },
  news: { key: 'info', extract: info },
  calendar: { key: 'calendar', extract: (b) => [b?.title, b?.place, b?.remarks] },
  voip_doc_share: { key: 'voip_doc_share', extract: (b) => [b?.filename] },
  sphfeed: { key: 'sphfeed', extract: (b) => [b?.sph_name, b?.feed_desc] },
  voiptext: { key: 'info', extract: info },
  qydiskfile: { key: 'info', extract: (b) => [b?.filename, b?.content] },
  meeting_notification: { key: 'info', extract: info },
  mixed: { key: 'mixed', extract: (b) => (b?.item ?? []).flatMap((part: any) => mixedPartText(part)) },
};

/** Msgtypes that carry no searchable text but are known all the same. */
const WITHOUT_TEXT = new Set(['image', 'revoke', 'agree', 'disagree', 'voice', 'video', 'emotion', 'meeting_voice_call']);

export function isKnownMsgtype(msgtype: string): boolean {
  return msgtype in EXTRACTORS || WITHOUT_TEXT.has(msgtype);
}

export function searchableText(msgtype: string, record: Record<string, unknown>): string {
  const extractor = EXTRACTORS[msgtype];
  if (!extractor) return '';
  return extractor
    .extract(record[extractor.key])
    .filter((s): s is string => typeof s === 'string' && s.length > 0)
    .join('\n');
}

/** A mixed part's content is itself the JSON of a record body of that part's type. */
function mixedPartText(part: { type?: string; content?: string }): string[] {
  const body = parseJson(part?.content);
  const extractor = part?.type ? EXTRACTORS[part.type] : undefined;
  return body && extractor ? extractor.extract(body) : [];
}

/** Forwarded chat items carry a JSON string of the original record body. */
function chatRecordItemText(content: unknown): string {
  const body = parseJson(content);
  if (body && typeof body.content === 'string') return body.content;
  return typeof content === 'string' && !body ? content : '';
}

function parseJson(value: unknown): any {
  if (typeof value !== 'string') return undefined;
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}
