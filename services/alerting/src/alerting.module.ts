import { Module } from '@nestjs/common';
import { AlertRaiser } from './alert-raiser';
import { ALERTING_CLOCK, SlaEscalator } from './sla-escalator';
import { AlertIndexer } from './soc/alert-indexer';

@Module({ providers: [AlertRaiser, SlaEscalator, AlertIndexer, { provide: ALERTING_CLOCK, useValue: () => Date.now() }] })
export class AlertingModule {}
