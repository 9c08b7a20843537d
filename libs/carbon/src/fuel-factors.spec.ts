import { describe, expect, it } from 'vitest';
import { combustionKgCo2PerUnit, DEFAULT_FUEL_FACTORS, DIESEL_COMBUSTION, NATURAL_GAS_COMBUSTION } from './fuel-factors.js';

describe(combustionKgCo2PerUnit.name, () => {
  it("should make natural gas's China default from its published parameters, unrounded", () => {
    // 389.31 GJ per 10⁴ Nm³ = 0.038931 GJ/m³; × 15.30 kg C/GJ × 0.99 × 44/12 = 2.162188809 kg CO₂/m³
    expect(combustionKgCo2PerUnit(NATURAL_GAS_COMBUSTION)).toBe(2.162188809);
    // 50 m³ × 2.162188809 = 108.10944045 kg, where the rounded 2.162 gave 108.1
    expect(50 * DEFAULT_FUEL_FACTORS.naturalGasKgCo2PerM3.value).toBeCloseTo(108.10944045, 9);
  });

  it("should make diesel's China default from its published parameters", () => {
    // 42.652 GJ/t = 0.042652 GJ/kg; × 20.20 kg C/GJ × 0.98 × 44/12 = 3.0959096373… kg CO₂/kg
    expect(combustionKgCo2PerUnit(DIESEL_COMBUSTION)).toBeCloseTo(3.0959096373333, 12);
  });

  it('should name the parameters in the source an auditor reads', () => {
    expect(DEFAULT_FUEL_FACTORS.naturalGasKgCo2PerM3.source).toContain('NCV 0.038931 GJ/m³ × 15.30 kg C/GJ × oxidation 0.99 × 44/12');
  });
});
