import type { MediaRef } from '@chatvault/contracts';

/** Where each media-bearing msgtype keeps its file; a `mixed` message carries one per media part. */
const MEDIA_KEYS: Record<string, string> = {
  image: 'image',
  voice: 'voice',
  video: 'video',
  emotion: 'emotion',
  file: 'file',
  meeting_voice_call: 'meeting_voice_call',
  voip_doc_share: 'voip_doc_share',
};

export function mediaRefsOf(msgtype: string, record: Record<string, unknown>): MediaRef[] {
  if (msgtype === 'mixed') return mixedMediaRefs(record.mixed);
  const key = MEDIA_KEYS[msgtype];
  const ref = key ? mediaRefOf(record[key]) : undefined;
  return ref ? [ref] : [];
}

function mixedMediaRefs(mixed: unknown): MediaRef[] {
  const items = (mixed as { item?: unknown } | undefined)?.item;
  if (!Array.isArray(items)) return [];
  return items.flatMap((part: { type?: unknown; content?: unknown }) => {
    if (typeof part?.type !== 'string' || !(part.type in MEDIA_KEYS) || typeof part.content !== 'string') return [];
    const ref = mediaRefOf(parseJson(part.content));
    return ref ? [ref] : [];
  });
}

function mediaRefOf(body: unknown): MediaRef | undefined {
  const b = body as { sdkfileid?: unknown; md5sum?: unknown; filesize?: unknown; imagesize?: unknown; voice_size?: unknown } | undefined;
  if (typeof b?.sdkfileid !== 'string' || b.sdkfileid.length === 0) return undefined;
  const size = [b.filesize, b.imagesize, b.voice_size].find((n): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 0);
  return { sdkfileid: b.sdkfileid, md5sum: typeof b.md5sum === 'string' ? b.md5sum : '', ...(size === undefined ? {} : { size }) };
}

function parseJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}
