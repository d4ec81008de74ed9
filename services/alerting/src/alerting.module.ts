import { Module } from '@nestjs/common';
import { AlertRaiser } from './alert-raiser';

@Module({ providers: [AlertRaiser] })
export class AlertingModule {}
