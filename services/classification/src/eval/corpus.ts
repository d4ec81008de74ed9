import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { directionSchema, speakerSchema } from '@chatvault/policy-engine';

/** One labelled chat line, written by hand; `labels` are the categories a reviewer expects. */
export const corpusLineSchema = z.object({
  text: z.string(),
  direction: directionSchema,
  /** Who speaks in a group; one-to-one directions imply it. */
  from: speakerSchema.optional(),
  msgtype: z.string().default('text'),
  action: z.enum(['send', 'recall']).default('send'),
  /** Local time (UTC+8) on a weekday; 10:00 when absent. */
  time: z.string().regex(/^\d\d:\d\d$/).optional(),
  recalledText: z.string().optional(),
  record: z.record(z.string(), z.unknown()).optional(),
  labels: z.array(z.string().min(1)),
});
export type CorpusLine = z.infer<typeof corpusLineSchema>;

export interface LocatedLine extends CorpusLine {
  /** file:line, for reports. */
  where: string;
}

export const CORPUS_DIR = join(__dirname, '..', '..', 'corpus');

export function loadCorpus(dir = CORPUS_DIR): LocatedLine[] {
  const lines: LocatedLine[] = [];
  for (const file of readdirSync(dir).filter((name) => name.endsWith('.jsonl')).sort()) {
    readFileSync(join(dir, file), 'utf8')
      .split('\n')
      .forEach((raw, i) => {
        if (!raw.trim()) return;
        const where = `${file}:${i + 1}`;
        const parsed = corpusLineSchema.safeParse(JSON.parse(raw));
        if (!parsed.success) throw new Error(`${where}: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
        lines.push({ ...parsed.data, where });
      });
  }
  return lines;
}
