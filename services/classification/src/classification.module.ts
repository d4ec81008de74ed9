import { Module } from '@nestjs/common';
import { ActivePolicies } from './active-policies';
import { MessageClassifier } from './message-classifier';
import { RelationshipClassifier } from './relationship-classifier';

@Module({ providers: [ActivePolicies, MessageClassifier, RelationshipClassifier] })
export class ClassificationModule {}
