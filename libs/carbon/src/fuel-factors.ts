import type { SourcedValue } from '@zeropark/contracts';
import { dec } from './decimal.js';

/**
 * Default emission factors of fuels burned on site (Scope 1) and of purchased heat (Scope 2),
 * China defaults (docs/carbon-method.md, "Fuel and heat factors"); a park's registry may override
 * each with its source.
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

/** The published parameters a fuel's combustion factor is made of, as decimal strings. */
export interface CombustionParameters {
  /** Net calorific value, GJ per unit of fuel (m³ or kg). */
  netCalorificValueGjPerUnit: string;
  /** Carbon content per unit of heat, t C per TJ (= kg C per GJ). */
  carbonContentTcPerTj: string;
  /** Share of the carbon oxidised, 0..1. */
  oxidationRate: string;
  /** Where the parameters are published. */
  source: string;
}

// The NDRC guidelines for enterprise GHG accounting ("工业其他行业企业温室气体排放核算方法与报告指南（试行）",
// appendix 2, table 2.1, defaults of common fossil fuels): natural gas 389.31 GJ per 10⁴ Nm³,
// 15.30 t C/TJ, 99 %; diesel 42.652 GJ/t, 20.20 t C/TJ, 98 %.
const NDRC_GUIDELINES = 'NDRC guidelines for GHG accounting of industrial enterprises (other industries), appendix 2, table 2.1';

export const NATURAL_GAS_COMBUSTION: CombustionParameters = { netCalorificValueGjPerUnit: '0.038931', carbonContentTcPerTj: '15.30', oxidationRate: '0.99', source: NDRC_GUIDELINES };
export const DIESEL_COMBUSTION: CombustionParameters = { netCalorificValueGjPerUnit: '0.042652', carbonContentTcPerTj: '20.20', oxidationRate: '0.98', source: NDRC_GUIDELINES };

/**
 * kg CO₂ per unit of fuel = NCV (GJ/unit) × carbon content (kg C/GJ) × oxidation × 44/12 (the mass
 * of CO₂ per mass of carbon), in 34-digit decimals and never rounded: rounding is for display.
 */
export function combustionKgCo2PerUnit(parameters: CombustionParameters): number {
  return dec(parameters.netCalorificValueGjPerUnit).times(parameters.carbonContentTcPerTj).times(parameters.oxidationRate).times(44).dividedBy(12).toNumber();
}

const combustionSource = (fuel: string, parameters: CombustionParameters, unit: string): string =>
  `China default for ${fuel}: NCV ${parameters.netCalorificValueGjPerUnit} GJ/${unit} × ${parameters.carbonContentTcPerTj} kg C/GJ × oxidation ${parameters.oxidationRate} × 44/12 (${parameters.source})`;

export const DEFAULT_FUEL_FACTORS: FuelFactors = {
  // 0.038931 × 15.30 × 0.99 × 44/12 = 2.16219… kg CO₂/m³
  naturalGasKgCo2PerM3: { value: combustionKgCo2PerUnit(NATURAL_GAS_COMBUSTION), source: combustionSource('natural gas', NATURAL_GAS_COMBUSTION, 'm³') },
  // 0.042652 × 20.20 × 0.98 × 44/12 = 3.09591… kg CO₂/kg
  dieselKgCo2PerKg: { value: combustionKgCo2PerUnit(DIESEL_COMBUSTION), source: combustionSource('diesel', DIESEL_COMBUSTION, 'kg') },
  // a typical density; the registry should set the delivered fuel's own
  dieselDensityKgPerL: { value: 0.84, source: 'typical density of automotive diesel at 20 °C (GB 19147: 0.810–0.845 kg/l)' },
  // published as a value, not as parameters: the same guidelines' default for purchased heat
  heatKgCo2PerGj: { value: 110, source: 'China default for purchased heat, 0.11 t CO₂/GJ (NDRC guidelines for GHG accounting of industrial enterprises, purchased heat)' },
};
