import { DEFAULT_PARK_ACCOUNTING, type AlertRule, type BuildingFigure, type ParkFigure, type ParkTopology, type QuantityValues } from '@zeropark/contracts';
import type { LiveFigures } from './live-figures.js';

/** A small park for the alert specs: one building on gateway gw-b01, the grid meter on gw-sub. */
export const TOPOLOGY: ParkTopology = {
  park: { id: 'p1', name: 'Spec park', timezone: 'Asia/Shanghai', gridRegion: 'east-china' },
  buildings: [{ id: 'B01', name: 'Assembly hall' }],
  meters: [
    { id: 'GRID', role: 'grid_import', carrier: 'electricity', building: null, ratedPowerKw: 3000, counter: { onDecrease: 'reset' }, gateway: 'gw-sub' },
    { id: 'B01-MAIN', role: 'building_submeter', carrier: 'electricity', building: 'B01', ratedPowerKw: 1500, counter: { onDecrease: 'reset' }, gateway: 'gw-b01' },
    { id: 'B01-AUX', role: 'building_submeter', carrier: 'electricity', building: 'B01', ratedPowerKw: 200, counter: { onDecrease: 'reset' }, gateway: 'gw-b01' },
  ],
  accounting: DEFAULT_PARK_ACCOUNTING,
};

export const MINUTE = 60_000;
/** 2026-11-28 10:00 UTC: the specs count minutes from here. */
export const T0 = Date.UTC(2026, 10, 28, 10, 0);

const NO_PARK_FIGURES: Record<ParkFigure, number | null> = {
  'park.consumptionKw': null,
  'park.gridKw': null,
  'park.generationKw': null,
  'park.intensityGPerKwh': null,
  'park.intensityTodayGPerKwh': null,
  'park.emissionsRateKgPerH': null,
  'park.emissionsTodayKg': null,
  'park.budgetUsedShare': null,
};

/** Live figures with building B01 drawing `powerKw` (null: not known). */
export function figuresWith(powerKw: number | null, meters: ReadonlyMap<string, QuantityValues> = new Map()): LiveFigures {
  const building: Record<BuildingFigure, number | null> = { 'building.powerKw': powerKw, 'building.emissionsTodayKg': null };
  return { park: NO_PARK_FIGURES, buildings: new Map([['B01', building]]), meters };
}

/** "B01 above 800 kW for 5 minutes, clears below 750 kW": the threshold most specs use. */
export const B01_OVERLOAD: AlertRule = {
  id: 'b01-overload',
  title: 'Assembly hall above its feeder rating',
  severity: 'major',
  condition: { kind: 'threshold', figure: 'building.powerKw', building: 'B01', direction: 'above', level: 800, clearAt: 750, forMs: 5 * MINUTE },
};
