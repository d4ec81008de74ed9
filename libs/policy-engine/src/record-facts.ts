/** Type-specific fields of a decrypted WeCom record that behaviour rules read. */

/** Red packets carry `totalamount` in fen under the `redpacket` key (external_redpacket too). */
export function amountInFen(msgtype: string, record: Readonly<Record<string, unknown>> | undefined): number | undefined {
  if (!record) return undefined;
  const body = (record[msgtype] ?? (msgtype === 'external_redpacket' ? record.redpacket : undefined)) as Record<string, unknown> | undefined;
  const amount = body?.totalamount ?? body?.amount;
  return typeof amount === 'number' && Number.isFinite(amount) ? amount : undefined;
}

/** The record's file name, else the message text of a file message (which the archive sets to it). */
export function fileNameOf(msgtype: string, text: string, record: Readonly<Record<string, unknown>> | undefined): string | undefined {
  const body = record?.[msgtype] as Record<string, unknown> | undefined;
  if (typeof body?.filename === 'string') return body.filename;
  return msgtype === 'file' || msgtype === 'voip_doc_share' ? text : undefined;
}
