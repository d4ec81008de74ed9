import { Module } from '@nestjs/common';
import { ArchivePullerService } from './archive-puller.service';
import { MessageArchiver } from './message-archiver';
import { DaySealTimer } from './tamper-evidence/day-seal-timer';

@Module({ providers: [MessageArchiver, ArchivePullerService, DaySealTimer], exports: [ArchivePullerService] })
export class IngestModule {}
