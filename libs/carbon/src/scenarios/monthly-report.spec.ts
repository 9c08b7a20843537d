import { describe, expect, it } from 'vitest';
import { FactorSet } from '../factor-set.js';
import { localDayStart } from '../local-day.js';
import { monthlyReport } from '../monthly-report.js';
import { TEST_PARK } from '../test-park.fixture.js';

describe('a monthly report from the sums of the carbon series', () => {
  const topology = { ...TEST_PARK, accounting: { ...TEST_PARK.accounting, yearlyBudgetTCo2: 1200 } };
  const from = localDayStart('2026-11-01', topology.park.timezone);
  const to = localDayStart('2026-12-01', topology.park.timezone);
  // 10 000 kWh imported at 0.5306 kg/kWh = 5 306 kg; 100 m³ gas × 2.162188809 = 216.2188809 kg; 2 000 kWh PV, 500 kWh exported
  const parkSums = { gridImportKwh: 10_000, gridExportKwh: 500, generationKwh: 2000, scope2LocationKg: 5306, scope2MarketKg: 6096, gasM3: 100, scope1Kg: 216.2188809 };
  const report = monthlyReport({
    topology,
    factors: new FactorSet(topology.park.id, topology.park.gridRegion, topology.park.timezone, topology.accounting),
    month: '2026-11',
    from,
    to,
    madeAt: to,
    completeThrough: to,
    parkSums,
    buildingSums: new Map([['B01', { electricityKwh: 7000, electricityKg: 3000 }]]),
    daySums: new Map([['2026-11-02', { gridImportKwh: 400, scope2LocationKg: 212.24 }], ['2026-11-01', { gridImportKwh: 600, scope2LocationKg: 318.36 }]]),
    factorSetVersions: ['cn-mee-nbs-2023.2'],
  });

  it('should count consumption, emissions by scope and intensity as a snapshot does', () => {
    // 10 000 + 2 000 − 500 = 11 500 kWh consumed
    expect(report.figures.electricityConsumedKwh).toBeCloseTo(11_500, 9);
    // Scope 1 + Scope 2 location: 216.2188809 + 5 306 = 5 522.2188809 kg; market: 216.2188809 + 6 096 = 6 312.2188809 kg
    expect(report.figures.emissionsLocationKg).toBeCloseTo(5522.2188809, 6);
    expect(report.figures.emissionsMarketKg).toBeCloseTo(6312.2188809, 6);
    // 5 306 kg ÷ 11 500 kWh = 461.391… g/kWh
    expect(report.figures.intensityGPerKwh).toBeCloseTo(461.391, 3);
  });

  it('should set the month against the yearly budget', () => {
    // 5.5222188809 t of 1 200 t = 0.46 %
    expect(report.budget).toEqual({ yearlyTCo2: 1200, monthTCo2: expect.closeTo(5.5222188809, 9) as number, shareOfYear: expect.closeTo(5.5222188809 / 1200, 12) as number });
  });

  it('should list the days in order and each building, with the factors and their sources', () => {
    expect(report.days.map((day) => [day.day, day.electricityConsumedKwh])).toEqual([['2026-11-01', 600], ['2026-11-02', 400]]);
    expect(report.buildings.find((building) => building.id === 'B01')).toMatchObject({ electricityKwh: 7000, emissionsKg: 3000 });
    expect(report.provenance.factorSetVersions).toEqual(['cn-mee-nbs-2023.2']);
    expect(report.provenance.gridFactor).toMatchObject({ region: topology.park.gridRegion, origin: 'table' });
    expect(report.provenance.fuels.find((fuel) => fuel.name === 'natural gas')).toMatchObject({ value: 2.162188809, unit: 'kg CO₂/m³' });
  });
});
