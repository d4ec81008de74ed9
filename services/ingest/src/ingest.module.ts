import { Module } from '@nestjs/common';
import { ArchivePullerService } from './archive-puller.service';
import { MessageArchiver } from './message-archiver';

@Module({ providers: [MessageArchiver, ArchivePullerService], exports: [ArchivePullerService] })
export class IngestModule {}
