import { Module } from '@nestjs/common';
import { ArchivePullerService } from './archive-puller.service';
import { MessageArchiver } from './message-archiver';
import { DaySealTimer } from './tamper-evidence/day-seal-timer';
import { MediaFetcherService } from './media/media-fetcher.service';

@Module({ providers: [MessageArchiver, ArchivePullerService, DaySealTimer, MediaFetcherService], exports: [ArchivePullerService] })
export class IngestModule {}
