import { Module } from '@nestjs/common';
import { AlertRaiser } from './alert-raiser';
import { ALERTING_CLOCK, SlaEscalator } from './sla-escalator';
import { AlertIndexer } from './soc/alert-indexer';
import { AlertSyslogForwarder } from './soc/alert-syslog-forwarder';

@Module({ providers: [AlertRaiser, SlaEscalator, AlertIndexer, AlertSyslogForwarder, { provide: ALERTING_CLOCK, useValue: () => Date.now() }] })
export class AlertingModule {}
