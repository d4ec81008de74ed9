import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { relationshipChangedV1, relationshipClassifiedV1, type RelationshipChanged } from '@chatvault/contracts';
import { MESSAGE_BUS, type MessageBus } from '@chatvault/bus';
import { ARCHIVE_STORE, type ArchiveStore } from '@chatvault/store';
import { ActivePolicies } from './active-policies';
import { employeeDirectory } from './employee-departments';
import { publishedHits } from './hits';

/** Judges contact, group and consent changes (a deleted customer, a private group) by the event rules. */
@Injectable()
export class RelationshipClassifier implements OnModuleInit {
  constructor(
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(ARCHIVE_STORE) private readonly store: ArchiveStore,
    private readonly policies: ActivePolicies,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.bus.subscribe(relationshipChangedV1, { group: 'classification' }, ({ value }) => this.classify(value));
  }

  async classify(event: RelationshipChanged): Promise<void> {
    const classifier = this.policies.current;
    const employeeId = classifier.employeeOfEvent(event.change);
    const directory = await employeeDirectory(this.store, classifier, event.change.corpId, [employeeId]);
    const hits = publishedHits(event.eventId, classifier.classifyEvent(event.change, directory));
    if (hits.length === 0) return;
    await this.bus.publish(relationshipClassifiedV1, [
      {
        eventId: `classified:${event.eventId}`,
        occurredAt: new Date().toISOString(),
        schemaVersion: 1,
        change: event.change,
        employeeId: employeeId ?? '',
        hits,
      },
    ]);
  }
}
