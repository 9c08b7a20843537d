import type { SourcedValue } from '@zeropark/contracts';

/**
 * Default emission factors of fuels burned on site (Scope 1) and of purchased heat (Scope 2),
 * China defaults as DESIGN.md names them; a park's registry may override each with its source.
 */
export interface FuelFactors {
  /** kg CO₂ per m³ of natural gas. */
  naturalGasKgCo2PerM3: SourcedValue;
  /** kg CO₂ per kg of diesel (= t CO₂ per t). */
  dieselKgCo2PerKg: SourcedValue;
  /** kg per litre of diesel: gateways count litres, the factor is per mass. */
  dieselDensityKgPerL: SourcedValue;
  /** kg CO₂ per GJ of purchased heat. */
  heatKgCo2PerGj: SourcedValue;
}

export const DEFAULT_FUEL_FACTORS: FuelFactors = {
  // China default for natural gas, 2.162 kg CO₂/m³ (DESIGN.md)
  naturalGasKgCo2PerM3: { value: 2.162, source: 'China default factor for natural gas, 2.162 kg CO₂/m³' },
  // China default for diesel, 3.096 t CO₂/t (DESIGN.md)
  dieselKgCo2PerKg: { value: 3.096, source: 'China default factor for diesel, 3.096 t CO₂/t' },
  // a typical density; the registry should set the delivered fuel's own
  dieselDensityKgPerL: { value: 0.84, source: 'typical density of automotive diesel at 20 °C (GB 19147: 0.810–0.845 kg/l)' },
  // China default for purchased heat, 0.11 t CO₂/GJ (DESIGN.md)
  heatKgCo2PerGj: { value: 110, source: 'China default factor for purchased heat, 0.11 t CO₂/GJ' },
};
