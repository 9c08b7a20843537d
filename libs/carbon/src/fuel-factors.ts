/** China default fuel factors (DESIGN.md, "Carbon accounting"); Scope 1 = Σ fuel × factor. */
export const FUEL_FACTORS = {
  // China default for natural gas, kg CO₂ per m³
  naturalGasKgPerM3: 2.162,
} as const;
