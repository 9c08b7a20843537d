import { DEFAULT_PARK_ACCOUNTING, type ParkTopology } from '@zeropark/contracts';
import { describe, expect, it } from 'vitest';
import { advance, initialState, powersAt, seededRandom, sunFactor, workFactor } from './park-model.js';

const PARK: ParkTopology = {
  park: { id: 'p1', name: 'P', timezone: 'Asia/Shanghai', gridRegion: 'east-china' },
  buildings: [{ id: 'B01', name: 'Hall' }],
  meters: [
    { id: 'GRID', role: 'grid_import', carrier: 'electricity', building: null, ratedPowerKw: 3000, counter: { onDecrease: 'reset' }, gateway: 'g' },
    { id: 'PV', role: 'pv', carrier: 'electricity', building: 'B01', ratedPowerKw: 600, counter: { onDecrease: 'reset' }, gateway: 'g' },
    { id: 'B01', role: 'building_submeter', carrier: 'electricity', building: 'B01', ratedPowerKw: 1500, counter: { onDecrease: 'reset' }, gateway: 'g' },
    { id: 'GAS', role: 'gas', carrier: 'natural_gas', building: 'B01', ratedPowerKw: null, counter: { onDecrease: 'reset' }, gateway: 'g' },
    { id: 'HAND', role: 'building_submeter', carrier: 'electricity', building: 'B01', ratedPowerKw: 100, counter: { onDecrease: 'reset' }, gateway: 'h' },
  ],
  accounting: DEFAULT_PARK_ACCOUNTING,
};
const SIMULATED = new Set(['GRID', 'PV', 'B01', 'GAS']);
const NOON_SHANGHAI = Date.UTC(2026, 5, 21, 4, 0);
const MIDNIGHT_SHANGHAI = Date.UTC(2026, 5, 21, 16, 0);

describe('the simulated park', () => {
  it('should make PV follow the sun and buildings the working day', () => {
    expect(sunFactor(12)).toBeCloseTo(1, 6);
    expect(sunFactor(3)).toBe(0);
    expect(workFactor(10)).toBe(1);
    expect(workFactor(2)).toBe(0.25);
  });

  it('should balance the grid meter: buildings and unmetered load, less PV', () => {
    const powers = powersAt(PARK, SIMULATED, NOON_SHANGHAI, () => 0.5);
    // B01: 1 500 × 0.55 × 1 × 1.0 = 825 kW; PV: 600 × 0.8 × 1 × 1.0 = 480 kW; grid = 825 ÷ 0.96 − 480
    expect(powers.get('B01')).toBeCloseTo(825, 6);
    expect(powers.get('PV')).toBeCloseTo(480, 6);
    expect(powers.get('GRID')).toBeCloseTo(825 / 0.96 - 480, 6);
    expect(powers.has('HAND')).toBe(false);
  });

  it('should only ever move counters forward, and leave meters fed by hand alone', () => {
    const random = seededRandom(1);
    const state = initialState(PARK, random);
    const before = structuredClone(state.counters);
    for (let step = 0; step < 48; step += 1) advance(PARK, SIMULATED, state, NOON_SHANGHAI + step * 1_800_000, 1_800_000, random);
    for (const id of SIMULATED) {
      const [was, now] = [before[id]!, state.counters[id]!];
      expect(now.energy_import_kwh).toBeGreaterThanOrEqual(was.energy_import_kwh);
      expect(now.energy_export_kwh).toBeGreaterThanOrEqual(was.energy_export_kwh);
      expect(now.gas_m3).toBeGreaterThanOrEqual(was.gas_m3);
    }
    expect(state.counters['HAND']).toEqual(before['HAND']);
  });

  it('should report what a gateway reports for each kind of meter', () => {
    const values = advance(PARK, SIMULATED, initialState(PARK, seededRandom(2)), MIDNIGHT_SHANGHAI, 60_000, seededRandom(3));
    expect(Object.keys(values.get('GRID') ?? {})).toEqual(['energy_import_kwh', 'energy_export_kwh', 'power_kw']);
    expect(Object.keys(values.get('PV') ?? {})).toEqual(['energy_export_kwh', 'power_kw']);
    expect(Object.keys(values.get('GAS') ?? {})).toEqual(['gas_m3']);
    expect(values.get('PV')?.power_kw).toBe(0); // midnight in Shanghai
  });
});
