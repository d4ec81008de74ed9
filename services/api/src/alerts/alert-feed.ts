import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { Subject } from 'rxjs';
import { alertChangedV1, alertRaisedV1, type AlertChanged, type AlertRaised } from '@chatvault/contracts';
import { MESSAGE_BUS, type MessageBus } from '@chatvault/bus';

export type AlertFeedEvent = { type: 'alert.raised'; value: AlertRaised } | { type: 'alert.changed'; value: AlertChanged };

/**
 * Alert events as they happen, for the dashboards connected to this API process. Each process reads
 * both topics in a group of its own from their ends: every replica sees every event, and none replays
 * history nobody is watching.
 */
@Injectable()
export class AlertFeed implements OnModuleInit {
  readonly events = new Subject<AlertFeedEvent>();

  constructor(@Inject(MESSAGE_BUS) private readonly bus: MessageBus) {}

  async onModuleInit(): Promise<void> {
    const group = `api-alert-feed-${randomUUID()}`;
    await this.bus.subscribe(alertRaisedV1, { group, startAt: 'latest' }, async ({ value }) => this.events.next({ type: 'alert.raised', value }));
    await this.bus.subscribe(alertChangedV1, { group, startAt: 'latest' }, async ({ value }) => this.events.next({ type: 'alert.changed', value }));
  }
}
