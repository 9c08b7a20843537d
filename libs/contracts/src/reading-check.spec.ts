import { describe, expect, it } from 'vitest';
import { readingSchema } from './reading-batch.schema.js';
import { isValidReading } from './reading-check.js';
import { pick, random } from './seeded-random.fixture.js';

const METERS: unknown[] = ['B07-MAIN', 'a', 'x'.repeat(64), 'x'.repeat(65), '_lead', 'B07/MAIN', 'has space', '', 42, null, ['M1']];
const TIMES: unknown[] = [
  '2026-11-28T10:15:00.000Z', '2026-11-28T18:15:00+08:00', '2026-11-28T18:15+0800', '2026-11-28T10:15:00', '2026-13-45T10:15:00Z',
  '28/11/2026 10:15', '1795900000000', 1_795_900_000_000, 1_795_900_000, 1_795_900_000_000.5, 100_000_000_000, 99_999_999_999,
  Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 2, -5, true, null, {},
];
const VALUES: unknown[] = [
  { power_kw: 84.2 }, { energy_import_kwh: 183245.12, power_kw: 84.2 }, { gas_m3: 0 }, { heat_gj: -1 }, {}, { power_kW: 3 },
  { power_kw: '84.2' }, { power_kw: null }, { power_kw: 1, extra: 2 }, { diesel_l: [1] }, [], null, 'power_kw=1', { energy_export_kwh: 1e308 },
];
const EXTRA_KEYS: [string, unknown][] = [['unit', 'kW'], ['quality', 1], ['__proto__', {}]];

/** A reading as JSON could carry it: fields chosen at random, some left out, some added. */
function candidate(next: () => number): unknown {
  if (next() < 0.03) return pick([null, 7, 'reading', []], next);
  const reading: Record<string, unknown> = {};
  if (next() > 0.05) reading.meter = pick(METERS, next);
  if (next() > 0.05) reading.ts = pick(TIMES, next);
  if (next() > 0.05) reading.values = pick(VALUES, next);
  if (next() < 0.05) {
    const [key, value] = pick(EXTRA_KEYS, next);
    reading[key] = value;
  }
  return JSON.parse(JSON.stringify(reading)); // exactly what a payload decodes to
}

describe(isValidReading.name, () => {
  it('should accept exactly what the reading schema accepts, on 20 000 generated readings', () => {
    const next = random(2026);
    const disagreements: unknown[] = [];
    let accepted = 0;
    for (let index = 0; index < 20_000; index += 1) {
      const reading = candidate(next);
      const byCheck = isValidReading(reading);
      if (byCheck) accepted += 1;
      if (byCheck !== readingSchema.safeParse(reading).success) disagreements.push(reading);
    }
    expect(disagreements.slice(0, 5)).toEqual([]);
    expect(accepted).toBeGreaterThan(500); // the generator reaches valid readings too
  });

  it('should accept a reading with an own __proto__ key no more than the schema does', () => {
    const reading = JSON.parse('{"meter":"M1","ts":1795900000000,"values":{"power_kw":1},"__proto__":{}}') as unknown;
    expect(isValidReading(reading)).toBe(readingSchema.safeParse(reading).success);
  });
});
