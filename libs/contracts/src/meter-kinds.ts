import { z } from 'zod';
import type { Quantity } from './quantities.js';

/**
 * What a meter is lives in the registry, not the payload (docs/architecture.md, "Storage"). The role says how the
 * accounting treats its readings; the carrier says which energy it measures.
 */
export const METER_ROLES = [
  'grid_import', // the park's connection to the grid: energy_import_kwh, energy_export_kwh
  'pv', // on-site photovoltaic generation: energy_export_kwh is what it generated
  'building_submeter', // electricity a building consumes
  'gas', // natural gas a building burns: gas_m3
  'heat', // purchased heat: heat_gj
  'diesel', // diesel burned by generators or boilers: diesel_l
  'battery', // on-site storage behind the grid meter: energy_import_kwh charged, energy_export_kwh discharged
] as const;
export const meterRoleSchema = z.enum(METER_ROLES);
export type MeterRole = z.infer<typeof meterRoleSchema>;

export const CARRIERS = ['electricity', 'natural_gas', 'heat', 'diesel'] as const;
export const carrierSchema = z.enum(CARRIERS);
export type Carrier = z.infer<typeof carrierSchema>;

/** The carrier each role measures; the registry checks a meter against it. */
export const CARRIER_OF_ROLE: Record<MeterRole, Carrier> = {
  grid_import: 'electricity',
  pv: 'electricity',
  building_submeter: 'electricity',
  gas: 'natural_gas',
  heat: 'heat',
  diesel: 'diesel',
  battery: 'electricity',
};

/** The quantities a meter of each role may report; anything else is refused with this list. */
export const QUANTITIES_OF_ROLE: Record<MeterRole, readonly Quantity[]> = {
  grid_import: ['energy_import_kwh', 'energy_export_kwh', 'power_kw'],
  pv: ['energy_export_kwh', 'energy_import_kwh', 'power_kw'],
  building_submeter: ['energy_import_kwh', 'energy_export_kwh', 'power_kw'],
  gas: ['gas_m3'],
  heat: ['heat_gj', 'power_kw'],
  diesel: ['diesel_l'],
  battery: ['energy_import_kwh', 'energy_export_kwh', 'power_kw'],
};
