import type { RelationshipChange } from '@chatvault/contracts';
import type { RecordBody } from './message-bodies';
import type { GroundTruthLabel, SimulatedEvent, SimulatedImage, WecomRecord } from './simulation';
import type { WecomIds } from './wecom-ids';

/** Who a message goes to: a one-to-one chat has no roomid and its two people as members. */
export interface Chat {
  roomid: string;
  members: readonly string[];
}

const isExternal = (id: string) => id.startsWith('wm') || id.startsWith('wo');

/** Collects what a simulation produces: records, events, their ground-truth labels and QR images. */
export class SimulationRecorder {
  readonly records: WecomRecord[] = [];
  readonly events: SimulatedEvent[] = [];
  readonly labels: GroundTruthLabel[] = [];
  readonly images: SimulatedImage[] = [];

  constructor(
    readonly corpId: string,
    private readonly ids: WecomIds,
    private readonly seed: number,
  ) {}

  send(at: number, from: string, chat: Chat, body: RecordBody): string {
    return this.push('send', at, from, chat, body);
  }

  /** WeCom records a recall as its own message: action recall, msgtype revoke, naming the original. */
  recall(at: number, from: string, chat: Chat, body: RecordBody): string {
    return this.push('recall', at, from, chat, body);
  }

  /** An employee switched enterprise in the client: WeCom keeps only who and when. */
  switchEnterprise(at: number, user: string): string {
    const msgid = this.ids.msgid(false);
    this.records.push({ msgid, action: 'switch', time: at, user });
    return msgid;
  }

  event(change: RelationshipChange): string {
    const eventId = `sim-${this.seed}-event-${this.events.length + 1}`;
    this.events.push({ eventId, change });
    return eventId;
  }

  labelMessage(msgid: string, category: string, scenario: string): void {
    this.labels.push({ msgid, category, scenario });
  }

  labelEvent(eventId: string, category: string, scenario: string): void {
    this.labels.push({ eventId, category, scenario });
  }

  qrImage(sdkfileid: string, qrPayload: string): void {
    this.images.push({ sdkfileid, qrPayload });
  }

  private push(action: 'send' | 'recall', at: number, from: string, chat: Chat, body: RecordBody): string {
    const msgid = this.ids.msgid(chat.members.some(isExternal));
    const tolist = chat.members.filter((id) => id !== from);
    this.records.push({ msgid, action, from, tolist, roomid: chat.roomid, msgtime: at, msgtype: body.msgtype, ...body.fields });
    return msgid;
  }
}
