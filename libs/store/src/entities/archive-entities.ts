import { AlertCommentEntity } from './alert-comment.entity';
import { AlertEntity } from './alert.entity';
import { AlertHitEntity } from './alert-hit.entity';
import { AlertChannelEntity, AlertDeliveryEntity, AlertRouteEntity } from './alert-routing.entity';
import { ArchiveCursorEntity, ArchiveEnvelopeEntity } from './archive-envelope.entity';
import { AlertTransitionEntity } from './alert-transition.entity';
import { ApiKeyEntity } from './api-key.entity';
import { ArchivedMessageEntity } from './archived-message.entity';
import { AuditEntryEntity } from './audit-entry.entity';
import { CaptureProblemEntity, CaptureDuplicatesEntity } from './capture.entity';
import { ChainEntryEntity } from './chain-entry.entity';
import { DaySealEntity } from './day-seal.entity';
import { DayAmendmentEntity } from './day-amendment.entity';
import { DirectoryDepartmentEntity, DirectoryEmployeeEntity, DirectoryExternalContactEntity } from './directory.entity';
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
  AlertHitEntity,
  ChainEntryEntity,
  DaySealEntity,
  DayAmendmentEntity,
  ArchiveEnvelopeEntity,
  ArchiveCursorEntity,
  CaptureProblemEntity,
  CaptureDuplicatesEntity,
  DirectoryDepartmentEntity,
  DirectoryEmployeeEntity,
  DirectoryExternalContactEntity,
  MessageMediaEntity,
  AlertChannelEntity,
  AlertRouteEntity,
  AlertDeliveryEntity,
];
