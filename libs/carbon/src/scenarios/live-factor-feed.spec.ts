import { describe, expect, it } from 'vitest';
import { HOUR, T0, TEST_PARK } from '../test-park.fixture.js';
import { ledgerFed } from './feed.fixture.js';

describe('a live grid intensity for the last hour', () => {
  // 100 kWh imported over the hour, at first at the table's 0.5500 kg/kWh
  const ledger = ledgerFed(TEST_PARK, [
    ['GRID', T0, { energy_import_kwh: 0 }],
    ['GRID', T0 + HOUR, { energy_import_kwh: 100 }],
  ]);

  it('should account the minutes it covers again with the live value, and say so', () => {
    expect(ledger.snapshot(T0 + HOUR).today.scope2LocationKg).toBeCloseTo(55, 3);
    // the feed: 0.4000 kg/kWh for the second half hour
    expect(ledger.applyLiveFactor({ from: T0 + HOUR / 2, to: T0 + HOUR, kgCo2PerKwh: 0.4, source: 'grids/east-china/intensity' })).toBe(true);
    const snapshot = ledger.snapshot(T0 + HOUR - 1);
    // 50 kWh × 0.5500 + 50 kWh × 0.4000 = 27.500 + 20.000 = 47.500 kg
    expect(snapshot.today.scope2LocationKg).toBeCloseTo(47.5, 3);
    expect(snapshot.factor.grid).toMatchObject({ origin: 'live-feed', kgCo2PerKwh: 0.4, source: 'grids/east-china/intensity' });
    expect(snapshot.factor.factorSetVersion).toBe('cn-mee-nbs-2023.2+live');
  });
});
