import { dec, ZERO, type Decimal } from './decimal.js';
import { KGCE_PER_UNIT } from './energy-equivalents.js';

/**
 * What a park used and emitted over a span of time, as sums only, so a minute's totals add up
 * to a day's, a day's to a month's and a year's, and the `carbon` series can be summed back.
 * Every ratio (intensity, shares, KPIs) is made from these sums, never averaged.
 */
export const PARK_TOTAL_KEYS = [
  'gridImportKwh',
  'gridExportKwh',
  'generationKwh',
  'batteryChargeKwh',
  'batteryDischargeKwh',
  'gasM3',
  'dieselL',
  'heatGj',
  /** Scope 1: gas and diesel burned on site. */
  'scope1Kg',
  /** Scope 2, location-based, electricity: gross grid import × the grid factor of each interval. */
  'scope2LocationKg',
  /** Scope 2, market-based, electricity: contracted kWh × their factor + the rest × the residual factor. */
  'scope2MarketKg',
  /** Scope 2, purchased heat (the same in both methods). */
  'scope2HeatKg',
  /** Grid import covered by green-power contracts or certificates. */
  'contractCoveredKwh',
  /** Electricity the buildings' own sub-meters counted. */
  'submeteredKwh',
] as const;
export type ParkTotalKey = (typeof PARK_TOTAL_KEYS)[number];
export type ParkTotals = Record<ParkTotalKey, Decimal>;

export const BUILDING_TOTAL_KEYS = ['electricityKwh', 'electricityKg', 'gasM3', 'dieselL', 'heatGj', 'scope1Kg', 'scope2HeatKg'] as const;
export type BuildingTotalKey = (typeof BUILDING_TOTAL_KEYS)[number];
export type BuildingTotals = Record<BuildingTotalKey, Decimal>;

export function emptyTotals<K extends string>(keys: readonly K[]): Record<K, Decimal> {
  const totals = {} as Record<K, Decimal>;
  for (const key of keys) totals[key] = ZERO;
  return totals;
}

/** `into += add × sign`, key by key. */
export function accumulate<K extends string>(into: Record<K, Decimal>, add: Readonly<Record<K, Decimal>>, keys: readonly K[], sign: 1 | -1 = 1): void {
  for (const key of keys) {
    const value = add[key];
    // most of a minute's figures are zero (a building's minute has no gas, no PV, …): nothing to add
    if (!value.isZero()) into[key] = sign === 1 ? into[key].plus(value) : into[key].minus(value);
  }
}

/** Figures a reader wants, made from a span's sums (docs/carbon-method.md). */
export interface ParkFigures {
  /** Park electricity consumed = grid import + on-site generation − export − battery charge + discharge. */
  electricityConsumedKwh: Decimal;
  /** Scope 1 + Scope 2 location-based (electricity and heat). */
  emissionsLocationKg: Decimal;
  /** Scope 1 + Scope 2 market-based (electricity and heat). */
  emissionsMarketKg: Decimal;
  /** Location-based electricity emissions ÷ electricity consumed; on-site PV counts with 0. Null when none consumed. */
  intensityGPerKwh: Decimal | null;
  /** On-site renewable electricity used on site ÷ electricity consumed. */
  renewableShare: Decimal | null;
  /** Non-fossil energy (on-site renewable used + contracted green power) ÷ all energy, in tce. */
  cleanEnergyShare: Decimal | null;
  /** All energy used (electricity, gas, diesel, heat) in tonnes of coal equivalent (GB/T 2589-2020). */
  energyTce: Decimal;
  /** t CO₂ (location-based) per tce of energy used. */
  tCo2PerTce: Decimal | null;
  /** Electricity consumed that no building sub-meter counted (losses, unmetered loads); shown, not hidden. */
  unmeteredKwh: Decimal;
}

const KG_PER_T = 1000;

/**
 * Park electricity consumed = grid import + on-site generation − export − battery charge +
 * battery discharge (docs/carbon-method.md), of a minute's accounts or a period's totals.
 */
export function electricityConsumed(flows: Pick<ParkTotals, 'gridImportKwh' | 'generationKwh' | 'gridExportKwh' | 'batteryChargeKwh' | 'batteryDischargeKwh'>): Decimal {
  return flows.gridImportKwh.plus(flows.generationKwh).minus(flows.gridExportKwh).minus(flows.batteryChargeKwh).plus(flows.batteryDischargeKwh);
}

export function parkFigures(totals: ParkTotals, dieselDensityKgPerL: Decimal): ParkFigures {
  const consumed = electricityConsumed(totals);
  const emissionsLocationKg = totals.scope1Kg.plus(totals.scope2LocationKg).plus(totals.scope2HeatKg);
  const emissionsMarketKg = totals.scope1Kg.plus(totals.scope2MarketKg).plus(totals.scope2HeatKg);
  // what PV made and the park used itself: what it exported did not serve the park
  const renewableUsedKwh = maxOf(ZERO, totals.generationKwh.minus(totals.gridExportKwh));
  const energyKgce = consumed
    .times(KGCE_PER_UNIT.electricityKwh)
    .plus(totals.gasM3.times(KGCE_PER_UNIT.naturalGasM3))
    .plus(totals.dieselL.times(dieselDensityKgPerL).times(KGCE_PER_UNIT.dieselKg))
    .plus(totals.heatGj.times(KGCE_PER_UNIT.heatGj));
  const energyTce = energyKgce.dividedBy(KG_PER_T);
  const cleanKgce = renewableUsedKwh.plus(totals.contractCoveredKwh).times(KGCE_PER_UNIT.electricityKwh);
  const positive = (value: Decimal) => value.greaterThan(0);
  return {
    electricityConsumedKwh: consumed,
    emissionsLocationKg,
    emissionsMarketKg,
    intensityGPerKwh: positive(consumed) ? totals.scope2LocationKg.times(KG_PER_T).dividedBy(consumed) : null,
    renewableShare: positive(consumed) ? minOf(dec(1), renewableUsedKwh.dividedBy(consumed)) : null,
    cleanEnergyShare: positive(energyKgce) ? minOf(dec(1), cleanKgce.dividedBy(energyKgce)) : null,
    energyTce,
    tCo2PerTce: positive(energyTce) ? emissionsLocationKg.dividedBy(KG_PER_T).dividedBy(energyTce) : null,
    unmeteredKwh: consumed.minus(totals.submeteredKwh),
  };
}

function maxOf(a: Decimal, b: Decimal): Decimal {
  return a.greaterThan(b) ? a : b;
}

function minOf(a: Decimal, b: Decimal): Decimal {
  return a.lessThan(b) ? a : b;
}
