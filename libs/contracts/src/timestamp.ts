import { z } from 'zod';

/**
 * A reading's time: ISO 8601 with an offset, or epoch milliseconds.
 * Epoch seconds are an error, not a guess (docs/gateway-protocol.md):
 * any number below 1e11 ms (3 March 1973) is read as seconds sent by mistake.
 */
export const EPOCH_MS_MIN = 100_000_000_000;

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/;
const ISO_WITHOUT_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?$/;

/** Why an ISO text is not a usable timestamp, or undefined when it is. */
export function isoTimestampProblem(text: string): string | undefined {
  if (ISO_WITHOUT_OFFSET.test(text)) return 'has no time zone offset: end it with "Z" or an offset such as "+08:00"';
  if (!ISO_WITH_OFFSET.test(text)) return 'is not an ISO 8601 date-time such as "2026-11-28T10:15:00.000Z"';
  if (Number.isNaN(Date.parse(text))) return 'is not a real date';
  return undefined;
}

export function epochMillisecondsProblem(value: number): string | undefined {
  if (!Number.isInteger(value)) return 'epoch milliseconds must be a whole number';
  if (value < EPOCH_MS_MIN) return 'looks like epoch seconds: send epoch milliseconds (seconds × 1000) or ISO 8601';
  if (value > Number.MAX_SAFE_INTEGER) return 'is too large to be a time';
  return undefined;
}

export const timestampSchema = z
  .union([
    z.string().meta({ format: 'date-time', description: 'ISO 8601 with an offset, e.g. 2026-11-28T10:15:00.000Z' }),
    z.number().meta({ type: 'integer', minimum: EPOCH_MS_MIN, description: 'epoch milliseconds' }),
  ], { error: 'must be an ISO 8601 string with an offset or a number of epoch milliseconds' })
  .check((ctx) => {
    const problem = typeof ctx.value === 'string' ? isoTimestampProblem(ctx.value) : epochMillisecondsProblem(ctx.value);
    if (problem !== undefined) ctx.issues.push({ code: 'custom', message: problem, input: ctx.value });
  });

/** Epoch milliseconds of a timestamp that passed `timestampSchema`. */
export function toEpochMilliseconds(ts: string | number): number {
  return typeof ts === 'number' ? ts : Date.parse(ts);
}
