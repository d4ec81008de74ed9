import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rawArrayElements } from './raw-json-elements';

describe('rawArrayElements', () => {
  it('gives each element of the named array exactly as written', () => {
    const first = '{ "msgid" : "m-1", "text": {"content": "\\u4f60\\u597d \\"报价\\" ]}, [ 😀"}, "seq": 18446744073709551615, "ratio": 1.50 }';
    const second = '[1,{"a":[]}]';
    const body = `{"corpId":"ww1",\n  "messages": [ ${first} ,\n${second},"x",null, 1e3 ], "tail": {"messages": 1}}`;
    expect(rawArrayElements(body, 'messages')).toEqual([first, second, '"x"', 'null', '1e3']);
  });

  it('takes the last of duplicate keys as JSON.parse does, and gives nothing for a missing or non-array member', () => {
    expect(rawArrayElements('{"messages":[1],"messages":[ 2 ]}', 'messages')).toEqual(['2']);
    expect(rawArrayElements('{"corpId":"x"}', 'messages')).toBeUndefined();
    expect(rawArrayElements('{"messages":{"0":1}}', 'messages')).toBeUndefined();
    expect(rawArrayElements('[{"messages":[1]}]', 'messages')).toBeUndefined();
    expect(rawArrayElements('{"messages":[]}', 'messages')).toEqual([]);
  });

  it('agrees with JSON.parse on every element of any JSON array, however it is spaced', () => {
    const spacing = fc.constantFrom('', ' ', '\n', '\t ', '\r\n');
    fc.assert(
      fc.property(fc.array(fc.jsonValue()), spacing, (values, space) => {
        const body = `{${space}"messages"${space}:${space}[${values.map((v) => `${space}${JSON.stringify(v, null, space.includes('\n') ? 1 : 0)}${space}`).join(',')}]${space}}`;
        const elements = rawArrayElements(body, 'messages')!;
        expect(elements.map((e) => JSON.parse(e) as unknown)).toEqual(JSON.parse(body).messages);
      }),
      { numRuns: 500 },
    );
  });
});
