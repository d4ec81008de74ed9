import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { alertChangedV1, alertRaisedV1 } from '@chatvault/contracts';
import { MESSAGE_BUS, type MessageBus } from '@chatvault/bus';
import { ARCHIVE_STORE, type ArchiveStore, type ReviewedAlert } from '@chatvault/store';
import { SEARCH_INDEX, type AlertDocument, type SearchIndex } from '@chatvault/search';
import { counter } from '@chatvault/platform';

const indexed = counter('chatvault_alerts_indexed_total', 'Alert states written to the search index for SOC tools', ['event']);

/**
 * Keeps each alert's current state in the search index, where Kibana and SIEM pipelines read it. It
 * follows the alert topics in a group of its own, so raising and routing an alert never wait for
 * Elasticsearch; a failing index is retried and dead-lettered by the bus. Each event only says which
 * alert changed: the state indexed is the store's at that moment, and the index keeps the latest of
 * the states it is given, so the order events arrive in does not matter.
 */
@Injectable()
export class AlertIndexer implements OnModuleInit {
  constructor(
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(ARCHIVE_STORE) private readonly store: ArchiveStore,
    @Inject(SEARCH_INDEX) private readonly search: SearchIndex,
  ) {}

  async onModuleInit(): Promise<void> {
    // A burst of hits joining one alert is a burst of changes: each batch indexes each alert once.
    await this.bus.subscribeBatch(alertRaisedV1, { group: 'alert-indexer' }, (deliveries) => this.index(deliveries.map((d) => d.value.alertId), 'raised'));
    await this.bus.subscribeBatch(alertChangedV1, { group: 'alert-indexer' }, (deliveries) => this.index(deliveries.map((d) => d.value.alertId), 'changed'));
  }

  private async index(alertIds: readonly string[], event: 'raised' | 'changed'): Promise<void> {
    const distinct = new Set(alertIds);
    for (const alertId of distinct) {
      const alert = await this.store.alerts.find(alertId);
      // Events are published after the store commits, so an unknown alert is a bad event: dead-letter it.
      if (!alert) throw new Error(`alert ${alertId} is not in the store`);
      await this.search.indexAlert(alertDocument(alert));
    }
    indexed.inc({ event }, distinct.size);
  }
}

export function alertDocument(alert: ReviewedAlert): AlertDocument {
  return {
    alertId: alert.alertId,
    corpId: alert.corpId,
    employeeId: alert.employeeId,
    conversationId: alert.conversationId,
    ruleId: alert.ruleId,
    category: alert.category,
    severity: alert.severity,
    status: alert.status,
    resolution: alert.resolution,
    assignee: alert.assignee,
    msgids: alert.msgids,
    hitCount: alert.hitCount,
    excerpt: alert.excerpt,
    policyId: alert.policyId,
    policyVersion: alert.policyVersion,
    version: alert.version,
    createdAt: alert.createdAt,
    updatedAt: alert.updatedAt,
    lastHitAt: alert.lastHitAt,
  };
}
