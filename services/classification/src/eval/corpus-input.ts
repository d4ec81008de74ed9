import type { ChatMessage } from '@chatvault/contracts';
import type { ClassifierInput } from '@chatvault/policy-engine';
import type { CorpusLine } from './corpus';

const EMPLOYEE = 'zhangsan';
const COLLEAGUE = 'lisi';
const CUSTOMER = 'wmCustomerA';
const OTHER_CUSTOMER = 'wmCustomerB';
/** Wednesday 2024-03-06 00:00 in UTC+8. */
const DAY_START = Date.UTC(2024, 2, 5, 16, 0);

/** The message a corpus line describes, with the participants its direction implies. */
export function corpusInput(line: CorpusLine, index: number): ClassifierInput {
  const [hours, minutes] = (line.time ?? '10:00').split(':').map(Number);
  const { from, fromKind, tolist, roomid } = participants(line);
  const message: ChatMessage = {
    corpId: 'corpus',
    msgid: `line-${index}`,
    action: line.action,
    msgtype: line.msgtype,
    from,
    fromKind,
    tolist,
    roomid,
    conversationId: roomid ? `room:${roomid}` : `single:${[from, tolist[0]].sort().join('|')}`,
    msgtime: DAY_START + (hours! * 60 + minutes!) * 60_000,
    text: line.text,
    knownType: true,
    media: [],
  };
  return { message, record: line.record, recalledText: line.recalledText };
}

function participants(line: CorpusLine): Pick<ChatMessage, 'from' | 'fromKind' | 'tolist' | 'roomid'> {
  switch (line.direction) {
    case 'employee-to-customer':
      return { from: EMPLOYEE, fromKind: 'employee', tolist: [CUSTOMER], roomid: '' };
    case 'customer-to-employee':
      return { from: CUSTOMER, fromKind: 'external', tolist: [EMPLOYEE], roomid: '' };
    case 'internal':
      return { from: EMPLOYEE, fromKind: 'employee', tolist: [COLLEAGUE], roomid: '' };
    case 'group':
      return line.from === 'external'
        ? { from: CUSTOMER, fromKind: 'external', tolist: [EMPLOYEE, COLLEAGUE, OTHER_CUSTOMER], roomid: 'room-corpus' }
        : { from: EMPLOYEE, fromKind: 'employee', tolist: [COLLEAGUE, CUSTOMER, OTHER_CUSTOMER], roomid: 'room-corpus' };
  }
}
