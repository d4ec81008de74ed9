import { describe, expect, it } from 'vitest';
import { groupBy } from './group-by';

describe('groupBy', () => {
  const people = [
    { corpId: 'b', userid: 'b1' },
    { corpId: 'a', userid: 'a1' },
    { corpId: 'b', userid: 'b2' },
  ];

  it('groups the items by key, keys and items in the order they first come', () => {
    expect([...groupBy(people, (p) => p.corpId)]).toEqual([
      ['b', [people[0], people[2]]],
      ['a', [people[1]]],
    ]);
  });

  it('groups what valueOf takes of each item', () => {
    expect([...groupBy(people, (p) => p.corpId, (p) => p.userid)]).toEqual([
      ['b', ['b1', 'b2']],
      ['a', ['a1']],
    ]);
  });

  it('gives no group for no items', () => {
    expect(groupBy([], (p: { corpId: string }) => p.corpId).size).toBe(0);
  });
});
