import { Module } from '@nestjs/common';
import { ArchivePullerService } from './archive-puller.service';
import { ArchiveNotifyListener } from './archive-notify-listener';
import { MessageArchiver } from './message-archiver';
import { DaySealTimer } from './tamper-evidence/day-seal-timer';

@Module({ providers: [MessageArchiver, ArchivePullerService, ArchiveNotifyListener, DaySealTimer], exports: [ArchivePullerService] })
export class IngestModule {}
