import { relationshipChangedV1, type RelationshipChange, type RelationshipChanged } from '@chatvault/contracts';
import type { MessageBus } from '@chatvault/bus';
import type { WecomCustomerGroupChat } from '@chatvault/wecom';
import { counter } from '@chatvault/platform';

const resolutions = counter('chatvault_group_changes_resolved_total', 'change_external_chat callbacks completed from groupchat/get, by outcome', ['outcome']);

/** Reads a customer group from WeCom; null when this corp has no customer-contact API access configured. */
export type GroupChatReader = (corpId: string, chatId: string) => Promise<WecomCustomerGroupChat | null>;

/**
 * A change_external_chat callback names the group and the members that changed, not its owner or
 * its membership; the event rules (a group with customers and no colleague, customers removed by the
 * owner) need both. This reads the group from WeCom and publishes the complete change beside the bare one.
 */
export class GroupChatResolver {
  constructor(
    private readonly read: GroupChatReader,
    private readonly bus: Pick<MessageBus, 'publish'>,
  ) {}

  async resolve(event: RelationshipChanged): Promise<void> {
    const { change } = event;
    if (change.type !== 'group-changed' || !['created', 'members-added', 'members-removed'].includes(change.change)) return;
    const group = await this.read(change.corpId, change.chatId);
    if (!group) {
      resolutions.inc({ outcome: 'no-access' });
      return;
    }
    const resolved = completeChange(change, group);
    if (!resolved) {
      resolutions.inc({ outcome: 'nothing-to-add' });
      return;
    }
    await this.bus.publish(relationshipChangedV1, [{ eventId: `resolved:${event.eventId}`, occurredAt: new Date().toISOString(), schemaVersion: 1, change: resolved }]);
    resolutions.inc({ outcome: 'resolved' });
  }
}

function completeChange(change: Extract<RelationshipChange, { type: 'group-changed' }>, group: WecomCustomerGroupChat): RelationshipChange | undefined {
  const base = { corpId: change.corpId, occurredAt: change.occurredAt, chatId: change.chatId, ownerId: group.owner };
  if (change.change === 'created') {
    const members = group.member_list.map((m) => ({ id: m.userid, kind: m.type === 1 ? ('employee' as const) : ('external' as const) }));
    return { ...base, type: 'group-created', members };
  }
  if (change.members.length === 0) return undefined;
  if (change.change === 'members-added') return { ...base, type: 'group-members-added', added: change.members };
  return { ...base, type: 'group-members-removed', removed: change.members, byOwner: change.byOwner ?? false };
}
