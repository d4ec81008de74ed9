import { Module } from '@nestjs/common';
import { ArchivePullerService } from './archive-puller.service';
import { ArchiveNotifyListener } from './archive-notify-listener';
import { DirectoryService } from './directory/directory.service';
import { MessageArchiver } from './message-archiver';
import { DaySealTimer } from './tamper-evidence/day-seal-timer';

@Module({ providers: [MessageArchiver, ArchivePullerService, ArchiveNotifyListener, DirectoryService, DaySealTimer], exports: [ArchivePullerService] })
export class IngestModule {}
