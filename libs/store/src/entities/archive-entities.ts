import { AlertCommentEntity } from './alert-comment.entity';
import { AlertEntity } from './alert.entity';
import { ArchiveCursorEntity, ArchiveEnvelopeEntity } from './archive-envelope.entity';
import { AlertTransitionEntity } from './alert-transition.entity';
import { ApiKeyEntity } from './api-key.entity';
import { ArchivedMessageEntity } from './archived-message.entity';
import { AuditEntryEntity } from './audit-entry.entity';
import { ChainEntryEntity } from './chain-entry.entity';
import { DaySealEntity } from './day-seal.entity';
import { MessageMediaEntity } from './message-media.entity';
import { PolicyVersionEntity } from './policy-version.entity';

export const ARCHIVE_ENTITIES = [
  ArchivedMessageEntity,
  AlertEntity,
  ApiKeyEntity,
  AuditEntryEntity,
  PolicyVersionEntity,
  AlertTransitionEntity,
  AlertCommentEntity,
  ChainEntryEntity,
  DaySealEntity,
  ArchiveEnvelopeEntity,
  ArchiveCursorEntity,
  MessageMediaEntity,
];
