/**
 * Energy in tonnes of coal equivalent (tce), for the zero-carbon park KPIs (t CO₂ per tce,
 * clean-energy share). Reference coefficients of GB/T 2589-2020 "General principles for
 * calculation of the comprehensive energy consumption"; electricity at its calorific
 * equivalent (当量值).
 */
export const KGCE_PER_UNIT = {
  // GB/T 2589-2020: electricity, calorific equivalent
  electricityKwh: '0.1229',
  // GB/T 2589-2020: natural gas
  naturalGasM3: '1.2143',
  // GB/T 2589-2020: diesel, per kg
  dieselKg: '1.4571',
  // GB/T 2589-2020: heat, 0.03412 kgce per MJ
  heatGj: '34.12',
} as const;

export const ENERGY_EQUIVALENTS_SOURCE = 'GB/T 2589-2020, reference coefficients (electricity at its calorific equivalent)';
