export * from './archive-store';
export * from './create-archive-store';
export { TypeormArchiveStore } from './typeorm-archive-store';
export { ALERT_MSGIDS_KEPT } from './typeorm-alert-store';
export type { ArchiveDatabase } from './archive-data-source';
export { StoreError, type StoreErrorReason } from './store-error';
export * from './tamper';
export * from './alert-events';
export * from './day-reconciliation';
