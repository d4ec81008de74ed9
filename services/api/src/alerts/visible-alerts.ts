import { Inject, Injectable } from '@nestjs/common';
import { ARCHIVE_STORE, type ApiKeyRecord, type ArchiveStore, type ReviewedAlert } from '@chatvault/store';
import { DomainError } from '@chatvault/platform';
import { Visibilities } from '../auth/visibilities';

/** Alerts by id as a key may see them. */
@Injectable()
export class VisibleAlerts {
  constructor(
    @Inject(ARCHIVE_STORE) private readonly store: ArchiveStore,
    private readonly visibilities: Visibilities,
  ) {}

  /** An alert out of the key's scope is answered like an unknown one, so its id tells nothing. */
  async find(alertId: string, principal: ApiKeyRecord): Promise<ReviewedAlert> {
    const alert = await this.store.alerts.find(alertId);
    if (!alert || !(await this.visibilities.of(principal)).seesEmployee(alert.corpId, alert.employeeId)) {
      throw new DomainError('not_found', `no alert has the id ${alertId}`);
    }
    return alert;
  }
}
