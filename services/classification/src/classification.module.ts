import { Module } from '@nestjs/common';
import { MessageClassifier } from './message-classifier';

@Module({ providers: [MessageClassifier] })
export class ClassificationModule {}
