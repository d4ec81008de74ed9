import { AlertEntity } from './alert.entity';
import { ApiKeyEntity } from './api-key.entity';
import { ArchivedMessageEntity } from './archived-message.entity';
import { AuditEntryEntity } from './audit-entry.entity';
import { ChainEntryEntity } from './chain-entry.entity';
import { DaySealEntity } from './day-seal.entity';

export const ARCHIVE_ENTITIES = [ArchivedMessageEntity, AlertEntity, ApiKeyEntity, AuditEntryEntity, ChainEntryEntity, DaySealEntity];
