import { carrierSchema, idSchema, meterRoleSchema } from '@zeropark/contracts';
import { z } from 'zod';
import { alertingFileSchema, durationSchema } from './alerting-file.schema.js';
import { SECRET_HASH_PATTERN } from './secret-hash.js';

/** The YAML registry of one park, as written by people: unknown keys are typos, not extras. */

const timezoneSchema = z.string().refine(isKnownTimezone, { message: 'is not an IANA time zone such as "Asia/Shanghai"' });

const sourcedValueSchema = z.strictObject({ value: z.number().positive(), source: z.string().min(1) });
const kgCo2PerKwhSchema = z.number().min(0).max(2, 'is above 2 kg CO₂/kWh: a factor in g/kWh? write kg/kWh, e.g. 0.5306');
const calendarDaySchema = z.string().refine(isCalendarDay, { message: 'is not a calendar day written YYYY-MM-DD' });

/**
 * How often a meter reports: its power counts as "now" for three of these after its newest power
 * reading (docs/carbon-method.md, §1 "Power now"). From a second (a fast gateway) to a day (a meter read daily).
 */
const meterEverySchema = durationSchema.refine((ms) => ms >= 1000 && ms <= 86_400_000, {
  message: 'is how often the meter reports, from "1s" to "24h", e.g. "10s", "1m" or "15m"',
});

const counterSchema = z.discriminatedUnion('onDecrease', [
  z.strictObject({ onDecrease: z.literal('reset') }),
  // the modulus is the first value the register cannot show (docs/carbon-method.md, §1): 100000 for 99 999.99
  z.strictObject({ onDecrease: z.literal('rollover'), modulus: z.number().positive().max(Number.MAX_SAFE_INTEGER) }),
]);

/** Overrides of the published factors; every value names its source, and `version` names the set. */
const factorsSchema = z.strictObject({
  version: z.string().min(1),
  grid: z.array(z.strictObject({ year: z.number().int().min(2000).max(2100), kgCo2PerKwh: kgCo2PerKwhSchema, source: z.string().min(1) })).optional(),
  hourly: z.array(z.strictObject({ hour: z.number().int().min(0).max(23), kgCo2PerKwh: kgCo2PerKwhSchema, source: z.string().min(1) })).optional(),
  naturalGasKgCo2PerM3: sourcedValueSchema.optional(),
  dieselKgCo2PerKg: sourcedValueSchema.optional(),
  dieselDensityKgPerL: sourcedValueSchema.optional(),
  heatKgCo2PerGj: sourcedValueSchema.optional(),
});

/** Green-power purchases and certificates, for market-based Scope 2. */
const contractSchema = z.strictObject({
  id: idSchema,
  kind: z.enum(['green-power', 'certificate']),
  kwh: z.number().positive(),
  from: calendarDaySchema,
  to: calendarDaySchema,
  kgCo2PerKwh: kgCo2PerKwhSchema.default(0),
  reference: z.string().min(1),
});

export const registryFileSchema = z.strictObject({
  park: z.strictObject({
    id: idSchema,
    name: z.string().min(1),
    timezone: timezoneSchema,
    gridRegion: idSchema,
    yearlyBudgetTCo2: z.number().positive().optional(),
    /** How often its meters report unless a meter says otherwise (`every`); a minute when absent. */
    meterEvery: meterEverySchema.optional(),
  }),
  factors: factorsSchema.optional(),
  contracts: z.array(contractSchema).optional(),
  buildings: z.array(z.strictObject({ id: idSchema, name: z.string().min(1) })).min(1),
  meters: z
    .array(
      z.strictObject({
        id: idSchema,
        role: meterRoleSchema,
        /** Optional; must agree with the role when given. */
        carrier: carrierSchema.optional(),
        building: idSchema.optional(),
        ratedPowerKw: z.number().positive().optional(),
        /** What its counters do when they go backwards; a reset unless said otherwise. */
        counter: counterSchema.optional(),
        /** How often it reports; the park's `meterEvery` when absent. */
        every: meterEverySchema.optional(),
      }),
    )
    .min(1),
  gateways: z
    .array(
      z.strictObject({
        id: idSchema,
        secretHash: z.string().regex(SECRET_HASH_PATTERN, 'is not a scrypt hash: make one with `npm run hash-secret`'),
        meters: z.array(idSchema).min(1),
      }),
    )
    .min(1),
  /** Alert rules and webhooks (docs/alerts.md). */
  alerts: alertingFileSchema.optional(),
});

export type RegistryFile = z.infer<typeof registryFileSchema>;

function isCalendarDay(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (match === null) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === text;
}

function isKnownTimezone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
