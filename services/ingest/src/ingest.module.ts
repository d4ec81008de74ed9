import { Module } from '@nestjs/common';
import { ArchivePullerService } from './archive-puller.service';
import { ArchiveNotifyListener } from './archive-notify-listener';
import { DirectoryService } from './directory/directory.service';
import { MessageArchiver } from './message-archiver';
import { MessageIndexer } from './message-indexer';
import { NightlyArchiveJobs } from './nightly-archive-jobs';
import { CaptureProblemRecorder } from './capture-problem-recorder';
import { MediaFetcherService } from './media/media-fetcher.service';

@Module({ providers: [MessageArchiver, MessageIndexer, ArchivePullerService, ArchiveNotifyListener, DirectoryService, NightlyArchiveJobs, CaptureProblemRecorder, MediaFetcherService], exports: [ArchivePullerService] })
export class IngestModule {}
