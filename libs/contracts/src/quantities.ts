/**
 * Quantities a gateway may report, the unit in the name (docs/gateway-protocol.md).
 * Counters are cumulative and only ever rise, except at a reset or rollover.
 */
export const QUANTITIES = {
  energy_import_kwh: { kind: 'counter', unit: 'kWh' },
  energy_export_kwh: { kind: 'counter', unit: 'kWh' },
  power_kw: { kind: 'instantaneous', unit: 'kW' },
  gas_m3: { kind: 'counter', unit: 'm³' },
  heat_gj: { kind: 'counter', unit: 'GJ' },
  diesel_l: { kind: 'counter', unit: 'l' },
} as const;

export type Quantity = keyof typeof QUANTITIES;

export const QUANTITY_NAMES = Object.keys(QUANTITIES) as Quantity[];

export type QuantityValues = Partial<Record<Quantity, number>>;
