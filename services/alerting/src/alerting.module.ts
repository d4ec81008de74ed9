import { Module } from '@nestjs/common';
import { ARCHIVE_STORE, type ArchiveStore } from '@chatvault/store';
import { AlertRaiser } from './alert-raiser';
import { ALERTING_CLOCK, SlaEscalator, type Clock } from './sla-escalator';
import { channelSendersProvider } from './delivery/channel-senders';
import { AlertNotifier, ROUTING_SNAPSHOT } from './notify/alert-notifier';
import { DailyDigest } from './notify/daily-digest';
import { NotificationSender } from './notify/notification-sender';
import { RoutingSnapshot } from './notify/routing-snapshot';
import { ThrottleSummarizer } from './notify/throttle-summarizer';
import { AlertIndexer } from './soc/alert-indexer';
import { AlertSyslogForwarder } from './soc/alert-syslog-forwarder';

@Module({
  providers: [
    AlertRaiser,
    SlaEscalator,
    AlertIndexer,
    AlertSyslogForwarder,
    AlertNotifier,
    NotificationSender,
    ThrottleSummarizer,
    DailyDigest,
    { provide: ALERTING_CLOCK, useValue: () => Date.now() },
    {
      provide: ROUTING_SNAPSHOT,
      inject: [ARCHIVE_STORE, ALERTING_CLOCK],
      useFactory: (store: ArchiveStore, clock: Clock) => new RoutingSnapshot(store.routing, clock),
    },
    channelSendersProvider,
  ],
})
export class AlertingModule {}
