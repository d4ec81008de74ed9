import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { captureProblemV1, type CaptureProblem } from '@chatvault/contracts';
import { MESSAGE_BUS, type MessageBus } from '@chatvault/bus';
import { ARCHIVE_STORE, type ArchiveStore } from '@chatvault/store';
import { counter } from '@chatvault/platform';

const problemRecords = counter('chatvault_capture_problem_records_total', 'Records or files each reported capture problem concerns', ['kind']);

/** Keeps every capture problem ingest reports, so it can be listed and reconciled after the alert is closed. */
@Injectable()
export class CaptureProblemRecorder implements OnModuleInit {
  constructor(
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(ARCHIVE_STORE) private readonly store: ArchiveStore,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.bus.subscribe(captureProblemV1, { group: 'capture-ledger' }, ({ value }) => this.record(value));
  }

  async record(problem: CaptureProblem): Promise<void> {
    const recorded = await this.store.capture.recordProblem({
      eventId: problem.eventId,
      corpId: problem.corpId,
      kind: problem.kind,
      detail: problem.detail,
      seqFrom: problem.seqFrom ?? null,
      seqTo: problem.seqTo ?? null,
      msgid: problem.msgid ?? null,
      count: problem.count,
      occurredAt: Date.parse(problem.occurredAt),
    });
    if (recorded) problemRecords.inc({ kind: problem.kind }, problem.count);
  }
}
