import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_RECORD_BYTES } from '@chatvault/contracts';
import { parseImportLine, withoutMember } from './import-record';

describe('parseImportLine', () => {
  const record = '{"msgid":"m-1", "action":"send","text":{"content":"\\u4f60\\u597d"}}';

  it('takes a bare record for the --corp corp, its text as written', () => {
    expect(parseImportLine(record, 'wwa')).toEqual({ record: { corpId: 'wwa', msgid: 'm-1', json: record } });
  });

  it("takes the line's own corpId over --corp, and drops that member from the record it posts", () => {
    expect(parseImportLine('{"corpId":"wwb", "msgid":"m-1","text":{"corpId":"kept"}}', 'wwa')).toEqual({
      record: { corpId: 'wwb', msgid: 'm-1', json: '{ "msgid":"m-1","text":{"corpId":"kept"}}' },
    });
  });

  it('refuses, with the reason, a line that is no JSON object, has no corp, a bad corpId or an oversize record', () => {
    expect(parseImportLine('{"msgid":', 'wwa')).toEqual({ rejected: expect.stringMatching(/^the line is not valid JSON: /) });
    expect(parseImportLine('[1]', 'wwa')).toEqual({ rejected: 'the line must be a JSON object (a chat-archive record), not an array' });
    expect(parseImportLine('null', 'wwa')).toEqual({ rejected: 'the line must be a JSON object (a chat-archive record), not null' });
    expect(parseImportLine('"x"', 'wwa')).toEqual({ rejected: 'the line must be a JSON object (a chat-archive record), not string' });
    expect(parseImportLine(record, undefined)).toEqual({ rejected: 'the line has no corpId and no --corp was given', msgid: 'm-1' });
    expect(parseImportLine('{"corpId":7,"msgid":"m-2"}', 'wwa')).toEqual({ rejected: 'corpId must be a non-empty string', msgid: 'm-2' });
    const big = `{"msgid":"m-3","text":{"content":"${'x'.repeat(MAX_RECORD_BYTES)}"}}`;
    expect(parseImportLine(big, 'wwa')).toEqual({ rejected: `the record is ${big.length} bytes, over the limit of ${MAX_RECORD_BYTES}`, msgid: 'm-3' });
  });
});

describe('withoutMember', () => {
  it('removes every top-level member of that name wherever it stands, and nothing nested', () => {
    expect(withoutMember('{"corpId":"a"}', 'corpId')).toBe('{}');
    expect(withoutMember(' {"a":1,"corpId":"x"} ', 'corpId')).toBe(' {"a":1} ');
    expect(withoutMember('{"corpId":"x","corpId":"y","a":{"corpId":1},"b":"\\"corpId\\""}', 'corpId')).toBe('{"a":{"corpId":1},"b":"\\"corpId\\""}');
  });

  it('agrees with deleting the key from the parsed object, for any object', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom('corpId', 'msgid', 'a', 'corp"Id', '中'), fc.jsonValue()), fc.constantFrom(0, 1), (object, indent) => {
        const json = JSON.stringify(object, null, indent);
        const expected = JSON.parse(json) as Record<string, unknown>;
        delete expected.corpId;
        expect(JSON.parse(withoutMember(json, 'corpId'))).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });
});
