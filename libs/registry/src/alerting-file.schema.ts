import { ALERT_SEVERITIES, BUILDING_FIGURES, idSchema, METER_FIGURES, PARK_FIGURES } from '@zeropark/contracts';
import { z } from 'zod';

/** The `alerts:` section of a park's registry, as written by people (docs/alerts.md). */

const DURATION_PATTERN = /^(\d+(?:\.\d+)?)\s*(ms|s|min|m|h)$/;
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, min: 60_000, h: 3_600_000 };

/** `30s`, `5m` (or `5min`), `1.5h`, `500ms`, as milliseconds. */
export const durationSchema = z
  .string({ error: 'is a duration such as "30s", "5m" or "1h"' })
  .regex(DURATION_PATTERN, 'is a duration such as "30s", "5m" or "1h"')
  .transform((text) => {
    const [, amount = '0', unit = 's'] = DURATION_PATTERN.exec(text) ?? [];
    return Math.round(Number(amount) * (UNIT_MS[unit] ?? 1000));
  });

const common = {
  id: idSchema,
  title: z.string().min(1),
  severity: z.enum(ALERT_SEVERITIES),
};

const thresholdRuleSchema = z.strictObject({
  ...common,
  kind: z.literal('threshold'),
  figure: z.enum([...PARK_FIGURES, ...BUILDING_FIGURES, ...METER_FIGURES]),
  building: idSchema.optional(),
  meter: idSchema.optional(),
  above: z.number().optional(),
  below: z.number().optional(),
  /** Hysteresis: the level the figure must pass back before the alert resolves; the threshold itself when absent. */
  clearBelow: z.number().optional(),
  clearAbove: z.number().optional(),
  for: durationSchema.default(0),
});

export const alertRuleFileSchema = z.discriminatedUnion('kind', [
  thresholdRuleSchema,
  z.strictObject({ ...common, kind: z.literal('meter-silent'), every: durationSchema, intervals: z.number().int().min(1).default(3), meters: z.array(idSchema).min(1).optional() }),
  z.strictObject({ ...common, kind: z.literal('gateway-offline'), silentFor: durationSchema, gateways: z.array(idSchema).min(1).optional() }),
  z.strictObject({ ...common, kind: z.literal('implausible-data'), clearAfter: durationSchema.default(15 * 60_000) }),
]);

export const webhookFileSchema = z.strictObject({
  id: idSchema,
  url: z.url({ protocol: /^https?$/, error: 'is not an http(s) URL' }),
  secretEnv: z.string().regex(/^[A-Z][A-Z0-9_]*$/, 'names an environment variable in capitals, e.g. ZP_WEBHOOK_OPS_SECRET'),
  /** Only these rules' alerts; every rule of the park when absent. */
  rules: z.array(idSchema).min(1).optional(),
});

export const alertingFileSchema = z.strictObject({
  rules: z.array(alertRuleFileSchema).default([]),
  webhooks: z.array(webhookFileSchema).default([]),
});

export type AlertRuleFile = z.infer<typeof alertRuleFileSchema>;
export type AlertingFile = z.infer<typeof alertingFileSchema>;
