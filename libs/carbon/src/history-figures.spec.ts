import { describe, expect, it } from 'vitest';
import { buildingFigureOf, parkFigureOf } from './history-figures.js';

describe(parkFigureOf.name, () => {
  // one bucket: 100 kWh imported, 20 exported, 60 generated; 55 kg location-based
  const sums = { gridImportKwh: 100, gridExportKwh: 20, generationKwh: 60, scope2LocationKg: 55 };

  it('should give a sum as it is', () => {
    expect(parkFigureOf('gridImportKwh', sums)).toBe(100);
  });

  it("should make a ratio from the bucket's sums", () => {
    // consumed 100 + 60 − 20 = 140 kWh; 55 000 g ÷ 140 kWh = 392.857 g/kWh
    expect(parkFigureOf('electricityConsumedKwh', sums)).toBe(140);
    expect(parkFigureOf('intensityGPerKwh', sums)).toBeCloseTo(392.857143, 6);
    // (60 − 20) ÷ 140 = 0.285714
    expect(parkFigureOf('renewableShare', sums)).toBeCloseTo(0.285714, 6);
  });

  it("should drop the float noise of the store's sum of minute points", () => {
    // a day of 13.41 kWh, summed by the store from 1 440 binary floats
    expect(parkFigureOf('gridImportKwh', { gridImportKwh: 13.409999999999982 })).toBe(13.41);
    expect(parkFigureOf('electricityConsumedKwh', { gridImportKwh: 8.530000000000001 })).toBe(8.53);
  });

  it('should give null for a ratio with nothing to divide by', () => {
    expect(parkFigureOf('intensityGPerKwh', {})).toBeNull();
  });
});

describe(buildingFigureOf.name, () => {
  it("should add a building's electricity, fuel and heat emissions", () => {
    // 10 + 2.5 + 1 = 13.5 kg
    expect(buildingFigureOf('emissionsKg', { electricityKg: 10, scope1Kg: 2.5, scope2HeatKg: 1 })).toBe(13.5);
  });

  it("should drop the float noise of the store's sum of minute points", () => {
    expect(buildingFigureOf('electricityKwh', { electricityKwh: 9.680000000000001 })).toBe(9.68);
    expect(buildingFigureOf('emissionsKg', { electricityKg: 0.1, scope1Kg: 0.2 })).toBe(0.3);
  });
});
