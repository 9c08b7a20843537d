import type { BuildingPeriodFigures, PeriodFigures } from '@zeropark/contracts';
import { dec, type Decimal } from './decimal.js';
import { BUILDING_TOTAL_KEYS, emptyTotals, PARK_TOTAL_KEYS, parkFigures, type BuildingTotals, type ParkTotals } from './period-totals.js';

/** The figures of a period as snapshots and reports show them, from its totals. */
export function periodFigures(totals: ParkTotals, dieselDensityKgPerL: Decimal): PeriodFigures {
  const figures = parkFigures(totals, dieselDensityKgPerL);
  const orNull = (value: Decimal | null) => (value === null ? null : value.toNumber());
  return {
    electricityConsumedKwh: figures.electricityConsumedKwh.toNumber(),
    gridImportKwh: totals.gridImportKwh.toNumber(),
    gridExportKwh: totals.gridExportKwh.toNumber(),
    generationKwh: totals.generationKwh.toNumber(),
    batteryChargeKwh: totals.batteryChargeKwh.toNumber(),
    batteryDischargeKwh: totals.batteryDischargeKwh.toNumber(),
    gasM3: totals.gasM3.toNumber(),
    dieselL: totals.dieselL.toNumber(),
    heatGj: totals.heatGj.toNumber(),
    scope1Kg: totals.scope1Kg.toNumber(),
    scope2LocationKg: totals.scope2LocationKg.toNumber(),
    scope2MarketKg: totals.scope2MarketKg.toNumber(),
    scope2HeatKg: totals.scope2HeatKg.toNumber(),
    emissionsLocationKg: figures.emissionsLocationKg.toNumber(),
    emissionsMarketKg: figures.emissionsMarketKg.toNumber(),
    contractCoveredKwh: totals.contractCoveredKwh.toNumber(),
    intensityGPerKwh: orNull(figures.intensityGPerKwh),
    renewableShare: orNull(figures.renewableShare),
    cleanEnergyShare: orNull(figures.cleanEnergyShare),
    energyTce: figures.energyTce.toNumber(),
    tCo2PerTce: orNull(figures.tCo2PerTce),
    unmeteredKwh: figures.unmeteredKwh.toNumber(),
  };
}

export function buildingFigures(totals: BuildingTotals): BuildingPeriodFigures {
  return {
    electricityKwh: totals.electricityKwh.toNumber(),
    gasM3: totals.gasM3.toNumber(),
    dieselL: totals.dieselL.toNumber(),
    heatGj: totals.heatGj.toNumber(),
    emissionsKg: totals.electricityKg.plus(totals.scope1Kg).plus(totals.scope2HeatKg).toNumber(),
  };
}

/** Totals of a period from summed `carbon` series fields (absent fields are zero). */
/**
 * A sum the store made of the series' minute points, as a decimal. The points are binary floats,
 * so their sum carries float noise (13.409999999999982 for a day of 13.41 kWh); nine decimal
 * places keep every figure's meaning (a µWh, a mg) and drop the noise.
 */
export function storedSum(value: number): Decimal {
  return dec(value).toDecimalPlaces(9);
}

export function parkTotalsOfSums(sums: Readonly<Record<string, number>>): ParkTotals {
  const totals = emptyTotals(PARK_TOTAL_KEYS);
  for (const key of PARK_TOTAL_KEYS) totals[key] = storedSum(sums[key] ?? 0);
  return totals;
}

export function buildingTotalsOfSums(sums: Readonly<Record<string, number>>): BuildingTotals {
  const totals = emptyTotals(BUILDING_TOTAL_KEYS);
  for (const key of BUILDING_TOTAL_KEYS) totals[key] = storedSum(sums[key] ?? 0);
  return totals;
}
