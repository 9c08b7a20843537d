/** Durations and values as an operator reads them in an alert's message. */

export function describeDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 120) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 120) return `${minutes} min`;
  return `${(minutes / 60).toFixed(1)} h`;
}

const UNITS: Record<string, string> = {
  consumptionKw: 'kW',
  gridKw: 'kW',
  generationKw: 'kW',
  powerKw: 'kW',
  power_kw: 'kW',
  intensityGPerKwh: 'g/kWh',
  intensityTodayGPerKwh: 'g/kWh',
  emissionsRateKgPerH: 'kg/h',
  emissionsTodayKg: 'kg',
  energy_import_kwh: 'kWh',
  energy_export_kwh: 'kWh',
  gas_m3: 'm³',
  heat_gj: 'GJ',
  diesel_l: 'l',
};

/** A figure's value with its unit (a share as a percentage), e.g. `812.4 kW`, `91.2 %`. */
export function describeValue(value: number, figureName: string): string {
  if (figureName === 'budgetUsedShare') return `${(value * 100).toFixed(1)} %`;
  const unit = UNITS[figureName];
  const rounded = Math.abs(value) >= 100 ? value.toFixed(1) : value.toPrecision(4);
  return unit === undefined ? rounded : `${rounded} ${unit}`;
}
