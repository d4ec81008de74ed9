import { wecomArchiveMessageSchema, type ChatMessage } from '@chatvault/contracts';
import { compilePolicies, DEFAULT_POLICY_PACK, type ClassifierInput, type Directory, type PolicyClassifier } from '@chatvault/policy-engine';
import { toChatMessage } from '@chatvault/service-ingest';
import type { Simulation } from '@chatvault/simulator';

/**
 * The categories the policies report for each simulated record and event, judged the way the running
 * system does: ingest's normaliser makes the canonical message, classification classifies it with
 * the recalled text for a recall and, once an image is stored, again with the image's bytes.
 */
export function simulatedHits(
  simulation: Simulation,
  renderQr: (payload: string) => Uint8Array,
  classifier: PolicyClassifier = compilePolicies(DEFAULT_POLICY_PACK),
): Map<string, Set<string>> {
  const { org, records, events, images } = simulation;
  const directory: Directory = { departments: Object.fromEntries(org.employees.map((e) => [e.userid, [String(e.departmentId)]])) };
  const qrBySdkfileid = new Map(images.map((image) => [image.sdkfileid, image.qrPayload]));
  const archived = new Map<string, ChatMessage>();
  const hits = new Map<string, Set<string>>();
  for (const record of records) {
    const parsed = wecomArchiveMessageSchema.parse(record);
    const message = toChatMessage({
      eventId: `received:${org.corpId}:${parsed.msgid}`,
      occurredAt: new Date(0).toISOString(),
      schemaVersion: 1,
      corpId: org.corpId,
      source: 'http',
      rawJson: JSON.stringify(record),
      message: parsed,
    });
    archived.set(message.msgid, message);
    const recalledText = message.recalledMsgid ? archived.get(message.recalledMsgid)?.text || undefined : undefined;
    const input: ClassifierInput = { message, record: parsed, recalledText, directory };
    const found = classifier.classify(input);
    for (const media of message.media) {
      const payload = qrBySdkfileid.get(media.sdkfileid);
      if (payload) found.push(...classifier.classify({ message, record: parsed, directory, image: renderQr(payload) }));
    }
    hits.set(message.msgid, new Set(found.map((hit) => hit.category)));
  }
  for (const { eventId, change } of events) hits.set(eventId, new Set(classifier.classifyEvent(change, directory).map((hit) => hit.category)));
  return hits;
}
