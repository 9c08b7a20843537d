import { describe, expect, it } from 'vitest';
import { DEFAULT_PARK_ACCOUNTING, type ParkTopology } from '@zeropark/contracts';
import { HOUR, T0 } from '../test-park.fixture.js';
import { ledgerFed } from './feed.fixture.js';

describe('purchased heat and a diesel generator', () => {
  const park: ParkTopology = {
    park: { id: 'p2', name: 'Heat park', timezone: 'Asia/Shanghai', gridRegion: 'north-china' },
    buildings: [{ id: 'W1', name: 'Workshop' }],
    meters: [
      { id: 'HEAT', role: 'heat', carrier: 'heat', building: 'W1', ratedPowerKw: null, counter: { onDecrease: 'reset' }, gateway: 'g' },
      { id: 'GEN', role: 'diesel', carrier: 'diesel', building: 'W1', ratedPowerKw: null, counter: { onDecrease: 'reset' }, gateway: 'g' },
    ],
    accounting: DEFAULT_PARK_ACCOUNTING,
  };
  const ledger = ledgerFed(park, [
    ['HEAT', T0, { heat_gj: 40 }],
    ['GEN', T0, { diesel_l: 1000 }],
    ['HEAT', T0 + HOUR, { heat_gj: 42 }],
    ['GEN', T0 + HOUR, { diesel_l: 1010 }],
  ]);
  const { today, buildings } = ledger.snapshot(T0 + HOUR);

  it('should count purchased heat in Scope 2 at its own factor', () => {
    // 2 GJ × 110 kg/GJ (0.11 t/GJ) = 220.000 kg
    expect(today.scope2HeatKg).toBeCloseTo(220, 3);
  });

  it('should count diesel litres in Scope 1 by mass', () => {
    // 10 l × 0.84 kg/l × 3.0959096373… kg/kg = 26.0056409536 kg
    expect(today.scope1Kg).toBeCloseTo(26.0056409536, 9);
    // the workshop: 220 + 26.0056409536 = 246.0056409536 kg
    expect(buildings[0]?.today.emissionsKg).toBeCloseTo(246.0056409536, 9);
  });
});
