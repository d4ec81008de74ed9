import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { chatMessageArchivedV1, chatMessageClassifiedV1, participantKindOf, type ChatMessage, type Hit } from '@chatvault/contracts';
import { MESSAGE_BUS, type MessageBus } from '@chatvault/bus';
import { counter } from '@chatvault/platform';
import { excerptAround, matchKeywords } from './keyword-matcher';
import { STARTER_LEXICON, STARTER_POLICY } from './starter-lexicon';

const hitsTotal = counter('chatvault_classification_hits_total', 'Rule hits', ['category', 'severity']);

@Injectable()
export class MessageClassifier implements OnModuleInit {
  constructor(@Inject(MESSAGE_BUS) private readonly bus: MessageBus) {}

  async onModuleInit(): Promise<void> {
    await this.bus.subscribe(chatMessageArchivedV1, { group: 'classification' }, async ({ value }) => {
      const hits = classify(value.message);
      await this.bus.publish(chatMessageClassifiedV1, [
        {
          eventId: `classified:${value.message.corpId}:${value.message.msgid}:${STARTER_POLICY.id}@${STARTER_POLICY.version}`,
          occurredAt: new Date().toISOString(),
          schemaVersion: 1,
          message: value.message,
          employeeId: employeeOf(value.message),
          hits,
        },
      ]);
    });
  }
}

/** One hit per rule, listing every span of it in the message. */
export function classify(message: ChatMessage): Hit[] {
  const byRule = new Map<string, Hit>();
  for (const match of matchKeywords(message.text, STARTER_LEXICON)) {
    const { entry, span } = match;
    const existing = byRule.get(entry.ruleId);
    if (existing) {
      existing.spans.push(span);
      continue;
    }
    byRule.set(entry.ruleId, {
      hitId: `${message.corpId}:${message.msgid}:${entry.ruleId}`,
      ruleId: entry.ruleId,
      category: entry.category,
      severity: entry.severity,
      spans: [span],
      excerpt: excerptAround(message.text, span),
      policyId: STARTER_POLICY.id,
      policyVersion: STARTER_POLICY.version,
    });
  }
  const hits = [...byRule.values()];
  for (const hit of hits) hitsTotal.inc({ category: hit.category, severity: hit.severity });
  return hits;
}

/** The employee whose conduct a message shows: the sender, unless a customer wrote. */
function employeeOf(message: ChatMessage): string {
  if (message.fromKind === 'employee') return message.from;
  return message.tolist.find((id) => participantKindOf(id) === 'employee') ?? '';
}
