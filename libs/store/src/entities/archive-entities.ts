import { AlertEntity } from './alert.entity';
import { ArchiveCursorEntity, ArchiveEnvelopeEntity } from './archive-envelope.entity';
import { ApiKeyEntity } from './api-key.entity';
import { ArchivedMessageEntity } from './archived-message.entity';
import { AuditEntryEntity } from './audit-entry.entity';

export const ARCHIVE_ENTITIES = [ArchivedMessageEntity, AlertEntity, ApiKeyEntity, AuditEntryEntity, ArchiveEnvelopeEntity, ArchiveCursorEntity];
