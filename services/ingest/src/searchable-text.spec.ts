import { describe, expect, it } from 'vitest';
import { searchableText } from './searchable-text';

describe('searchableText', () => {
  it('takes the content of a text message', () => {
    expect(searchableText('text', { text: { content: '您好' } })).toBe('您好');
  });

  it('takes file names, link titles and red-packet wishes', () => {
    expect(searchableText('file', { file: { filename: '客户名单.xlsx' } })).toBe('客户名单.xlsx');
    expect(searchableText('link', { link: { title: '报价', description: '底价表', link_url: 'https://x' } })).toBe('报价\n底价表\nhttps://x');
    expect(searchableText('external_redpacket', { redpacket: { wish: '恭喜发财' } })).toBe('恭喜发财');
  });

  it('reads the parts of a mixed message, whose content is JSON of its own', () => {
    const mixed = { mixed: { item: [{ type: 'text', content: JSON.stringify({ content: '走飞单' }) }, { type: 'image', content: '{}' }] } };
    expect(searchableText('mixed', mixed)).toBe('走飞单');
  });

  it('reads forwarded chat-record items', () => {
    const record = { chatrecord: { title: '群聊记录', item: [{ type: 'ChatRecordText', content: JSON.stringify({ content: '私下交易' }) }] } };
    expect(searchableText('chatrecord', record)).toBe('群聊记录\n私下交易');
  });

  it('is empty for media and unknown types, without throwing on odd shapes', () => {
    expect(searchableText('image', { image: { sdkfileid: 'x' } })).toBe('');
    expect(searchableText('hologram', { hologram: {} })).toBe('');
    expect(searchableText('text', { text: null as never })).toBe('');
    expect(searchableText('mixed', { mixed: { item: [{ type: 'text', content: '{not json' }] } })).toBe('');
  });
});
