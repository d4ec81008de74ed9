import { describe, expect, it } from 'vitest';
import { alertStatusSchema, checkTransition, type AlertStatus } from './alert-workflow';

const allowed: [AlertStatus, AlertStatus][] = [
  ['new', 'acknowledged'],
  ['new', 'escalated'],
  ['acknowledged', 'in_review'],
  ['acknowledged', 'escalated'],
  ['in_review', 'escalated'],
  ['escalated', 'in_review'],
];

describe('alert workflow', () => {
  it.each(allowed)('allows %s → %s', (from, to) => {
    expect(checkTransition(from, to)).toEqual({ allowed: true });
  });

  it('allows resolving from in_review and escalated with a resolution only', () => {
    for (const from of ['in_review', 'escalated'] as const) {
      expect(checkTransition(from, 'resolved', 'false_positive')).toEqual({ allowed: true });
      expect(checkTransition(from, 'resolved')).toEqual({ allowed: false, reason: 'resolving needs a resolution' });
    }
  });

  it('refuses every other pair, naming the allowed targets', () => {
    const allowedPairs = new Set([...allowed, ['in_review', 'resolved'], ['escalated', 'resolved']].map(([f, t]) => `${f}>${t}`));
    for (const from of alertStatusSchema.options) {
      for (const to of alertStatusSchema.options) {
        if (allowedPairs.has(`${from}>${to}`)) continue;
        const check = checkTransition(from, to, to === 'resolved' ? 'confirmed_violation' : undefined);
        expect(check.allowed, `${from} → ${to}`).toBe(false);
      }
    }
    expect(checkTransition('new', 'resolved', 'no_action_needed')).toEqual({
      allowed: false,
      reason: 'an alert in status new cannot move to resolved; allowed: acknowledged, escalated',
    });
  });

  it('refuses anything on a resolved alert, saying it is resolved', () => {
    expect(checkTransition('resolved', 'resolved', 'false_positive')).toEqual({ allowed: false, reason: 'the alert is already resolved' });
    expect(checkTransition('resolved', 'in_review')).toEqual({ allowed: false, reason: 'the alert is already resolved' });
  });

  it('refuses a resolution on a move that does not resolve', () => {
    expect(checkTransition('new', 'acknowledged', 'false_positive')).toEqual({
      allowed: false,
      reason: 'only resolving takes a resolution, not moving to acknowledged',
    });
  });
});
