import { In, IsNull, type EntityTarget } from 'typeorm';
import type { AlertRouteInput, Severity } from '@chatvault/contracts';
import type { AlertChannelRecord, AlertDeliveryRecord, AlertRouteRecord, AlertRouting, DeliveryStatus } from './archive-store';
import type { DatabaseAccess } from './database-access';
import { AlertChannelEntity, AlertDeliveryEntity, AlertRouteEntity } from './entities/alert-routing.entity';
import { StoreError } from './store-error';

function channelOf(e: AlertChannelEntity): AlertChannelRecord {
  return {
    id: e.id,
    name: e.name,
    kind: e.kind,
    enabled: e.enabled,
    minSeverity: e.minSeverity as Severity,
    ...(e.throttleLimit === null ? {} : { throttleLimit: e.throttleLimit }),
    settings: JSON.parse(e.settings),
    version: e.version,
    updatedAt: e.updatedAt,
    updatedBy: e.updatedBy,
  } as AlertChannelRecord;
}

function channelRow(c: AlertChannelRecord): AlertChannelEntity {
  return { id: c.id, name: c.name, kind: c.kind, enabled: c.enabled, minSeverity: c.minSeverity, throttleLimit: c.throttleLimit ?? null, settings: JSON.stringify(c.settings), version: c.version, updatedAt: c.updatedAt, updatedBy: c.updatedBy };
}

function routeOf(e: AlertRouteEntity): AlertRouteRecord {
  return {
    id: e.id,
    corpId: e.corpId,
    name: e.name,
    enabled: e.enabled,
    match: JSON.parse(e.match) as AlertRouteInput['match'],
    recipients: JSON.parse(e.recipients) as string[],
    version: e.version,
    updatedAt: e.updatedAt,
    updatedBy: e.updatedBy,
  };
}

function routeRow(r: AlertRouteRecord): AlertRouteEntity {
  return { id: r.id, corpId: r.corpId, name: r.name, enabled: r.enabled, match: JSON.stringify(r.match), recipients: JSON.stringify(r.recipients), version: r.version, updatedAt: r.updatedAt, updatedBy: r.updatedBy };
}

function deliveryOf(e: AlertDeliveryEntity): AlertDeliveryRecord {
  return { ...e, kind: e.kind as AlertDeliveryRecord['kind'], severity: e.severity as Severity, status: e.status as DeliveryStatus };
}

type Versioned = { id: string; version: number };

export class TypeormAlertRouting implements AlertRouting {
  constructor(private readonly db: DatabaseAccess) {}

  async saveChannel(channel: AlertChannelRecord, expectedVersion: number): Promise<AlertChannelRecord> {
    return channelOf(await this.saveVersioned(AlertChannelEntity, channelRow(channel), expectedVersion, 'channel'));
  }

  async findChannel(id: string): Promise<AlertChannelRecord | null> {
    const row = await this.db.run((manager) => manager.findOneBy(AlertChannelEntity, { id }));
    return row ? channelOf(row) : null;
  }

  async listChannels(): Promise<AlertChannelRecord[]> {
    const rows = await this.db.run((manager) => manager.find(AlertChannelEntity, { order: { name: 'ASC', id: 'ASC' } }));
    return rows.map(channelOf);
  }

  deleteChannel(id: string): Promise<boolean> {
    return this.deleteById(AlertChannelEntity, id);
  }

  async saveRoute(route: AlertRouteRecord, expectedVersion: number): Promise<AlertRouteRecord> {
    return routeOf(await this.saveVersioned(AlertRouteEntity, routeRow(route), expectedVersion, 'route'));
  }

  async findRoute(id: string): Promise<AlertRouteRecord | null> {
    const row = await this.db.run((manager) => manager.findOneBy(AlertRouteEntity, { id }));
    return row ? routeOf(row) : null;
  }

  async listRoutes(corpId?: string): Promise<AlertRouteRecord[]> {
    const rows = await this.db.run((manager) => manager.find(AlertRouteEntity, { where: corpId === undefined ? {} : { corpId }, order: { name: 'ASC', id: 'ASC' } }));
    return rows.map(routeOf);
  }

  deleteRoute(id: string): Promise<boolean> {
    return this.deleteById(AlertRouteEntity, id);
  }

