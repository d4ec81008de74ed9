import { Module } from '@nestjs/common';

/** Retention, legal holds and deletion records; its policies arrive with their issue. */
@Module({})
export class RetentionModule {}
