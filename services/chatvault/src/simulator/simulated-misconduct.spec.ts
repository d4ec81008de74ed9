import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY_PACK } from '@chatvault/policy-engine';
import { simulate } from '@chatvault/simulator';
import { qrPng } from '@chatvault/testing';
import { simulatedHits } from './simulated-hits';

describe('simulated misconduct against the default pack', () => {
  const simulation = simulate({ seed: 7, days: 3, employees: 12 });
  const hits = simulatedHits(simulation, qrPng);

  it('reports every seeded misconduct with its labelled category', () => {
    const missed = simulation.labels
      .filter((label) => !hits.get('msgid' in label ? label.msgid : label.eventId)?.has(label.category))
      .map((label) => `${label.category}: ${label.scenario}`);
    expect(missed).toEqual([]);
  });

  it('seeds every category the default pack reports, event-only ones through events', () => {
    const seeded = new Set(simulation.labels.map((label) => label.category));
    const packCategories = [...new Set(DEFAULT_POLICY_PACK.flatMap((policy) => policy.categories ?? []))];
    expect(packCategories.length).toBeGreaterThan(20);
    expect(packCategories.filter((category) => !seeded.has(category))).toEqual([]);
    const fromEvents = new Set(simulation.labels.filter((label) => 'eventId' in label).map((label) => label.category));
    expect([...fromEvents].sort()).toEqual(['consent-withdrawn', 'customer-deletion', 'customer-lost', 'private-group']);
  });
});
