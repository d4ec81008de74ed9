import type { RelationshipChange, Severity } from '@chatvault/contracts';
import type { HitBuilder } from './hit-builder';
import type { PolicyRuntime } from './policy-runtime';
import type { EventType } from './policy-schema';

export interface EventFinding {
  /** The employee whose conduct it shows, if any. */
  employeeId: string | undefined;
  /** How many customers it concerns. */
  count: number;
  description: string;
}

/** What an event amounts to in rule terms; undefined when it is none of them. */
export function eventFinding(on: EventType, event: RelationshipChange): EventFinding | undefined {
  switch (on) {
    case 'employee-deleted-customer':
      if (event.type !== 'external-contact-deleted' || event.byTransfer) return undefined;
      return {
        employeeId: event.employeeId,
        count: event.externalUserIds.length,
        description: `${event.employeeId} deleted ${event.externalUserIds.length} customer(s): ${event.externalUserIds.join(', ')}`,
      };
    case 'customer-deleted-employee':
      if (event.type !== 'employee-deleted-by-customer') return undefined;
      return { employeeId: event.employeeId, count: 1, description: `customer ${event.externalUserId} deleted ${event.employeeId}` };
    case 'group-without-colleague': {
      if (event.type !== 'group-created') return undefined;
      const customers = event.members.filter((m) => m.kind === 'external');
      const colleagues = event.members.filter((m) => m.kind === 'employee' && m.id !== event.ownerId);
      if (customers.length === 0 || colleagues.length > 0) return undefined;
      return {
        employeeId: event.ownerId,
        count: customers.length,
        description: `${event.ownerId} created group ${event.chatId} with ${customers.length} customer(s) and no colleague`,
      };
    }
    case 'customer-removed-from-group': {
      if (event.type !== 'group-members-removed' || !event.byOwner) return undefined;
      const customers = event.removed.filter((m) => m.kind === 'external');
      if (customers.length === 0) return undefined;
      return {
        employeeId: event.ownerId,
        count: customers.length,
        description: `${event.ownerId} removed ${customers.length} customer(s) from group ${event.chatId}`,
      };
    }
    case 'consent-withdrawn':
      if (event.type !== 'consent-changed' || event.agreed) return undefined;
      return { employeeId: event.employeeId, count: 1, description: `customer ${event.externalUserId} withdrew consent to archiving` };
  }
}

export class EventRuleRuntime {
  readonly kind = 'event';

  constructor(
    readonly index: number,
    readonly id: string,
    readonly policy: PolicyRuntime,
    private readonly on: EventType,
    private readonly minCount: number,
    private readonly category: string,
    private readonly severity: Severity,
  ) {}

  /** The finding when the rule fires, so the classifier can describe it in the excerpt. */
  evaluate(event: RelationshipChange, hits: HitBuilder): EventFinding | undefined {
    const finding = eventFinding(this.on, event);
    if (!finding || finding.count < this.minCount) return undefined;
    hits.add(this.id, this.policy, this.category, this.severity, undefined);
    return finding;
  }
}
