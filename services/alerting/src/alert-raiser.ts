import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import {
  alertChangedV1,
  alertRaisedV1,
  captureProblemV1,
  chatMessageClassifiedV1,
  relationshipClassifiedV1,
  severitySchema,
  type CaptureProblem,
  type ChatMessageClassified,
  type Hit,
  type RelationshipChange,
  type RelationshipClassified,
  type Severity,
} from '@chatvault/contracts';
import { MESSAGE_BUS, type Delivery, type MessageBus } from '@chatvault/bus';
import { ARCHIVE_STORE, alertChangedEvent, alertRaisedEvent, type AlertRecord, type ArchiveStore, type FiledHit, type HitToFile } from '@chatvault/store';
import { CONFIG, counter, type Config } from '@chatvault/platform';
import { ALERTING_CLOCK, type Clock } from './sla-escalator';

const raised = counter('chatvault_alerts_raised_total', 'Alerts opened', ['category', 'severity']);
const grouped = counter('chatvault_alert_hits_grouped_total', 'Hits filed under an alert that was already open', ['category']);

export const GROUPING_ACTOR = 'system:grouping';

/** What each kind of capture shortfall costs: a pull that keeps failing loses messages for good. */
const CAPTURE_SEVERITY: Record<CaptureProblem['kind'], Severity> = {
  'seq-gap': 'high',
  'decrypt-failed': 'high',
  'media-failed': 'medium',
  'pull-failing': 'critical',
};

/** Hits an alert must hold before its severity rises by one level, and by two. */
const ESCALATE_ONE_AT = 3;
const ESCALATE_TWO_AT = 10;

/** The worst hit's severity, one level higher for a repeated offence and two for a persistent one. */
export function groupSeverity(hitCount: number, worst: Severity): Severity {
  const levels = severitySchema.options;
  const raise = hitCount >= ESCALATE_TWO_AT ? 2 : hitCount >= ESCALATE_ONE_AT ? 1 : 0;
  return levels[Math.min(levels.indexOf(worst) + raise, levels.length - 1)]!;
}

type Subject = Pick<AlertRecord, 'corpId' | 'employeeId' | 'conversationId'>;

/**
 * Files each hit, and each capture problem ingest reports, under one alert per employee, rule and
 * conversation within the grouping window. A new alert is announced on alert.raised.v1, a hit joining
 * one on alert.changed.v1; a redelivered hit finds itself filed and only announces its alert again.
 */
@Injectable()
export class AlertRaiser implements OnModuleInit {
  private readonly windowMs: number;

  constructor(
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(ARCHIVE_STORE) private readonly store: ArchiveStore,
    @Inject(ALERTING_CLOCK) private readonly clock: Clock,
    @Inject(CONFIG) config: Config,
  ) {
    this.windowMs = config.ALERT_GROUPING_WINDOW_MINUTES * 60_000;
  }

  async onModuleInit(): Promise<void> {
    // A burst of hits (a compromised account) comes in batches rather than a commit each.
    await this.bus.subscribeBatch(chatMessageClassifiedV1, { group: 'alerting' }, async (deliveries) => {
      for (const delivery of deliveries) await this.fileMessageHits(delivery);
    });
    await this.bus.subscribe(relationshipClassifiedV1, { group: 'alerting' }, (delivery) => this.fileRelationshipHits(delivery));
    await this.bus.subscribe(captureProblemV1, { group: 'alerting' }, (delivery) => this.fileCaptureProblem(delivery));
  }

  private async fileMessageHits(delivery: Delivery<ChatMessageClassified>): Promise<void> {
    const { message, employeeId, hits } = delivery.value;
    const subject = { corpId: message.corpId, employeeId, conversationId: message.conversationId };
    for (const hit of hits) await this.file(this.hitToFile(hit, subject, message.msgid), delivery);
  }

  private async fileRelationshipHits(delivery: Delivery<RelationshipClassified>): Promise<void> {
    const { change, employeeId, hits } = delivery.value;
    const subject = { corpId: change.corpId, employeeId, conversationId: conversationOf(change) };
    for (const hit of hits) await this.file(this.hitToFile(hit, subject, ''), delivery);
  }

  private fileCaptureProblem(delivery: Delivery<CaptureProblem>): Promise<void> {
    const problem = delivery.value;
    const now = this.clock();
    const hitId = `capture:${problem.eventId}`;
    const severity = CAPTURE_SEVERITY[problem.kind];
    const alert: AlertRecord = {
      alertId: hitId,
      dedupKey: hitId,
      // A failing pull reports again and again: one alert per corp and kind of problem collects them.
      groupKey: `${problem.corpId}|capture|${problem.kind}`,
      corpId: problem.corpId,
      employeeId: '',
      conversationId: '',
      ruleId: `capture.${problem.kind}`,
      category: 'capture-problem',
      severity,
      msgids: problem.msgid ? [problem.msgid] : [],
      excerpt: problem.detail,
      policyId: 'chatvault.capture',
      policyVersion: 1,
      status: 'new',
      createdAt: now,
    };
    const toFile: HitToFile = {
      alert,
      hit: { hitId, msgid: problem.msgid ?? '', severity, excerpt: problem.detail, policyVersion: 1, at: now },
      openSince: now - this.windowMs,
      // Capture problems are not offences: their number does not make them worse.
      severityOf: (_count, worst) => worst,
    };
    return this.file(toFile, delivery);
  }

  private hitToFile(hit: Hit, subject: Subject, msgid: string): HitToFile {
    const now = this.clock();
    return {
      alert: {
        ...subject,
        alertId: hit.hitId,
        dedupKey: hit.hitId,
        groupKey: [subject.corpId, subject.employeeId, hit.ruleId, subject.conversationId].join('|'),
        ruleId: hit.ruleId,
        category: hit.category,
        severity: hit.severity,
        msgids: msgid ? [msgid] : [],
        excerpt: hit.excerpt,
        policyId: hit.policyId,
        policyVersion: hit.policyVersion,
        status: 'new',
        createdAt: now,
      },
      hit: { hitId: hit.hitId, msgid, severity: hit.severity, excerpt: hit.excerpt, policyVersion: hit.policyVersion, at: now },
      openSince: now - this.windowMs,
      severityOf: groupSeverity,
    };
  }

  /** `cause` is the event the hit came with: the announcement continues its trace. */
  private async file(toFile: HitToFile, cause: Delivery<unknown>): Promise<void> {
    const filed = await this.store.alerts.fileHit(toFile);
    if (filed.outcome === 'opened') raised.inc({ category: filed.alert.category, severity: filed.alert.severity });
    if (filed.outcome === 'joined') grouped.inc({ category: filed.alert.category });
    await this.announce(filed, toFile.hit.hitId, cause);
  }

  /** Announced again on redelivery: the first announcement may be what failed. */
  private async announce({ alert }: FiledHit, hitId: string, cause: Delivery<unknown>): Promise<void> {
    const options = { causedBy: [cause] };
    if (hitId !== alert.dedupKey) {
      await this.bus.publish(alertChangedV1, [alertChangedEvent(alert, 'hit-added', GROUPING_ACTOR, `hit:${hitId}`)], options);
      return;
    }
    await this.bus.publish(alertRaisedV1, [alertRaisedEvent(alert)], options);
  }
}

/** Group changes belong to the group's conversation; contact changes to no single one. */
function conversationOf(change: RelationshipChange): string {
  return 'chatId' in change ? `room:${change.chatId}` : '';
}
