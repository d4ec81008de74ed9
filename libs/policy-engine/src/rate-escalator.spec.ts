import { describe, expect, it } from 'vitest';
import type { EngineHit } from './engine-hit';
import { compilePolicies } from './compile-policies';
import { DEFAULT_POLICY_PACK } from './default-pack';
import { RateEscalator, type WindowCounter } from './rate-escalator';

/** Counts per key like Cache.increment, without expiry: the escalator never reads time itself. */
function counter(): { count: WindowCounter; keys: string[] } {
  const counts = new Map<string, number>();
  const keys: string[] = [];
  return {
    keys,
    count: async (key) => {
      keys.push(key);
      counts.set(key, (counts.get(key) ?? 0) + 1);
      return counts.get(key)!;
    },
  };
}

const hit = (category: string): EngineHit => ({
  ruleId: 'r',
  category,
  severity: 'medium',
  spans: [],
  excerpt: '',
  policyId: 'p',
  policyVersion: 2,
  source: 'text',
});

describe('rate escalator', () => {
  it('escalates the default pack’s bulk deletions from the tenth in a day', async () => {
    const classifier = compilePolicies(DEFAULT_POLICY_PACK);
    const { count } = counter();
    const escalator = classifier.rateEscalator(count);
    const event = { corpId: 'c', occurredAt: 0, type: 'external-contact-deleted' as const, employeeId: 'zhangsan', externalUserIds: ['wmA'], byTransfer: false };
    const severities: string[] = [];
    for (let i = 0; i < 10; i++) {
      const [hit] = await escalator.escalate(classifier.classifyEvent(event), classifier.employeeOfEvent(event));
      severities.push(hit!.severity);
    }
    expect(severities).toEqual([...new Array(9).fill('medium'), 'critical']);
  });


  const rule = { policyId: 'p', policyVersion: 2, ruleId: 'repeat', counts: 'abuse', threshold: 3, windowMinutes: 60, escalateTo: 'critical' as const };

  it('escalates from the Nth message with hits of the category by one employee', async () => {
    const { count, keys } = counter();
    const escalator = new RateEscalator([rule], count);
    const severities: string[] = [];
    for (let i = 0; i < 4; i++) severities.push((await escalator.escalate([hit('abuse'), hit('other')], 'zhangsan'))[0]!.severity);
    expect(severities).toEqual(['medium', 'medium', 'critical', 'critical']);
    expect(keys[0]).toBe('rate:p@2:repeat:zhangsan');
    const [abuse, other] = await escalator.escalate([hit('abuse'), hit('other')], 'zhangsan');
    expect(abuse!.escalation).toEqual({ ruleId: 'repeat', count: 5, windowMinutes: 60 });
    expect(other!.severity).toBe('medium');
  });

  it('counts employees apart and ignores messages without the category', async () => {
    const { count, keys } = counter();
    const escalator = new RateEscalator([rule], count);
    await escalator.escalate([hit('other')], 'zhangsan');
    await escalator.escalate([hit('abuse')], 'lisi');
    await escalator.escalate([hit('abuse')], undefined);
    expect(keys).toEqual(['rate:p@2:repeat:lisi']);
  });

  it('never lowers a severity', async () => {
    const { count } = counter();
    const escalator = new RateEscalator([{ ...rule, threshold: 2, escalateTo: 'low' }], count);
    await escalator.escalate([hit('abuse')], 'zs');
    expect((await escalator.escalate([hit('abuse')], 'zs'))[0]!.severity).toBe('medium');
  });
});
