import type { AcceptedBatch } from './accepted-batch.schema.js';
import { ID_PATTERN } from './ids.js';
import { CARRIERS, METER_ROLES } from './meter-kinds.js';
import { READING_BATCH_VERSION } from './reading-batch.schema.js';
import { isQuantityValues } from './reading-check.js';

const BATCH_KEYS = new Set(['v', 'park', 'gateway', 'seq', 'receivedAt', 'readings']);
const READING_KEYS = new Set(['meter', 'building', 'role', 'carrier', 'ts', 'values']);
const ROLES = new Set<unknown>(METER_ROLES);
const CARRIER_NAMES = new Set<unknown>(CARRIERS);

/**
 * The rules of `acceptedBatchSchema`, checked in place: true exactly when the schema would accept
 * the candidate (a spec holds the two to that on many generated inputs). The carbon service takes
 * every accepted batch from the bus; a valid one is taken as it is — no copy per reading, which is
 * most of what the schema's walk costs — and the schema runs only to explain a refusal.
 */
export function isAcceptedBatch(candidate: unknown): candidate is AcceptedBatch {
  if (!hasExactly(candidate, BATCH_KEYS)) return false;
  const { v, park, gateway, seq, receivedAt, readings } = candidate as Record<string, unknown>;
  if (v !== READING_BATCH_VERSION || !isId(park) || !isId(gateway)) return false;
  if (!Number.isSafeInteger(seq) || (seq as number) < 0 || !Number.isSafeInteger(receivedAt) || !Array.isArray(readings)) return false;
  for (const reading of readings as unknown[]) if (!isAcceptedReading(reading)) return false;
  return true;
}

function isAcceptedReading(candidate: unknown): boolean {
  if (!hasExactly(candidate, READING_KEYS)) return false;
  const { meter, building, role, carrier, ts, values } = candidate as Record<string, unknown>;
  return isId(meter) && (building === null || isId(building)) && ROLES.has(role) && CARRIER_NAMES.has(carrier) && Number.isSafeInteger(ts) && isQuantityValues(values);
}

/** A plain object (not an array) whose own keys are all in `keys`, each of them present. */
function hasExactly(candidate: unknown, keys: ReadonlySet<string>): boolean {
  if (typeof candidate !== 'object' || candidate === null || Array.isArray(candidate)) return false;
  let count = 0;
  for (const key in candidate) {
    if (!Object.hasOwn(candidate, key)) continue;
    if (!keys.has(key)) return false;
    count += 1;
  }
  return count === keys.size;
}

function isId(value: unknown): boolean {
  return typeof value === 'string' && ID_PATTERN.test(value);
}
