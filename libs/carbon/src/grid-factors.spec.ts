import { describe, expect, it } from 'vitest';
import { GRID_FACTORS, GRID_REGIONS, gridFactorFor } from './grid-factors.js';

describe(gridFactorFor.name, () => {
  it("should give a year's own factor when it is published", () => {
    expect(gridFactorFor('east-china', 2022)).toMatchObject({ year: 2022, kgCo2PerKwh: '0.5617' });
  });

  it('should give the newest published before a year not yet published', () => {
    // factors come out two years or more late: 2026 uses 2023
    expect(gridFactorFor('east-china', 2026)).toMatchObject({ year: 2023, kgCo2PerKwh: '0.5500' });
  });

  it('should take the residual factor from the national table whatever the region', () => {
    expect(gridFactorFor('south', 2023, 'residual')).toMatchObject({ region: 'national', kgCo2PerKwh: '0.6096' });
  });

  it('should refuse a year before any factor of the region, naming where to set one', () => {
    expect(() => gridFactorFor('east-china', 2021)).toThrow('set one in the registry under factors.grid');
  });

  it('should name a source for every factor, and hold the seven regional grids and the national one', () => {
    expect(GRID_FACTORS.every((factor) => factor.source.startsWith('MEE & NBS'))).toBe(true);
    expect([...GRID_REGIONS].sort()).toEqual(['central-china', 'east-china', 'national', 'north-china', 'northeast', 'northwest', 'south', 'southwest']);
  });
});
