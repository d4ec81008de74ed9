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
    expect([...fromEvents].sort()).toEqual(['customer-deletion', 'customer-lost', 'private-group']);
  });
});

describe('ordinary simulated traffic against the default pack', () => {
  /** Share of unlabelled messages allowed to raise a hit: a false alarm a day per few hundred chats. */
  const MAX_FALSE_ALARM_SHARE = 0.005;

  it(`raises hits on under ${MAX_FALSE_ALARM_SHARE * 100}% of the messages nobody seeded as misconduct`, () => {
    let ordinary = 0;
    const offenders: string[] = [];
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const simulation = simulate({ seed, days: 5, employees: 20 });
      const hits = simulatedHits(simulation, qrPng);
      const seeded = new Set(simulation.labels.map((label) => ('msgid' in label ? label.msgid : label.eventId)));
      for (const record of simulation.records) {
        if (seeded.has(record.msgid)) continue;
        ordinary++;
        const categories = [...(hits.get(record.msgid) ?? [])];
        // The body sits under the msgtype's name, except docmsg's under `doc`: show the whole record then.
        const body = record[String(record.msgtype)] ?? record;
        if (categories.length > 0) offenders.push(`seed ${seed} ${categories.join(',')}: ${JSON.stringify(body)}`);
      }
    }
    expect(ordinary).toBeGreaterThan(10_000);
    expect(offenders.length / ordinary, `false alarms on ordinary messages:\n${offenders.join('\n')}`).toBeLessThan(MAX_FALSE_ALARM_SHARE);
  });
});
