import { DEFAULT_PARK_ACCOUNTING } from '@zeropark/contracts';
import { describe, expect, it } from 'vitest';
import { FactorSet } from './factor-set.js';

// 2026-11-28 10:00 in Asia/Shanghai
const T0 = Date.UTC(2026, 10, 28, 2, 0);

const factorsWith = (accounting: Partial<typeof DEFAULT_PARK_ACCOUNTING>) =>
  new FactorSet('p1', 'east-china', 'Asia/Shanghai', { ...DEFAULT_PARK_ACCOUNTING, ...accounting });

describe(FactorSet.name, () => {
  it('should use the published table when the registry overrides nothing', () => {
    const factors = factorsWith({});
    expect(factors.gridAverageAt(T0)).toMatchObject({ origin: 'table', year: 2023, region: 'east-china' });
    expect(factors.gridAverageAt(T0).kgCo2PerKwh.toString()).toBe('0.55');
    expect(factors.version).toBe('cn-mee-nbs-2023.2');
  });

  it("should let the registry's factor for a newer year win over the table, and name it in the version", () => {
    const factors = factorsWith({ factorsVersion: 'v7', gridFactors: [{ year: 2025, kgCo2PerKwh: 0.52, source: 'provincial announcement' }] });
    expect(factors.gridAverageAt(T0)).toMatchObject({ origin: 'registry', year: 2025, source: 'provincial announcement' });
    expect(factors.version).toBe('cn-mee-nbs-2023.2+p1:v7');
  });

  it('should not let an older registry year hide a newer published one', () => {
    const factors = factorsWith({ factorsVersion: 'v1', gridFactors: [{ year: 2021, kgCo2PerKwh: 0.6, source: 'old' }] });
    expect(factors.gridAverageAt(T0)).toMatchObject({ origin: 'table', year: 2023 });
  });

  it('should use the hourly profile for its hour of the park’s day', () => {
    // 10:00 in Shanghai: hour 10
    const factors = factorsWith({ factorsVersion: 'v2', hourlyGridFactors: [{ hour: 10, kgCo2PerKwh: 0.41, source: 'grid operator profile' }] });
    expect(factors.gridAverageAt(T0)).toMatchObject({ origin: 'hourly-profile' });
    expect(factors.gridAverageAt(T0).kgCo2PerKwh.toString()).toBe('0.41');
    expect(factors.gridAverageAt(T0 + 3_600_000)).toMatchObject({ origin: 'table' });
  });

  it('should let a live feed win while it is valid, and say so in the version', () => {
    const factors = factorsWith({});
    factors.addLiveFactor({ from: T0, to: T0 + 900_000, kgCo2PerKwh: 0.48, source: 'grids/east-china/intensity' });
    expect(factors.gridAverageAt(T0)).toMatchObject({ origin: 'live-feed' });
    expect(factors.versionAt(T0)).toBe('cn-mee-nbs-2023.2+live');
    expect(factors.gridAverageAt(T0 + 900_000)).toMatchObject({ origin: 'table' });
  });

  it('should turn diesel litres into kg CO₂ through the density', () => {
    // 0.84 kg/l × 3.0959096373… kg/kg (0.042652 GJ/kg × 20.20 kg C/GJ × 0.98 × 44/12) = 2.60056409536 kg/l
    expect(factorsWith({}).fuels.dieselKgCo2PerL.toNumber()).toBeCloseTo(2.60056409536, 12);
  });
});

describe(`${FactorSet.name} with a live feed`, () => {
  it('should let the newest live message win where spans overlap', () => {
    const factors = factorsWith({});
    factors.addLiveFactor({ from: T0, to: T0 + 3_600_000, kgCo2PerKwh: 0.5, source: 'first' });
    factors.addLiveFactor({ from: T0, to: T0 + 900_000, kgCo2PerKwh: 0.45, source: 'correction' });
    expect(factors.gridAverageAt(T0).source).toBe('correction');
    expect(factors.gridAverageAt(T0 + 1_800_000).source).toBe('first');
  });
});
