import type { BuildingSnapshot, ParkSnapshot, PowerFreshness, ThresholdCondition } from '@zeropark/contracts';
import { describe, expect, it } from 'vitest';
import { figureValue, liveFiguresOf } from './live-figures.js';

const LIVE: PowerFreshness = { state: 'live', since: null, asOf: 1_000, staleMeters: [], staleCount: 0, staleKw: 0 };
const STALE: PowerFreshness = { state: 'stale', since: 31_000, asOf: 1_000, staleMeters: [{ meterId: 'B01-MAIN', lastReadingAt: 1_000, lastPowerKw: 175, staleSince: 31_000, everyMs: 10_000 }], staleCount: 1, staleKw: 175 };

/** The parts of a snapshot the figures read. */
function snapshot(park: PowerFreshness, b01: PowerFreshness, b01Kw: number): ParkSnapshot {
  const building = { buildingId: 'B01', powerKw: b01Kw, powerFreshness: b01, today: { emissionsKg: 12 } } as BuildingSnapshot;
  return { power: { consumptionKw: 360, gridKw: 360, generationKw: 0, batteryKw: 0 }, powerFreshness: park, intensityLast5MinGPerKwh: 550, today: { intensityGPerKwh: 550, emissionsLocationKg: 90 }, budget: null, buildings: [building] } as unknown as ParkSnapshot;
}

const below = (figure: ThresholdCondition['figure'], building?: string): ThresholdCondition => ({ kind: 'threshold', figure, ...(building === undefined ? {} : { building }), direction: 'below', level: 10, clearAt: 20, forMs: 0 });

describe(liveFiguresOf.name, () => {
  it('should read live power as it is', () => {
    const figures = liveFiguresOf(snapshot(LIVE, LIVE, 175), new Map());
    expect([figureValue(figures, below('building.powerKw', 'B01')), figureValue(figures, below('park.consumptionKw')), figureValue(figures, below('park.emissionsRateKgPerH'))]).toEqual([175, 360, 198]);
  });

  it("should give no figure for a stale building's power, which the snapshot sums as 0 kW, so a below rule neither fires nor clears on it", () => {
    const figures = liveFiguresOf(snapshot(LIVE, STALE, 0), new Map());
    expect(figureValue(figures, below('building.powerKw', 'B01'))).toBeNull();
    // what is not power stays: the day's emissions are counted, not read now
    expect(figures.buildings.get('B01')?.['building.emissionsTodayKg']).toBe(12);
  });

  it("should give no power figure of the park while its own meters are not all live", () => {
    const figures = liveFiguresOf(snapshot({ ...STALE, state: 'partial' }, LIVE, 175), new Map());
    expect([figureValue(figures, below('park.consumptionKw')), figureValue(figures, below('park.gridKw')), figureValue(figures, below('park.emissionsRateKgPerH'))]).toEqual([null, null, null]);
    expect(figureValue(figures, below('park.intensityGPerKwh'))).toBe(550);
  });
});
