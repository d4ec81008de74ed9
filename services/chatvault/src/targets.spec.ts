import { describe, expect, it } from 'vitest';
import { resolveTargets, SERVICES, UnknownTargetError } from './targets';

describe('resolveTargets', () => {
  it('runs every service for all', () => {
    const plan = resolveTargets('all');
    expect(plan.services.map((s) => s.name)).toEqual(SERVICES.map((s) => s.name));
    expect([...plan.capabilities].sort()).toEqual(['bus', 'cache', 'objects', 'search', 'store']);
  });

  it('starts only the infrastructure the listed services need', () => {
    const plan = resolveTargets('customer-handover');
    expect(plan.services.map((s) => s.name)).toEqual(['customer-handover']);
    expect([...plan.capabilities].sort()).toEqual(['bus', 'store']);
    expect([...resolveTargets('alerting').capabilities].sort()).toEqual(['bus', 'cache', 'search', 'store']);
  });

  it('accepts a list with spaces', () => {
    expect(resolveTargets(' ingest , alerting ').services.map((s) => s.name)).toEqual(['ingest', 'alerting']);
  });

  it('fails on an unknown name and lists the valid ones', () => {
    expect(() => resolveTargets('ingest,archiver')).toThrow(UnknownTargetError);
    expect(() => resolveTargets('ingest,archiver')).toThrow(
      'unknown TARGET "archiver"; valid targets: all, ingest, classification, alerting, customer-handover, retention, api',
    );
  });

  it('fails on an empty target', () => {
    expect(() => resolveTargets(' , ')).toThrow(UnknownTargetError);
  });
});
