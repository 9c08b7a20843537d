import { ALERT_SEVERITIES, describeIssues, type AlertSeverity, type AlertState } from '@zeropark/contracts';
import type { AlertListFilter } from '@zeropark/alerts';
import { z } from 'zod';
import { instantSchema } from '../history/history-query.js';

const STATES: readonly AlertState[] = ['firing', 'acknowledged', 'resolved'];
const DAY_MS = 86_400_000;

/** A comma-separated list of allowed words. */
function wordsOf<T extends string>(allowed: readonly T[], what: string) {
  return z.string().transform((text, ctx) => {
    const words = text.split(',').map((word) => word.trim()).filter((word) => word !== '');
    const unknown = words.filter((word) => !(allowed as readonly string[]).includes(word));
    if (unknown.length > 0) ctx.addIssue({ code: 'custom', message: `${unknown.join(', ')}: not a ${what}; one of ${allowed.join(', ')}` });
    return words as T[];
  });
}

const alertsQuerySchema = z.strictObject({
  state: wordsOf(STATES, 'state').optional(),
  severity: wordsOf<AlertSeverity>(ALERT_SEVERITIES, 'severity').optional(),
  from: instantSchema.optional(),
  to: instantSchema.optional(),
});

/** The list filter of a query string; the last 7 days up to now when no range is given. */
export function parseAlertsQuery(query: unknown, now: number): { ok: true; filter: AlertListFilter } | { ok: false; problems: string[] } {
  const parsed = alertsQuerySchema.safeParse(query);
  if (!parsed.success) return { ok: false, problems: describeIssues(parsed.error) };
  const { state, severity, from, to } = parsed.data;
  const end = to ?? now + 1;
  const start = from ?? end - 7 * DAY_MS;
  if (end <= start) return { ok: false, problems: ['to: must be after from'] };
  return { ok: true, filter: { from: start, to: end, ...(state === undefined ? {} : { states: state }), ...(severity === undefined ? {} : { severities: severity }) } };
}

export const muteRequestSchema = z.strictObject({
  minutes: z.number().int().min(1, 'must be at least 1 (lift a mute with DELETE)').max(30 * 24 * 60, 'is at most 30 days'),
  reason: z.string().min(1, 'say why, for the next operator').max(500),
});
