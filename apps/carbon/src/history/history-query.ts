import { BUILDING_HISTORY_FIGURES, PARK_HISTORY_FIGURES } from '@zeropark/carbon';
import { describeIssues, epochMillisecondsProblem, isoTimestampProblem } from '@zeropark/contracts';
import { LANGUAGES } from '@zeropark/i18n';
import { z } from 'zod';

export const RESOLUTIONS = ['1m', '15m', '1h', '1d', '1mo'] as const;
export type Resolution = (typeof RESOLUTIONS)[number];

/** At most this many points in one answer: a longer range needs a coarser resolution. */
export const MAX_POINTS = 20_000;

const RESOLUTION_MS: Record<Resolution, number> = { '1m': 60_000, '15m': 900_000, '1h': 3_600_000, '1d': 86_400_000, '1mo': 31 * 86_400_000 };

/** A time given as ISO 8601 with an offset, or epoch milliseconds (as a query string). */
export const instantSchema = z.string().transform((text, ctx) => {
  const asNumber = /^\d+$/.test(text) ? Number(text) : undefined;
  const problem = asNumber === undefined ? isoTimestampProblem(text) : epochMillisecondsProblem(asNumber);
  if (problem !== undefined) {
    ctx.addIssue({ code: 'custom', message: problem });
    return z.NEVER;
  }
  return asNumber ?? Date.parse(text);
});

export const historyQuerySchema = z
  .strictObject({
    figure: z.string(),
    from: instantSchema,
    to: instantSchema,
    resolution: z.enum(RESOLUTIONS).default('1h'),
    building: z.string().optional(),
    /** The language of a CSV's words (libs/i18n); the JSON answer has none to translate. */
    lang: z.enum(LANGUAGES).default('en'),
  })
  .superRefine((query, ctx) => {
    const figures = query.building === undefined ? Object.keys(PARK_HISTORY_FIGURES) : Object.keys(BUILDING_HISTORY_FIGURES);
    if (!figures.includes(query.figure)) ctx.addIssue({ code: 'custom', path: ['figure'], message: `is not a ${query.building === undefined ? 'park' : 'building'} figure; one of ${figures.join(', ')}` });
    if (query.to <= query.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be after from' });
    const points = (query.to - query.from) / RESOLUTION_MS[query.resolution];
    if (points > MAX_POINTS) ctx.addIssue({ code: 'custom', path: ['resolution'], message: `would give ${Math.ceil(points)} points; at most ${MAX_POINTS}: choose a coarser resolution or a shorter range` });
  });

export type HistoryQuery = z.output<typeof historyQuerySchema>;

/** The query, or the list of what is wrong with it, each naming the parameter. */
export function parseHistoryQuery(query: unknown): { ok: true; query: HistoryQuery } | { ok: false; problems: string[] } {
  const parsed = historyQuerySchema.safeParse(query);
  return parsed.success ? { ok: true, query: parsed.data } : { ok: false, problems: describeIssues(parsed.error) };
}
