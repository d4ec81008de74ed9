import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ChatMessage } from '@chatvault/contracts';
import { describe, expect, it } from 'vitest';
import { chatMessage } from '@chatvault/testing';
import { compilePolicies } from './compile-policies';
import { DEFAULT_POLICY_PACK } from './default-pack';
import type { Direction } from './policy-schema';

const doc = readFileSync(join(__dirname, 'DEFAULT_PACK.md'), 'utf8');
const classifier = compilePolicies(DEFAULT_POLICY_PACK);

/** `**例 Example** (direction): text ⇒ category` lines, `(none)` for a line that must raise nothing. */
const examples = [...doc.matchAll(/^\*\*例 Example\*\* \(([a-z-]+)\): (.+) ⇒ (\(none\)|[a-z-]+)$/gm)].map(([, direction, text, expected]) => ({
  direction: direction as Direction,
  text: text!,
  expected: expected === '(none)' ? undefined : expected,
}));

function message(text: string, direction: Direction): ChatMessage {
  const employee = { from: 'zhangsan', fromKind: 'employee' as const };
  const participants = {
    'employee-to-customer': { ...employee, tolist: ['wmCustomer'] },
    'customer-to-employee': { from: 'wmCustomer', fromKind: 'external' as const, tolist: ['zhangsan'] },
    internal: { ...employee, tolist: ['lisi'] },
    group: { ...employee, tolist: ['lisi', 'wmCustomer'] },
  }[direction];
  const roomid = direction === 'group' ? 'room' : '';
  return chatMessage({ roomid, msgtime: Date.parse('2024-03-06T10:00:00+08:00'), text, ...participants });
}

describe('DEFAULT_PACK.md', () => {
  it('documents every rule of the pack', () => {
    const headings = new Set([...doc.matchAll(/^### ([a-z-]+)$/gm)].map(([, id]) => id));
    const ruleIds = DEFAULT_POLICY_PACK.flatMap((policy) => policy.rules.map((rule) => rule.id));
    expect(ruleIds.filter((id) => !headings.has(id))).toEqual([]);
  });

  it('has text examples, and each does what the document says', () => {
    expect(examples.length).toBeGreaterThan(30);
    for (const { direction, text, expected } of examples) {
      const found = classifier.classify({ message: message(text, direction) }).map((hit) => hit.category);
      if (expected) expect(found, text).toContain(expected);
      else expect(found, text).toEqual([]);
    }
  });
});