  async addDeliveries(deliveries: readonly AlertDeliveryRecord[]): Promise<AlertDeliveryRecord[]> {
    if (deliveries.length === 0) return [];
    const added = await this.db.run(async (manager) => {
      // TypeORM offers RETURNING on PostgreSQL only; both databases accept it after their insert-or-ignore.
      const [sql, parameters] = manager.createQueryBuilder().insert().into(AlertDeliveryEntity).values(deliveries.map((d) => ({ ...d }))).orIgnore().getQueryAndParameters();
      const rows: { delivery_id: string }[] = await manager.query(`${sql} RETURNING "delivery_id"`, parameters);
      return new Set(rows.map((row) => row.delivery_id));
    });
    const earlier = deliveries.filter((d) => !added.has(d.deliveryId)).map((d) => d.deliveryId);
    if (earlier.length === 0) return [...deliveries];
    const recorded = new Map((await this.db.run((manager) => manager.findBy(AlertDeliveryEntity, { deliveryId: In(earlier) }))).map((row) => [row.deliveryId, deliveryOf(row)]));
    return deliveries.map((d) => recorded.get(d.deliveryId) ?? d);
  }

  async updateDelivery(deliveryId: string, change: Pick<AlertDeliveryRecord, 'status' | 'attempts' | 'error' | 'updatedAt'>): Promise<void> {
    await this.db.run((manager) => manager.update(AlertDeliveryEntity, { deliveryId }, change));
  }

  async findDelivery(deliveryId: string): Promise<AlertDeliveryRecord | null> {
    const row = await this.db.run((manager) => manager.findOneBy(AlertDeliveryEntity, { deliveryId }));
    return row ? deliveryOf(row) : null;
  }

  async deliveries(alertId: string): Promise<AlertDeliveryRecord[]> {
    const rows = await this.db.run((manager) => manager.find(AlertDeliveryEntity, { where: { alertId }, order: { createdAt: 'ASC', deliveryId: 'ASC' } }));
    return rows.map(deliveryOf);
  }

  async uncovered(query: { status: 'held' | 'throttled'; createdBefore: number; limit: number }): Promise<AlertDeliveryRecord[]> {
    const rows = await this.db.run((manager) =>
      manager
        .createQueryBuilder(AlertDeliveryEntity, 'd')
        .where('d.status = :status AND d.created_at < :before AND d.covered_by IS NULL', { status: query.status, before: query.createdBefore })
        .orderBy('d.created_at', 'ASC')
        .addOrderBy('d.delivery_id', 'ASC')
        .limit(query.limit)
        .getMany(),
    );
    return rows.map(deliveryOf);
  }

  async markCovered(deliveryIds: readonly string[], coveredBy: string): Promise<void> {
    if (deliveryIds.length === 0) return;
    await this.db.run((manager) => manager.update(AlertDeliveryEntity, { deliveryId: In([...deliveryIds]), coveredBy: IsNull() }, { coveredBy }));
  }

  async routedBetween(from: number, to: number): Promise<AlertDeliveryRecord[]> {
    const rows = await this.db.run((manager) =>
      manager
        .createQueryBuilder(AlertDeliveryEntity, 'd')
        .where("d.kind = 'alert' AND d.recipient <> '' AND d.created_at >= :from AND d.created_at < :to", { from, to })
        .orderBy('d.created_at', 'ASC')
        .addOrderBy('d.delivery_id', 'ASC')
        .getMany(),
    );
    return rows.map(deliveryOf);
  }

  /**
   * Version n + 1 replaces version n only if the row is still at n (and version 1 only if there is no
   * row): of two editors who read the same version, the second is told, not silently overwritten.
   */
  private async saveVersioned<E extends Versioned>(entity: EntityTarget<E>, row: E, expectedVersion: number, what: string): Promise<E> {
    const next = { ...row, version: expectedVersion + 1 };
    const saved = await this.db.run(async (manager) => {
      if (expectedVersion > 0) {
        const updated = await manager.createQueryBuilder().update(entity).set(next as never).where('id = :id AND version = :expectedVersion', { id: row.id, expectedVersion }).execute();
        return updated.affected === 1;
      }
      // The primary key decides a race between two creators.
      return manager.insert(entity, next as never).then(
        () => true,
        () => false,
      );
    });
    const current = await this.db.run((manager) => manager.findOneBy(entity, { id: row.id } as never));
    if (saved && current) return current;
    throw new StoreError(
      'stale_version',
      current
        ? `${what} ${row.id} is at version ${current.version}, not ${expectedVersion}: someone changed it meanwhile; reload it and try again`
        : `${what} ${row.id} does not exist (any more): create it with version 0`,
    );
  }

  private async deleteById<E extends Versioned>(entity: EntityTarget<E>, id: string): Promise<boolean> {
    const result = await this.db.run((manager) => manager.delete(entity, { id } as never));
    return (result.affected ?? 0) > 0;
  }
}
