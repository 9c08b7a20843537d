import { describe, expect, it } from 'vitest';
import { MINUTE, T0, testPark } from '../test-park.fixture.js';
import { ledgerFed } from './feed.fixture.js';

describe('an outlier on a five-digit counter about to roll over', () => {
  // rated 2 000 kW (≤ 166.67 kWh in five minutes); the register wraps to 0 at 100 000
  const park = testPark({}, { GRID: { counter: { onDecrease: 'rollover', modulus: 100_000 } } });
  const ledger = ledgerFed(park, [
    ['GRID', T0, { energy_import_kwh: 99_990 }],
    ['GRID', T0 + 5 * MINUTE, { energy_import_kwh: 99_995 }],
    // read as a rollover: 100 000 − 99 995 + 50 000 = 50 005 kWh, implausible
    ['GRID', T0 + 10 * MINUTE, { energy_import_kwh: 50_000 }],
    ['GRID', T0 + 15 * MINUTE, { energy_import_kwh: 20 }],
  ]);
  const { today, quality } = ledger.snapshot(T0 + 15 * MINUTE);

  it('should count the rollover from the last sound reading across the glitch', () => {
    // 99 995 − 99 990 = 5, then 100 000 − 99 995 + 20 = 25: 30 kWh
    expect(today.gridImportKwh).toBeCloseTo(30, 9);
    expect(quality).toMatchObject({ implausibleIntervals: 1, outlierReadings: 1, counterRollovers: 1, counterJumps: 0 });
  });
});
