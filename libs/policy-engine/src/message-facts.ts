import { participantKindOf, type ParticipantKind } from '@chatvault/contracts';
import type { ClassifierInput, Directory } from './classifier-input';
import type { Direction, Speaker } from './policy-schema';

/** What every rule asks about a message, worked out once per message. */
export interface MessageFacts {
  direction: Direction;
  speaker: Speaker | 'robot';
  /** The employee whose conduct the message shows: the sender, or the employee a customer wrote to. */
  employeeId: string | undefined;
  departments: readonly string[];
  toExternal: boolean;
  msgtype: string;
  action: 'send' | 'recall' | 'switch';
  msgtime: number;
}

export function messageFacts(input: ClassifierInput): MessageFacts {
  const { message, directory } = input;
  const kindOf = (id: string): ParticipantKind => directory?.participants?.[id] ?? participantKindOf(id);
  const senderKind = directory?.participants?.[message.from] ?? message.fromKind;
  const recipients = message.tolist.map(kindOf);
  const toExternal = recipients.includes('external');
  const employeeId = senderKind === 'employee' ? message.from : message.tolist.find((id) => kindOf(id) === 'employee');
  return {
    direction: directionOf(message.roomid, senderKind, toExternal),
    speaker: senderKind,
    employeeId,
    departments: employeeDepartments(directory, employeeId),
    toExternal,
    msgtype: message.msgtype,
    action: message.action,
    msgtime: message.msgtime,
  };
}

function directionOf(roomid: string, sender: ParticipantKind, toExternal: boolean): Direction {
  if (roomid) return 'group';
  if (sender === 'external') return 'customer-to-employee';
  return toExternal ? 'employee-to-customer' : 'internal';
}

export function employeeDepartments(directory: Directory | undefined, employeeId: string | undefined): readonly string[] {
  return (employeeId && directory?.departments?.[employeeId]) || [];
}
