import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { MigrationExecutor, type DataSource } from 'typeorm';
import { WalCheckpointer, type Logger } from '@chatvault/platform';
import type { AlertRouting, AlertStore, ApiKeyStore, ArchiveChain, ArchiveStore, AuditLog, CaptureLedger, Directory, EnvelopeStore, MediaStore, MessageArchive, PolicyStore } from './archive-store';
import { archiveDataSource, type ArchiveDatabase } from './archive-data-source';
import { DatabaseAccess } from './database-access';
import { postgresEndpoint } from './postgres-endpoint';
import { StoreError } from './store-error';
import { TypeormAlertStore } from './typeorm-alert-store';
import { TypeormAlertRouting } from './typeorm-alert-routing';
import { TypeormArchiveChain } from './typeorm-archive-chain';
import { TypeormApiKeyStore } from './typeorm-api-key-store';
import { TypeormAuditLog } from './typeorm-audit-log';
import { TypeormCaptureLedger } from './typeorm-capture-ledger';
import { TypeormEnvelopeStore } from './typeorm-envelope-store';
import { TypeormMediaStore } from './typeorm-media-store';
import { TypeormMessageArchive } from './typeorm-message-archive';
import { TypeormPolicyStore } from './typeorm-policy-store';
import { TypeormDirectory } from './typeorm-directory';

/** Any constant works, as long as every ChatVault process uses the same one. */
const MIGRATION_LOCK_KEY = 4_206_042_001;

/** The archive on PostgreSQL or SQLite through one TypeORM code path. */
export class TypeormArchiveStore implements ArchiveStore {
  readonly messages: MessageArchive;
  readonly alerts: AlertStore;
  readonly apiKeys: ApiKeyStore;
  readonly auditLog: AuditLog;
  readonly chain: ArchiveChain;
  readonly envelopes: EnvelopeStore;
  readonly policies: PolicyStore;
  readonly capture: CaptureLedger;
  readonly directory: Directory;
  readonly media: MediaStore;
  readonly routing: AlertRouting;
  private readonly db: DatabaseAccess;

  private constructor(
    readonly dataSource: DataSource,
    private readonly logger: Logger,
    private readonly checkpointer?: WalCheckpointer,
  ) {
    this.db = new DatabaseAccess(dataSource);
    this.messages = new TypeormMessageArchive(this.db);
    this.alerts = new TypeormAlertStore(this.db);
    this.apiKeys = new TypeormApiKeyStore(this.db);
    this.auditLog = new TypeormAuditLog(this.db);
    this.chain = new TypeormArchiveChain(this.db);
    this.envelopes = new TypeormEnvelopeStore(this.db);
    this.policies = new TypeormPolicyStore(this.db);
    this.capture = new TypeormCaptureLedger(this.db);
    this.directory = new TypeormDirectory(this.db);
    this.media = new TypeormMediaStore(this.db);
    this.routing = new TypeormAlertRouting(this.db);
  }

  /** Connects (creating the SQLite file and its directory if need be); does not migrate. */
  static async open(database: ArchiveDatabase, logger: Logger): Promise<TypeormArchiveStore> {
    if (database.type === 'postgres') {
      const endpoint = postgresEndpoint(database.url);
      try {
        return new TypeormArchiveStore(await archiveDataSource(database, logger).initialize(), logger);
      } catch (error) {
        const reason = withoutPassword(messageOf(error), database.url);
        throw new StoreError('postgres_unreachable', `cannot connect to PostgreSQL at ${endpoint}: ${reason}`);
      }
    }
    try {
      mkdirSync(dirname(database.file), { recursive: true });
      const dataSource = await archiveDataSource(database, logger).initialize();
      return new TypeormArchiveStore(dataSource, logger, WalCheckpointer.start(database.file));
    } catch (error) {
      throw new StoreError('sqlite_unavailable', `cannot open the SQLite database ${database.file}: ${messageOf(error)}`);
    }
  }

  /**
   * Processes starting together would each find the same migrations pending: on PostgreSQL the first
   * to take the lock runs them and the others then find nothing to do. SQLite's default manager has no
   * query runner of its own: the executor then opens one on the one connection.
   */
  async migrate(): Promise<void> {
    const applied = await this.db.underLock(MIGRATION_LOCK_KEY, (manager) => new MigrationExecutor(this.dataSource, manager.queryRunner).executePendingMigrations());
    for (const migration of applied) this.logger.info({ migration: migration.name }, 'applied database migration');
  }

  async ping(): Promise<boolean> {
    if (!this.dataSource.isInitialized) return false;
    try {
      await this.db.run((manager) => manager.query('SELECT 1'));
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    await this.checkpointer?.stop();
    await this.db.exclusive(async () => {
      if (this.dataSource.isInitialized) await this.dataSource.destroy();
    });
  }
}

function messageOf(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return error.errors.map(messageOf).join('; ');
  return error instanceof Error ? error.message : String(error);
}

/** Drivers do not echo passwords today; this keeps it so if one ever starts. */
function withoutPassword(message: string, url: string): string {
  let password = '';
  try {
    password = decodeURIComponent(new URL(url).password);
  } catch {
    return message;
  }
  return password === '' ? message : message.split(password).join('[redacted]');
}
