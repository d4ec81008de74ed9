import { Module } from '@nestjs/common';
import { ActivePolicies } from './active-policies';
import { MessageClassifier } from './message-classifier';
import { PolicyReloader } from './policy-reloader';
import { RelationshipClassifier } from './relationship-classifier';

@Module({ providers: [ActivePolicies, PolicyReloader, MessageClassifier, RelationshipClassifier] })
export class ClassificationModule {}
