import { MAX_INGEST_BATCH } from '@chatvault/contracts';
import type { WecomRecord } from './simulation';

export interface PostTotals {
  accepted: number;
  duplicates: number;
  rejected: number;
}

/** Sends the records to the HTTP ingest endpoint in batches of at most 1,000, stopping at the first refused request. */
export async function postToIngest(baseUrl: string, key: string, corpId: string, records: readonly WecomRecord[]): Promise<PostTotals> {
  const url = new URL('/api/v1/ingest/wecom/messages', baseUrl);
  const totals: PostTotals = { accepted: 0, duplicates: 0, rejected: 0 };
  for (let start = 0; start < records.length; start += MAX_INGEST_BATCH) {
    const messages = records.slice(start, start + MAX_INGEST_BATCH);
    const response = await fetch(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ corpId, messages }),
    }).catch((error: Error) => {
      throw new Error(`cannot reach ${baseUrl}: ${error.message} (${String(error.cause ?? '')})`);
    });
    const body = await response.text();
    if (!response.ok) throw new Error(`${url} refused records ${start}–${start + messages.length - 1}: HTTP ${response.status} ${body}`);
    const report = JSON.parse(body) as { accepted: number; duplicates: number; rejected: unknown[] };
    totals.accepted += report.accepted;
    totals.duplicates += report.duplicates;
    totals.rejected += report.rejected.length;
  }
  return totals;
}
