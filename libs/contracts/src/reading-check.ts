import { ID_PATTERN } from './ids.js';
import { QUANTITIES } from './quantities.js';
import type { Reading } from './reading-batch.schema.js';
import { epochMillisecondsProblem, isoTimestampProblem } from './timestamp.js';

/**
 * The rules of `readingSchema`, checked in place: true exactly when `readingSchema` would accept
 * the candidate (a spec holds the two to that on many generated inputs). It lets the ingest take
 * a valid reading as it is — no copy per reading, which is most of what a schema walk costs on
 * the hot path — and run the schema only to explain a refusal.
 */
export function isValidReading(candidate: unknown): candidate is Reading {
  if (typeof candidate !== 'object' || candidate === null || Array.isArray(candidate)) return false;
  let keys = 0;
  for (const key in candidate) {
    if (!Object.hasOwn(candidate, key)) continue;
    if (key !== 'meter' && key !== 'ts' && key !== 'values') return false;
    keys += 1;
  }
  if (keys !== 3) return false;
  const { meter, ts, values } = candidate as { meter: unknown; ts: unknown; values: unknown };
  if (typeof meter !== 'string' || !ID_PATTERN.test(meter)) return false;
  if (typeof ts === 'string') {
    if (isoTimestampProblem(ts) !== undefined) return false;
  } else if (typeof ts !== 'number' || epochMillisecondsProblem(ts) !== undefined) {
    return false;
  }
  return isQuantityValues(values);
}

/**
 * The rules of `quantityValuesSchema`, checked in place: an object of quantities of the contract,
 * each a finite number (or undefined, as the schema's optional() allows), at least one key.
 */
export function isQuantityValues(values: unknown): boolean {
  if (typeof values !== 'object' || values === null || Array.isArray(values)) return false;
  let keys = 0;
  for (const key in values) {
    if (!Object.hasOwn(values, key)) continue;
    if (!Object.hasOwn(QUANTITIES, key)) return false;
    const value = (values as Record<string, unknown>)[key];
    if (value !== undefined && (typeof value !== 'number' || !Number.isFinite(value))) return false;
    keys += 1;
  }
  return keys > 0;
}
