import { setTimeout as delay } from 'node:timers/promises';

/** Resolves after `ms`, or as soon as the signal aborts (a stopping bus does not wait out a backoff). */
export async function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return;
  try {
    await delay(ms, undefined, { signal });
  } catch (error) {
    if (!signal.aborted) throw error;
  }
}
