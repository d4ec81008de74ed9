import type { Capability, ServiceDefinition } from '@chatvault/platform';
import { ingestService } from '@chatvault/service-ingest';
import { classificationService } from '@chatvault/service-classification';
import { alertingService } from '@chatvault/service-alerting';
import { customerHandoverService } from '@chatvault/service-customer-handover';
import { retentionService } from '@chatvault/service-retention';
import { apiService } from '@chatvault/service-api';

export const SERVICES: readonly ServiceDefinition[] = [
  ingestService,
  classificationService,
  alertingService,
  customerHandoverService,
  retentionService,
  apiService,
];

export interface TargetPlan {
  services: ServiceDefinition[];
  /** The infrastructure those services need, and nothing more: a classifier never dials Elasticsearch. */
  capabilities: Set<Capability>;
}

export class UnknownTargetError extends Error {
  constructor(unknown: string[]) {
    super(`unknown TARGET ${unknown.map((n) => `"${n}"`).join(', ')}; valid targets: all, ${SERVICES.map((s) => s.name).join(', ')}`);
    this.name = 'UnknownTargetError';
  }
}

/** TARGET is "all" or a comma-separated list of service names, as Loki's -target. */
export function resolveTargets(target: string): TargetPlan {
  const names = target.split(',').map((n) => n.trim()).filter(Boolean);
  if (names.length === 0) throw new UnknownTargetError([target]);
  const wanted = names.includes('all') ? SERVICES.map((s) => s.name) : names;
  const unknown = wanted.filter((n) => !SERVICES.some((s) => s.name === n));
  if (unknown.length > 0) throw new UnknownTargetError(unknown);
  const services = SERVICES.filter((s) => wanted.includes(s.name));
  return { services, capabilities: new Set(services.flatMap((s) => s.needs)) };
}
