import { Module } from '@nestjs/common';
import { MessageArchiver } from './message-archiver';

@Module({ providers: [MessageArchiver] })
export class IngestModule {}
