import { describe, expect, it } from 'vitest';
import { CallbackEventParseError, parseCallbackEvent } from './callback-events';

/** Shaped like the samples in WeCom's docs (customer contact 92130, groups, contacts, archive notify). */
const event = (fields: string, name = 'change_external_contact') =>
  `<xml><ToUserName><![CDATA[ww55ca070cb9b7eb22]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName><CreateTime>1403610513</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[${name}]]></Event>${fields}</xml>`;

describe('parseCallbackEvent: customer contact', () => {
  it('parses add_external_contact with its channel state and welcome code', () => {
    const parsed = parseCallbackEvent(
      event('<ChangeType><![CDATA[add_external_contact]]></ChangeType><UserID><![CDATA[zhangsan]]></UserID><ExternalUserID><![CDATA[woAJ2GCAAAXtWyujaWJHDDGi0mAAAA]]></ExternalUserID><State><![CDATA[teststate]]></State><WelcomeCode><![CDATA[WELCOMECODE]]></WelcomeCode>'),
    );
    expect(parsed).toEqual({
      type: 'change_external_contact',
      toUserName: 'ww55ca070cb9b7eb22',
      fromUserName: 'sys',
      createTime: 1403610513,
      changeType: 'add_external_contact',
      userId: 'zhangsan',
      externalUserId: 'woAJ2GCAAAXtWyujaWJHDDGi0mAAAA',
      state: 'teststate',
      welcomeCode: 'WELCOMECODE',
      source: undefined,
      failReason: undefined,
    });
  });

  it.each(['edit_external_contact', 'add_half_external_contact', 'del_follow_user'])('parses %s', (changeType) => {
    const parsed = parseCallbackEvent(event(`<ChangeType><![CDATA[${changeType}]]></ChangeType><UserID><![CDATA[lisi]]></UserID><ExternalUserID><![CDATA[wmXYZ]]></ExternalUserID>`));
    expect(parsed).toMatchObject({ type: 'change_external_contact', changeType, userId: 'lisi', externalUserId: 'wmXYZ' });
  });

  it('parses del_external_contact caused by a handover', () => {
    const parsed = parseCallbackEvent(
      event('<ChangeType><![CDATA[del_external_contact]]></ChangeType><UserID><![CDATA[zhangsan]]></UserID><ExternalUserID><![CDATA[woAJ2GCAAAXtWyujaWJHDDGi0mACAAAA]]></ExternalUserID><Source><![CDATA[DELETE_BY_TRANSFER]]></Source>'),
    );
    expect(parsed).toMatchObject({ changeType: 'del_external_contact', source: 'DELETE_BY_TRANSFER' });
  });

  it('parses transfer_fail with its reason', () => {
    const parsed = parseCallbackEvent(
      event('<ChangeType><![CDATA[transfer_fail]]></ChangeType><FailReason><![CDATA[customer_refused]]></FailReason><UserID><![CDATA[zhangsan]]></UserID><ExternalUserID><![CDATA[woAJ2GCAAAXtWyujaWJHDDGi0mAAAA]]></ExternalUserID>'),
    );
    expect(parsed).toMatchObject({ changeType: 'transfer_fail', failReason: 'customer_refused', userId: 'zhangsan' });
  });

  it('parses msg_audit_approved (a customer agreed to archiving)', () => {
    const parsed = parseCallbackEvent(
      event('<ChangeType><![CDATA[msg_audit_approved]]></ChangeType><UserID><![CDATA[zhangsan]]></UserID><ExternalUserID><![CDATA[woAJ2GCAAABiuyujaWJHDDGi0mACHAAA]]></ExternalUserID><WelcomeCode><![CDATA[WELCOMECODE]]></WelcomeCode>'),
    );
    expect(parsed).toMatchObject({ changeType: 'msg_audit_approved', externalUserId: 'woAJ2GCAAABiuyujaWJHDDGi0mACHAAA', welcomeCode: 'WELCOMECODE' });
  });
});

