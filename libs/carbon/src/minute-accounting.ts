import { ZERO, type Decimal } from './decimal.js';
import type { FactorSet } from './factor-set.js';
import { BUILDING_TOTAL_KEYS, electricityConsumed, emptyTotals, PARK_TOTAL_KEYS, type BuildingTotals, type ParkTotals } from './period-totals.js';

/** What the meters counted in one minute (after spreading each counter interval over its minutes). */
export interface MinuteAccounts {
  gridImportKwh: Decimal;
  gridExportKwh: Decimal;
  generationKwh: Decimal;
  batteryChargeKwh: Decimal;
  batteryDischargeKwh: Decimal;
  buildings: Map<string, BuildingAccounts>;
  /** Fuel and heat of meters outside any building. */
  site: BuildingAccounts;
}

export interface BuildingAccounts {
  electricityKwh: Decimal;
  gasM3: Decimal;
  dieselL: Decimal;
  heatGj: Decimal;
}

export const emptyBuildingAccounts = (): BuildingAccounts => ({ electricityKwh: ZERO, gasM3: ZERO, dieselL: ZERO, heatGj: ZERO });

export function emptyMinuteAccounts(): MinuteAccounts {
  return {
    gridImportKwh: ZERO,
    gridExportKwh: ZERO,
    generationKwh: ZERO,
    batteryChargeKwh: ZERO,
    batteryDischargeKwh: ZERO,
    buildings: new Map(),
    site: emptyBuildingAccounts(),
  };
}

export interface MinuteResult {
  park: ParkTotals;
  buildings: Map<string, BuildingTotals>;
}

/**
 * The emissions of one minute (docs/carbon-method.md):
 * - Scope 2 location-based = gross grid import × the grid factor of this minute; exports never subtracted;
 * - Scope 2 market-based = covered kWh × the contracts' factors + uncovered import × the residual factor;
 * - Scope 1 = gas m³ × its factor + diesel l × density × its factor; purchased heat GJ × its factor (Scope 2);
 * - a building's electricity emissions = its kWh × the park's intensity of this minute
 *   (location-based electricity emissions ÷ electricity consumed), plus its own fuel and heat.
 */
export function accountMinute(
  minute: number,
  accounts: MinuteAccounts,
  factors: FactorSet,
  coverage: { coveredKwh: Decimal; contractKg: Decimal },
  /** kg CO₂/kWh for the buildings when these accounts hold no park consumption (late sub-meter data alone). */
  fallbackKgPerKwh: Decimal = ZERO,
): MinuteResult {
  const grid = factors.gridAverageAt(minute).kgCo2PerKwh;
  const residual = factors.residualAt(minute).kgCo2PerKwh;
  const { naturalGasKgCo2PerM3, dieselKgCo2PerL, heatKgCo2PerGj } = factors.fuels;

  const park = emptyTotals(PARK_TOTAL_KEYS);
  park.gridImportKwh = accounts.gridImportKwh;
  park.gridExportKwh = accounts.gridExportKwh;
  park.generationKwh = accounts.generationKwh;
  park.batteryChargeKwh = accounts.batteryChargeKwh;
  park.batteryDischargeKwh = accounts.batteryDischargeKwh;
  // GHG Protocol Scope 2, location-based: gross grid import × grid average factor
  park.scope2LocationKg = accounts.gridImportKwh.times(grid);
  // GHG Protocol Scope 2, market-based: contractual instruments first, residual factor for the rest
  park.contractCoveredKwh = coverage.coveredKwh;
  park.scope2MarketKg = coverage.contractKg.plus(accounts.gridImportKwh.minus(coverage.coveredKwh).times(residual));

  const consumed = electricityConsumed(accounts);
  const kgPerKwh = consumed.greaterThan(0) ? park.scope2LocationKg.dividedBy(consumed) : fallbackKgPerKwh;

  const buildings = new Map<string, BuildingTotals>();
  const addFuels = (into: { gasM3: Decimal; dieselL: Decimal; heatGj: Decimal; scope1Kg: Decimal; scope2HeatKg: Decimal }, from: BuildingAccounts) => {
    // most buildings burn nothing: keep the shared zeros rather than make new ones (memory per minute held)
    if (from.gasM3.isZero() && from.dieselL.isZero() && from.heatGj.isZero()) return;
    into.gasM3 = into.gasM3.plus(from.gasM3);
    into.dieselL = into.dieselL.plus(from.dieselL);
    into.heatGj = into.heatGj.plus(from.heatGj);
    into.scope1Kg = into.scope1Kg.plus(from.gasM3.times(naturalGasKgCo2PerM3)).plus(from.dieselL.times(dieselKgCo2PerL));
    into.scope2HeatKg = into.scope2HeatKg.plus(from.heatGj.times(heatKgCo2PerGj));
  };
  for (const [id, building] of accounts.buildings) {
    const totals = emptyTotals(BUILDING_TOTAL_KEYS);
    totals.electricityKwh = building.electricityKwh;
    totals.electricityKg = building.electricityKwh.times(kgPerKwh);
    addFuels(totals, building);
    buildings.set(id, totals);
    park.submeteredKwh = park.submeteredKwh.plus(building.electricityKwh);
    addFuels(park, building);
  }
  addFuels(park, accounts.site);
  return { park, buildings };
}
