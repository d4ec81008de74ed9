import { z } from 'zod';

/** One corp's China business day. */
export const corpDaySchema = z.object({
  corpId: z.string().min(1, 'corpId is required'),
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'day must be written YYYY-MM-DD'),
});
