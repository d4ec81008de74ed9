import { Module } from '@nestjs/common';

/** Hand-over of customers when an employee leaves or moves; its workflows arrive with their issue. */
@Module({})
export class CustomerHandoverModule {}
