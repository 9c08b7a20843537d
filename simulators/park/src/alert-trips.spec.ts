import { DEFAULT_PARK_ACCOUNTING, type ParkTopology } from '@zeropark/contracts';
import { describe, expect, it } from 'vitest';
import { AlertTrips } from './alert-trips.js';
import { powersAt } from './park-model.js';

const TOPOLOGY: ParkTopology = {
  park: { id: 'p1', name: 'Park', timezone: 'Asia/Shanghai', gridRegion: 'east-china' },
  buildings: [{ id: 'B01', name: 'Hall' }, { id: 'LAB', name: 'Lab' }],
  meters: [
    { id: 'GRID', role: 'grid_import', carrier: 'electricity', building: null, ratedPowerKw: 3000, counter: { onDecrease: 'reset' }, gateway: 'gw-sub' },
    { id: 'B01-MAIN', role: 'building_submeter', carrier: 'electricity', building: 'B01', ratedPowerKw: 1500, counter: { onDecrease: 'reset' }, gateway: 'gw-b01' },
    { id: 'B01-GAS', role: 'gas', carrier: 'natural_gas', building: 'B01', ratedPowerKw: null, counter: { onDecrease: 'reset' }, gateway: 'gw-b01' },
    { id: 'LAB-MAIN', role: 'building_submeter', carrier: 'electricity', building: 'LAB', ratedPowerKw: 100, counter: { onDecrease: 'reset' }, gateway: 'demo-gateway' },
  ],
  accounting: DEFAULT_PARK_ACCOUNTING,
};
const SIMULATED = new Set(['gw-sub', 'gw-b01']);
/** 03:00 in Shanghai: the buildings draw a quarter of their day's power. */
const NIGHT = Date.UTC(2026, 10, 27, 19, 0);

describe(AlertTrips.name, () => {
  it('should hold an overloaded building near its rated power, day or night, and the grid with it', () => {
    const trips = new AlertTrips(TOPOLOGY, SIMULATED);
    expect(trips.start('overload', 'B01', NIGHT)).toMatchObject({ ok: true });
    const normal = powersAt(TOPOLOGY, new Set(['GRID', 'B01-MAIN']), NIGHT, () => 0.5);
    const overloaded = powersAt(TOPOLOGY, new Set(['GRID', 'B01-MAIN']), NIGHT, () => 0.5, trips.targets('overload'));
    // 1500 kW × 0.9 × 1.0 (the noise at 0.5) = 1350 kW, against 1500 × 0.55 × 0.25 = 206.25 kW at night
    expect(overloaded.get('B01-MAIN')).toBeCloseTo(1350, 9);
    expect(normal.get('B01-MAIN')).toBeCloseTo(206.25, 9);
    expect(overloaded.get('GRID')).toBeGreaterThan(1350);
  });

  it('should end a trip it runs, and say when it does not run one', () => {
    const trips = new AlertTrips(TOPOLOGY, SIMULATED);
    trips.start('silent-meter', 'B01-MAIN', 0);
    expect(trips.start('silent-meter', 'B01-MAIN', 1)).toEqual({ ok: false, status: 409, reason: 'silent-meter/B01-MAIN is already tripped' });
    expect(trips.end('silent-meter', 'B01-MAIN')).toMatchObject({ ok: true });
    expect(trips.end('silent-meter', 'B01-MAIN')).toEqual({ ok: false, status: 404, reason: 'silent-meter/B01-MAIN is not tripped' });
  });

  it('should jump a counter once', () => {
    const trips = new AlertTrips(TOPOLOGY, SIMULATED);
    trips.start('counter-jump', 'B01-MAIN', 0);
    expect([...trips.takeCounterJumps()]).toEqual(['B01-MAIN']);
    expect([...trips.takeCounterJumps()]).toEqual([]);
  });

  it.each([
    ['an unknown kind', 'blackout', 'B01', { status: 404, reason: 'no trip "blackout"; one of overload, silent-meter, offline, counter-jump' }],
    ['a building nobody simulates', 'overload', 'LAB', { status: 400, reason: 'no simulated building "LAB"; one of B01' }],
    ['a gateway left to people', 'offline', 'demo-gateway', { status: 400, reason: 'no simulated gateway "demo-gateway"; one of gw-sub, gw-b01' }],
    ['a counter jump on a gas meter', 'counter-jump', 'B01-GAS', { status: 400, reason: 'meter "B01-GAS" has no rated power to jump beyond' }],
  ])('should refuse %s', (_case, kind, target, expected) => {
    expect(new AlertTrips(TOPOLOGY, SIMULATED).start(kind, target, 0)).toEqual({ ok: false, ...expected });
  });
});