describe('parseCallbackEvent: customer groups', () => {
  it('parses an update with its member changes', () => {
    const parsed = parseCallbackEvent(
      event(
        '<ChatId><![CDATA[wrx7HUARsKwGRaQBVKPBTcEyzdHA4HrQ]]></ChatId><ChangeType><![CDATA[update]]></ChangeType><UpdateDetail><![CDATA[add_member]]></UpdateDetail><JoinScene>1</JoinScene><QuitScene>0</QuitScene><MemChangeCnt>2</MemChangeCnt><MemChangeList><Item>Jack</Item><Item>Rose</Item></MemChangeList><LastMemVer>9c3f97c2ada667dfb5f6d03308d963e1</LastMemVer><CurMemVer>71217227bbd112ecfe3a49c482195cb4</CurMemVer>',
        'change_external_chat',
      ),
    );
    expect(parsed).toMatchObject({
      type: 'change_external_chat',
      changeType: 'update',
      chatId: 'wrx7HUARsKwGRaQBVKPBTcEyzdHA4HrQ',
      updateDetail: 'add_member',
      joinScene: 1,
      quitScene: 0,
      memberChangeCount: 2,
      memberChangeList: ['Jack', 'Rose'],
      lastMemberVersion: '9c3f97c2ada667dfb5f6d03308d963e1',
      currentMemberVersion: '71217227bbd112ecfe3a49c482195cb4',
    });
  });

  it('reads a single member and the older comma-separated member list', () => {
    const one = parseCallbackEvent(event('<ChatId>wr1</ChatId><ChangeType>update</ChangeType><UpdateDetail>del_member</UpdateDetail><QuitScene>1</QuitScene><MemChangeList><Item>wmA</Item></MemChangeList>', 'change_external_chat'));
    expect(one).toMatchObject({ memberChangeList: ['wmA'], quitScene: 1 });
    const legacy = parseCallbackEvent(event('<ChatId>wr1</ChatId><ChangeType>update</ChangeType><UpdateDetail>add_member</UpdateDetail><MemChangeList><![CDATA[wmA,wmB]]></MemChangeList>', 'change_external_chat'));
    expect(legacy).toMatchObject({ memberChangeList: ['wmA', 'wmB'] });
  });

  it.each(['create', 'dismiss'])('parses %s', (changeType) => {
    expect(parseCallbackEvent(event(`<ChatId><![CDATA[wr9]]></ChatId><ChangeType><![CDATA[${changeType}]]></ChangeType>`, 'change_external_chat'))).toMatchObject({
      type: 'change_external_chat',
      changeType,
      chatId: 'wr9',
      memberChangeList: [],
    });
  });
});

describe('parseCallbackEvent: contacts and archive', () => {
  it('parses create_user with its departments', () => {
    const parsed = parseCallbackEvent(
      event('<ChangeType>create_user</ChangeType><UserID><![CDATA[zhangsan]]></UserID><Name><![CDATA[张三]]></Name><Department><![CDATA[1,2,3]]></Department><MainDepartment>1</MainDepartment><Position><![CDATA[产品经理]]></Position><Status>1</Status>', 'change_contact'),
    );
    expect(parsed).toMatchObject({ type: 'change_contact', changeType: 'create_user', userId: 'zhangsan', name: '张三', departments: ['1', '2', '3'], position: '产品经理', status: 1 });
  });

  it('parses update_user with a renamed userid and delete_user (a departure)', () => {
    expect(parseCallbackEvent(event('<ChangeType>update_user</ChangeType><UserID>zhangsan</UserID><NewUserID>zhangsan2</NewUserID>', 'change_contact'))).toMatchObject({
      changeType: 'update_user',
      userId: 'zhangsan',
      newUserId: 'zhangsan2',
      departments: [],
    });
    expect(parseCallbackEvent(event('<ChangeType>delete_user</ChangeType><UserID>zhangsan</UserID>', 'change_contact'))).toMatchObject({ changeType: 'delete_user', userId: 'zhangsan' });
  });

  it('parses party changes', () => {
    expect(parseCallbackEvent(event('<ChangeType>create_party</ChangeType><Id>2</Id><Name><![CDATA[研发部]]></Name><ParentId>1</ParentId><Order>10</Order>', 'change_contact'))).toMatchObject({
      changeType: 'create_party',
      partyId: '2',
      name: '研发部',
      parentId: '1',
    });
    expect(parseCallbackEvent(event('<ChangeType>update_party</ChangeType><Id>2</Id><Name>R&amp;D</Name>', 'change_contact'))).toMatchObject({ changeType: 'update_party', name: 'R&D' });
    expect(parseCallbackEvent(event('<ChangeType>delete_party</ChangeType><Id>2</Id>', 'change_contact'))).toMatchObject({ changeType: 'delete_party', partyId: '2' });
  });

  it('parses msgaudit_notify', () => {
    expect(parseCallbackEvent(event('<AgentID>2000004</AgentID>', 'msgaudit_notify'))).toEqual({
      type: 'msgaudit_notify',
      toUserName: 'ww55ca070cb9b7eb22',
      fromUserName: 'sys',
      createTime: 1403610513,
      agentId: '2000004',
    });
  });
});

describe('parseCallbackEvent: what it does not know', () => {
  it('keeps an unknown event with its raw XML', () => {
    const raw = event('<ChangeType>create</ChangeType><Id>TAG</Id>', 'change_external_tag');
    expect(parseCallbackEvent(raw)).toEqual({ type: 'unknown', event: 'change_external_tag', changeType: 'create', reason: "event 'change_external_tag' is not handled", raw });
  });

  it('keeps an unknown ChangeType of a known event', () => {
    const raw = event('<ChangeType>brand_new_change</ChangeType><UserID>u</UserID>');
    const parsed = parseCallbackEvent(raw);
    expect(parsed).toMatchObject({ type: 'unknown', event: 'change_external_contact', changeType: 'brand_new_change', raw });
  });

  it('keeps a known event that lacks a documented field, saying which', () => {
    const parsed = parseCallbackEvent(event('<ChangeType>transfer_fail</ChangeType><UserID>u</UserID><ExternalUserID>wm1</ExternalUserID>'));
    expect(parsed.type).toBe('unknown');
    expect(parsed.type === 'unknown' && parsed.reason).toContain('FailReason');
  });

  it('throws only on text that is not an XML document', () => {
    expect(() => parseCallbackEvent('not xml <')).toThrow(CallbackEventParseError);
    expect(() => parseCallbackEvent('<root/>')).toThrow('no <xml> root element');
  });
});
