import { z } from 'zod';

/** Fields every ChatVault event carries: consumers dedupe on eventId. */
export const eventEnvelope = {
  eventId: z.string().min(1),
  occurredAt: z.string().datetime(),
};
