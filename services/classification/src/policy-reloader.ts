import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { policyChangedV1 } from '@chatvault/contracts';
import { MESSAGE_BUS, type MessageBus } from '@chatvault/bus';
import { ARCHIVE_STORE, type ArchiveStore } from '@chatvault/store';
import { counter, LOGGER, type Logger } from '@chatvault/platform';
import { compileStoredPolicies, defaultPackAsStored } from '@chatvault/policy-engine';
import { ActivePolicies } from './active-policies';

const reloads = counter('chatvault_classification_policy_reloads_total', 'Policy reloads', ['outcome']);

/**
 * Loads the stored policies at start (seeding the default pack into an empty store) and again
 * whenever one changes. Each process reads every change, so its group is its own.
 */
@Injectable()
export class PolicyReloader implements OnModuleInit {
  constructor(
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(ARCHIVE_STORE) private readonly store: ArchiveStore,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly policies: ActivePolicies,
  ) {}

  async onModuleInit(): Promise<void> {
    if ((await this.store.policies.current()).length === 0) await this.seedDefaultPack();
    await this.reload();
    await this.bus.subscribe(policyChangedV1, { group: `classification-policies-${randomUUID()}` }, async ({ value }) => {
      // A new group reads the topic from its start: changes already loaded need no reload.
      if (value.version > this.policies.versionOf(value.policyId)) await this.reload();
    });
  }

  /** The last good version stays active when the stored set does not compile (the API validates, so this is a bug). */
  async reload(): Promise<void> {
    try {
      this.policies.replace(compileStoredPolicies(await this.store.policies.current()));
      reloads.inc({ outcome: 'loaded' });
    } catch (error) {
      reloads.inc({ outcome: 'rejected' });
      if (!this.policies.loaded) throw error;
      this.logger.error({ err: error }, 'stored policies do not compile; keeping the last good version');
    }
  }

  private async seedDefaultPack(): Promise<void> {
    // Several processes may start on an empty store together: the store lets one version 1 in per policy.
    for (const policy of defaultPackAsStored()) await this.store.policies.saveVersion({ ...policy, savedBy: 'chatvault (default pack)', savedAt: Date.now() });
  }
}
