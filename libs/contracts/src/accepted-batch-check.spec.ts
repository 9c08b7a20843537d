import { describe, expect, it } from 'vitest';
import { isAcceptedBatch } from './accepted-batch-check.js';
import { acceptedBatchSchema } from './accepted-batch.schema.js';
import { pick, random } from './seeded-random.fixture.js';

// each list starts with valid values, so that many generated batches are valid or nearly so
const IDS: unknown[] = ['B07-MAIN', 'p1', 'x'.repeat(64), 'x'.repeat(65), '_lead', 'B07/MAIN', '', 42, null, undefined];
const BUILDINGS: unknown[] = ['B07', null, 'has space', 7, undefined];
const ROLES: unknown[] = ['grid_import', 'pv', 'building_submeter', 'gas', 'heat', 'diesel', 'battery', 'GRID', '', null];
const CARRIERS: unknown[] = ['electricity', 'natural_gas', 'heat', 'diesel', 'coal', null];
const INTEGERS: unknown[] = [1_795_900_000_000, 0, 7, -0, -5, 1.5, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 2, Number.NaN, Number.POSITIVE_INFINITY, '7', null, undefined];
const VALUES: unknown[] = [
  { power_kw: 84.2 }, { energy_import_kwh: 183245.12, power_kw: -1 }, { gas_m3: 0 }, {}, { power_kw: undefined }, { power_kW: 3 },
  { power_kw: '84.2' }, { power_kw: null }, { power_kw: Number.NaN }, { power_kw: 1, extra: 2 }, [], null, 'power_kw=1',
];
const EXTRA: [string, unknown][] = [['unit', 'kW'], ['__proto__', {}]];

function candidateReading(next: () => number): unknown {
  const reading: Record<string, unknown> = {};
  const fields: [string, () => unknown][] = [
    ['meter', () => pick(IDS, next)],
    ['building', () => pick(BUILDINGS, next)],
    ['role', () => pick(ROLES, next)],
    ['carrier', () => pick(CARRIERS, next)],
    ['ts', () => pick(INTEGERS, next)],
    ['values', () => pick(VALUES, next)],
  ];
  for (const [key, value] of fields) {
    if (next() < 0.04) continue; // left out
    reading[key] = next() < 0.7 ? (key === 'building' ? 'B07' : key === 'values' ? { power_kw: 1 } : key === 'ts' ? 1_795_900_000_000 : key === 'role' ? 'building_submeter' : key === 'carrier' ? 'electricity' : 'M1') : value();
  }
  if (next() < 0.03) {
    const [key, value] = pick(EXTRA, next);
    Object.defineProperty(reading, key, { value, enumerable: true, configurable: true, writable: true });
  }
  return reading;
}

function candidateBatch(next: () => number): unknown {
  const batch: Record<string, unknown> = {};
  const fields: [string, () => unknown, unknown][] = [
    ['v', () => pick([1, 2, '1', null], next), 1],
    ['park', () => pick(IDS, next), 'p1'],
    ['gateway', () => pick(IDS, next), 'g1'],
    ['seq', () => pick(INTEGERS, next), 5],
    ['receivedAt', () => pick(INTEGERS, next), 1_795_900_000_000],
    ['readings', () => (next() < 0.1 ? pick([null, {}, 'readings'], next) : Array.from({ length: Math.floor(next() * 4) }, () => candidateReading(next))), undefined],
  ];
  for (const [key, odd, usual] of fields) {
    if (next() < 0.03) continue;
    batch[key] = usual !== undefined && next() < 0.8 ? usual : odd();
  }
  if (next() < 0.03) {
    const [key, value] = pick(EXTRA, next);
    Object.defineProperty(batch, key, { value, enumerable: true, configurable: true, writable: true });
  }
  return batch;
}

describe(isAcceptedBatch.name, () => {
  it('should accept exactly what acceptedBatchSchema accepts, on 20 000 generated batches', () => {
    const next = random(20261129);
    let valid = 0;
    for (let index = 0; index < 20_000; index += 1) {
      const candidate = candidateBatch(next);
      const expected = acceptedBatchSchema.safeParse(candidate).success;
      if (isAcceptedBatch(candidate) !== expected) expect({ candidate, isAcceptedBatch: !expected }).toEqual({ candidate, isAcceptedBatch: expected });
      if (expected) valid += 1;
    }
    // both sides of the line are well sampled
    expect(valid).toBeGreaterThan(2_000);
    expect(valid).toBeLessThan(18_000);
  });

  it('should accept a batch as the ingest publishes it, parsed from its JSON', () => {
    const text = '{"v":1,"park":"p1","gateway":"g1","seq":5,"receivedAt":1795900000000,"readings":[{"meter":"GRID","building":null,"role":"grid_import","carrier":"electricity","ts":1795900000000,"values":{"energy_import_kwh":183245.12,"power_kw":84.2}}]}';
    expect(isAcceptedBatch(JSON.parse(text))).toBe(true);
  });

  it('should refuse a batch with an own __proto__ key, as the schema does', () => {
    const text = '{"v":1,"park":"p1","gateway":"g1","seq":5,"receivedAt":1,"readings":[],"__proto__":{}}';
    expect(isAcceptedBatch(JSON.parse(text))).toBe(acceptedBatchSchema.safeParse(JSON.parse(text)).success);
  });
});
