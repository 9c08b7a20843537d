import { dec } from './decimal.js';
import { DEFAULT_FUEL_FACTORS } from './fuel-factors.js';
import { parkTotalsOfSums, storedSum } from './period-figures.js';
import { BUILDING_TOTAL_KEYS, PARK_TOTAL_KEYS, parkFigures, type ParkFigures, type ParkTotalKey } from './period-totals.js';

/**
 * The figures a history can show, made from the `carbon` series' sums over each bucket of time
 * the same way a snapshot makes them from a period's sums (docs/carbon-method.md, section 3):
 * ratios from sums, never averaged.
 */
export const PARK_HISTORY_FIGURES: Record<ParkTotalKey | keyof ParkFigures, string> = {
  gridImportKwh: 'kWh',
  gridExportKwh: 'kWh',
  generationKwh: 'kWh',
  batteryChargeKwh: 'kWh',
  batteryDischargeKwh: 'kWh',
  gasM3: 'm³',
  dieselL: 'l',
  heatGj: 'GJ',
  scope1Kg: 'kg CO₂',
  scope2LocationKg: 'kg CO₂',
  scope2MarketKg: 'kg CO₂',
  scope2HeatKg: 'kg CO₂',
  contractCoveredKwh: 'kWh',
  submeteredKwh: 'kWh',
  electricityConsumedKwh: 'kWh',
  emissionsLocationKg: 'kg CO₂',
  emissionsMarketKg: 'kg CO₂',
  intensityGPerKwh: 'g CO₂/kWh',
  renewableShare: 'share (0–1)',
  cleanEnergyShare: 'share (0–1)',
  energyTce: 'tce',
  tCo2PerTce: 't CO₂/tce',
  unmeteredKwh: 'kWh',
};
export type ParkHistoryFigure = keyof typeof PARK_HISTORY_FIGURES;

export const BUILDING_HISTORY_FIGURES = { electricityKwh: 'kWh', gasM3: 'm³', dieselL: 'l', heatGj: 'GJ', emissionsKg: 'kg CO₂' } as const;
export type BuildingHistoryFigure = keyof typeof BUILDING_HISTORY_FIGURES;

/** The series fields a park history sums, whatever figure it shows. */
export const PARK_HISTORY_FIELDS: readonly string[] = PARK_TOTAL_KEYS;
export const BUILDING_HISTORY_FIELDS: readonly string[] = BUILDING_TOTAL_KEYS;

/**
 * A park figure from one bucket's sums; null where the ratio has no denominator.
 * @param dieselDensityKgPerL the park's, for energy in tce
 */
export function parkFigureOf(figure: ParkHistoryFigure, sums: Readonly<Record<string, number>>, dieselDensityKgPerL: number = DEFAULT_FUEL_FACTORS.dieselDensityKgPerL.value): number | null {
  const totals = parkTotalsOfSums(sums);
  if ((PARK_TOTAL_KEYS as readonly string[]).includes(figure)) return totals[figure as ParkTotalKey].toNumber();
  const value = parkFigures(totals, dec(dieselDensityKgPerL))[figure as keyof ParkFigures];
  return value === null ? null : value.toNumber();
}

export function buildingFigureOf(figure: BuildingHistoryFigure, sums: Readonly<Record<string, number>>): number {
  const of = (key: string) => storedSum(sums[key] ?? 0);
  if (figure === 'emissionsKg') return of('electricityKg').plus(of('scope1Kg')).plus(of('scope2HeatKg')).toNumber();
  return of(figure).toNumber();
}
