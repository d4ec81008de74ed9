import { Module } from '@nestjs/common';
import { ArchivePullerService } from './archive-puller.service';
import { MessageArchiver } from './message-archiver';
import { NightlyArchiveJobs } from './nightly-archive-jobs';
import { CaptureProblemRecorder } from './capture-problem-recorder';

@Module({ providers: [MessageArchiver, ArchivePullerService, NightlyArchiveJobs, CaptureProblemRecorder], exports: [ArchivePullerService] })
export class IngestModule {}
