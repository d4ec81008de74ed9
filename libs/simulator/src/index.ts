export { simulate, SIMULATION_DEFAULTS, type SimulateOptions } from './simulate';
export * from './simulation';
export { directorySnapshot, type DirectorySnapshot } from './directory-snapshot';
export { summarise, formatSummary, type SimulationSummary } from './simulation-summary';
export { ARCHIVE_MSGTYPES } from './archive-msgtypes';
export { postToIngest, type PostTotals } from './ingest-poster';
export { simulatedCallbacks, type SimulatedCallback } from './simulated-callbacks';
export { postCallbacks, type CallbackTarget } from './callback-poster';
