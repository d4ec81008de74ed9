import { Module } from '@nestjs/common';
import { ActivePolicies } from './active-policies';
import { MediaClassifier } from './media-classifier';
import { MessageClassifier } from './message-classifier';
import { PolicyReloader } from './policy-reloader';
import { RelationshipClassifier } from './relationship-classifier';

@Module({ providers: [ActivePolicies, PolicyReloader, MessageClassifier, MediaClassifier, RelationshipClassifier] })
export class ClassificationModule {}
