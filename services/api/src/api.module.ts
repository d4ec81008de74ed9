import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { ApiKeyGuard } from './auth/api-key.guard';
import { AdminKeyProvisioner } from './auth/admin-key-provisioner';
import { ApiKeysController } from './auth/api-keys.controller';
import { KnownKeys } from './auth/known-keys';
import { Visibilities } from './auth/visibilities';
import { VisibleAlerts } from './alerts/visible-alerts';
import { DomainErrorFilter } from './http/domain-error.filter';
import { ReadAudit } from './audit/read-audit';
import { IngestController } from './ingest/ingest.controller';
import { IngestBatchAcceptor } from './ingest/ingest-batch-acceptor';
import { MessagesController } from './messages/messages.controller';
import { MessageMediaController } from './messages/message-media.controller';
import { AlertsController } from './alerts/alerts.controller';
import { AlertStreamController } from './alerts/alert-stream.controller';
import { AlertFeed } from './alerts/alert-feed';
import { AlertChannelsController } from './alert-routing/alert-channels.controller';
import { AlertRoutesController } from './alert-routing/alert-routes.controller';
import { PoliciesController } from './policies/policies.controller';
import { AlertReview } from './alerts/alert-review';
import { ArchiveController } from './archive/archive.controller';
import { CaptureController } from './archive/capture.controller';
import { WecomCallbackController } from './wecom-callback/wecom-callback.controller';
import { WecomCallbackReceiver } from './wecom-callback/wecom-callback-receiver';
import { DirectoryController } from './directory/directory.controller';
import { EmployeeProfiles } from './directory/employee-profiles';

@Module({
  controllers: [IngestController, MessagesController, MessageMediaController, AlertStreamController, AlertsController, AlertChannelsController, AlertRoutesController, PoliciesController, ArchiveController, CaptureController, WecomCallbackController, DirectoryController, ApiKeysController],
  providers: [
    { provide: APP_GUARD, useClass: ApiKeyGuard },
    { provide: APP_FILTER, useClass: DomainErrorFilter },
    AdminKeyProvisioner,
    KnownKeys,
    Visibilities,
    VisibleAlerts,
    ReadAudit,
    IngestBatchAcceptor,
    AlertReview,
    AlertFeed,
    WecomCallbackReceiver,
    EmployeeProfiles,
  ],
})
export class ApiModule {}
