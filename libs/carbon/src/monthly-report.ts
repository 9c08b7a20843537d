import type { MonthlyReport, ParkTopology } from '@zeropark/contracts';
import { FACTOR_TABLE_VERSION } from './grid-factors.js';
import type { FactorSet } from './factor-set.js';
import { buildingFigures, buildingTotalsOfSums, parkTotalsOfSums, periodFigures } from './period-figures.js';

export interface MonthlyReportInput {
  topology: ParkTopology;
  factors: FactorSet;
  month: string;
  from: number;
  to: number;
  madeAt: number;
  /** Up to when the `carbon` series was complete when its sums were read (the service's `seriesCompleteThrough`). */
  completeThrough: number | null;
  /** The month's sums of the park's series fields. */
  parkSums: Readonly<Record<string, number>>;
  /** Each building's sums. */
  buildingSums: ReadonlyMap<string, Readonly<Record<string, number>>>;
  /** Each day's park sums, by `YYYY-MM-DD`. */
  daySums: ReadonlyMap<string, Readonly<Record<string, number>>>;
  factorSetVersions: readonly string[];
}

/** The monthly report of a park from the month's sums of the `carbon` series: the same figures a snapshot makes of a period. */
export function monthlyReport(input: MonthlyReportInput): MonthlyReport {
  const { topology, factors } = input;
  const density = factors.fuels.dieselDensityKgPerL;
  const figures = periodFigures(parkTotalsOfSums(input.parkSums), density);
  const yearly = topology.accounting.yearlyBudgetTCo2;
  const monthTCo2 = figures.emissionsLocationKg / 1000;
  const residual = factors.residualAt(input.from);
  const grid = factors.gridAverageAt(input.from);
  const applied = (factor: typeof grid) => ({ region: factor.region, year: factor.year, kgCo2PerKwh: factor.kgCo2PerKwh.toNumber(), origin: factor.origin, source: factor.source });
  const { fuelSources, version } = factors;
  const { accounting } = topology;
  const overrides = [
    ...accounting.gridFactors.map((entry) => `grid ${entry.year}: ${entry.kgCo2PerKwh} kg CO₂/kWh (${entry.source})`),
    ...accounting.hourlyGridFactors.map((entry) => `grid at ${String(entry.hour).padStart(2, '0')}:00: ${entry.kgCo2PerKwh} kg CO₂/kWh (${entry.source})`),
    ...accounting.contracts.map((contract) => `${contract.kind} ${contract.id}: ${contract.kwh} kWh, ${contract.from} to ${contract.to}, ${contract.kgCo2PerKwh} kg CO₂/kWh (${contract.reference})`),
  ];
  return {
    park: { id: topology.park.id, name: topology.park.name, timezone: topology.park.timezone, gridRegion: topology.park.gridRegion },
    month: input.month,
    from: input.from,
    to: input.to,
    madeAt: input.madeAt,
    completeThrough: input.completeThrough,
    figures,
    // a twelfth of the year's budget is what an even path to it allows a month
    budget: yearly === null ? null : { yearlyTCo2: yearly, monthTCo2, shareOfYear: monthTCo2 / yearly },
    buildings: topology.buildings.map((building) => ({ id: building.id, name: building.name, ...buildingFigures(buildingTotalsOfSums(input.buildingSums.get(building.id) ?? {})) })),
    days: [...input.daySums].sort(([a], [b]) => a.localeCompare(b)).map(([day, sums]) => {
      const dayFigures = periodFigures(parkTotalsOfSums(sums), density);
      return { day, electricityConsumedKwh: dayFigures.electricityConsumedKwh, emissionsLocationKg: dayFigures.emissionsLocationKg, emissionsMarketKg: dayFigures.emissionsMarketKg };
    }),
    provenance: {
      factorSetVersions: input.factorSetVersions.length > 0 ? [...input.factorSetVersions] : [version],
      factorTableVersion: FACTOR_TABLE_VERSION,
      gridFactor: applied(grid),
      residualFactor: applied(residual),
      fuels: [
        { id: 'naturalGasKgCo2PerM3', name: 'natural gas', value: fuelSources.naturalGasKgCo2PerM3.value, unit: 'kg CO₂/m³', source: fuelSources.naturalGasKgCo2PerM3.source },
        { id: 'dieselKgCo2PerKg', name: 'diesel', value: fuelSources.dieselKgCo2PerKg.value, unit: 'kg CO₂/kg', source: fuelSources.dieselKgCo2PerKg.source },
        { id: 'dieselDensityKgPerL', name: 'diesel density', value: fuelSources.dieselDensityKgPerL.value, unit: 'kg/l', source: fuelSources.dieselDensityKgPerL.source },
        { id: 'heatKgCo2PerGj', name: 'purchased heat', value: fuelSources.heatKgCo2PerGj.value, unit: 'kg CO₂/GJ', source: fuelSources.heatKgCo2PerGj.source },
      ],
      overrides,
      method: 'GHG Protocol Scope 2 Guidance (location-based, market-based beside it); energy from counter differences; docs/carbon-method.md',
    },
  };
}
