import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * Entities from the rows of a hand-written statement's RETURNING clause, converted as TypeORM
 * converts what it reads itself (driver types, then column transformers): an insert or update that
 * answers its row spares the read that would otherwise follow it inside a transaction.
 */
export function returnedEntities<T extends ObjectLiteral>(manager: EntityManager, target: EntityTarget<T>, result: unknown[]): T[] {
  // TypeORM answers an UPDATE or DELETE on PostgreSQL with [rows, affected count], anything else with the rows.
  const rows = (Array.isArray(result[0]) ? result[0] : result) as Record<string, unknown>[];
  const metadata = manager.connection.getMetadata(target);
  const { driver } = manager.connection;
  return rows.map((row) => {
    const entity = metadata.create() as T;
    for (const column of metadata.columns) column.setEntityValue(entity, driver.prepareHydratedValue(row[column.databaseName], column));
    return entity;
  });
}
