import type { RelationshipChange } from '@chatvault/contracts';

export interface SimulatedDepartment {
  id: number;
  name: string;
  parentId: number;
  leaderIds: string[];
}

export interface SimulatedEmployee {
  userid: string;
  name: string;
  departmentId: number;
  /** 直属上级; absent for division heads. */
  directLeader?: string;
  industry: string;
  role: 'manager' | 'sales';
}

export interface SimulatedCustomer {
  /** wm… or wo…, as WeCom's customer-contact API gives it. */
  externalUserId: string;
  name: string;
  /** How a salesperson addresses them: 王女士. */
  salutation: string;
  /** 1 a WeChat user, 2 a WeCom user of another corp. */
  type: 1 | 2;
  corpName?: string;
  /** The employees who have this customer. */
  followers: string[];
  industry: string;
}

export interface SimulatedGroup {
  roomid: string;
  name: string;
  ownerId: string;
  memberIds: string[];
  kind: 'customer' | 'internal';
  industry: string;
}

export interface SimulatedOrg {
  corpId: string;
  corpName: string;
  departments: SimulatedDepartment[];
  employees: SimulatedEmployee[];
  customers: SimulatedCustomer[];
  groups: SimulatedGroup[];
}

/** A decrypted chat-archive record exactly as WeCom produces it. */
export type WecomRecord = { msgid: string } & Record<string, unknown>;

/** A contact, group or consent change in the shape callbacks are mapped to (wecom.relationship.changed.v1). */
export interface SimulatedEvent {
  eventId: string;
  change: RelationshipChange;
}

/** Seeded misconduct: what a reviewer would expect the default pack to report on this message or event. */
export type GroundTruthLabel =
  | { msgid: string; category: string; scenario: string }
  | { eventId: string; category: string; scenario: string };

/** What an image shows when a rule cares: a QR code and the payload it encodes. */
export interface SimulatedImage {
  sdkfileid: string;
  qrPayload: string;
}

export interface Simulation {
  org: SimulatedOrg;
  /** In msgtime order (switch records by their `time`). */
  records: WecomRecord[];
  events: SimulatedEvent[];
  labels: GroundTruthLabel[];
  /** Images whose content matters to a rule, by sdkfileid; other media are plain pictures. */
  images: SimulatedImage[];
}
