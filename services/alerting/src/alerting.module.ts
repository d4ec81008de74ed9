import { Module } from '@nestjs/common';
import { AlertRaiser } from './alert-raiser';
import { ALERTING_CLOCK, SlaEscalator } from './sla-escalator';

@Module({ providers: [AlertRaiser, SlaEscalator, { provide: ALERTING_CLOCK, useValue: () => Date.now() }] })
export class AlertingModule {}
