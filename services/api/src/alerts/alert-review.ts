import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { alertChangedV1, alertResolutionSchema, alertStatusSchema, checkTransition } from '@chatvault/contracts';
import { MESSAGE_BUS, type MessageBus } from '@chatvault/bus';
import { ARCHIVE_STORE, StoreError, alertChangedEvent, type AlertCommentRecord, type ApiKeyRecord, type ArchiveStore, type ReviewedAlert } from '@chatvault/store';
import { DomainError, counter } from '@chatvault/platform';
import { actorOf } from '../auth/actor';
import { VisibleAlerts } from './visible-alerts';

const refused = counter('chatvault_alert_transitions_refused_total', 'Alert transitions refused', ['reason']);

export const alertChangeSchema = z
  .object({
    status: alertStatusSchema,
    expectedVersion: z.number().int().positive(),
    reason: z.string().trim().min(1, 'reason is required').max(2_000),
    assignee: z.string().trim().min(1).max(200).optional(),
    resolution: alertResolutionSchema.optional(),
  })
  .strict();

export const alertCommentSchema = z.object({ body: z.string().trim().min(1, 'body is required').max(10_000) }).strict();

/**
 * Reviewers' actions on an alert, checked against the workflow before the store applies them, and
 * announced on alert.changed.v1 once applied.
 */
@Injectable()
export class AlertReview {
  constructor(
    @Inject(ARCHIVE_STORE) private readonly store: ArchiveStore,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    private readonly alerts: VisibleAlerts,
  ) {}

  async change(alertId: string, change: z.infer<typeof alertChangeSchema>, principal: ApiKeyRecord): Promise<ReviewedAlert> {
    const alert = await this.alerts.find(alertId, principal);
    // The rules are checked against the state the reviewer saw; the store applies the change only at that
    // version, and refuses it as stale when the alert has moved on (before this read or after it).
    if (alert.version === change.expectedVersion) {
      const check = checkTransition(alert.status, change.status, change.resolution);
      if (!check.allowed) {
        refused.inc({ reason: 'not_allowed' });
        throw new DomainError('conflict', check.reason);
      }
    }
    let moved: ReviewedAlert;
    try {
      moved = await this.store.alerts.transition(alertId, change.expectedVersion, {
        to: change.status,
        actor: actorOf(principal),
        reason: change.reason,
        at: Date.now(),
        assignee: change.assignee,
        resolution: change.resolution,
      });
    } catch (error) {
      if (error instanceof StoreError && error.reason === 'stale_version') refused.inc({ reason: 'stale_version' });
      throw error;
    }
    await this.bus.publish(alertChangedV1, [alertChangedEvent(moved, 'transitioned', actorOf(principal), `transition:${alertId}:${moved.version}`)]);
    return moved;
  }

  async comment(alertId: string, body: string, principal: ApiKeyRecord): Promise<AlertCommentRecord> {
    await this.alerts.find(alertId, principal);
    const comment = { id: randomUUID(), alertId, author: actorOf(principal), body, at: Date.now() };
    await this.store.alerts.addComment(comment);
    const alert = await this.store.alerts.find(alertId);
    if (alert) await this.bus.publish(alertChangedV1, [alertChangedEvent(alert, 'commented', comment.author, `comment:${comment.id}`)]);
    return comment;
  }
}
