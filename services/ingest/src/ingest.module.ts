import { Module } from '@nestjs/common';
import { MessageArchiver } from './message-archiver';
import { DaySealTimer } from './tamper-evidence/day-seal-timer';

@Module({ providers: [MessageArchiver, DaySealTimer] })
export class IngestModule {}
