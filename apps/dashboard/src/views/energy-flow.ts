import type { ParkSnapshot } from '@zeropark/contracts';

/** One flow of the energy-flow diagram, kW now (electricity) or the day's quantity (fuels, heat). */
export interface Flow {
  id: string;
  label: string;
  value: number;
  unit: string;
}

export interface EnergyFlowModel {
  /** Into the park: grid import, on-site generation, battery discharge (kW); gas and heat today. */
  sources: Flow[];
  /** Electricity the park consumes now, kW. */
  consumptionKw: number;
  /** Out of the park: each building's power, the unmetered remainder, grid export, battery charging (kW). */
  uses: Flow[];
}

/**
 * Where the park's energy comes from and goes now, from a snapshot: electricity in kW (grid
 * import, PV and battery discharge in; buildings, the remainder no sub-meter sees, export and
 * battery charging out), with gas and heat as today's quantities beside it. The remainder is
 * shown, never hidden; a negative one (sub-meters reading more than the park) is shown as such.
 */
export function energyFlow(snapshot: ParkSnapshot): EnergyFlowModel {
  const { gridKw, generationKw, batteryKw, consumptionKw } = snapshot.power;
  const buildingsKw = snapshot.buildings.reduce((sum, building) => sum + building.powerKw, 0);
  const sources: Flow[] = [
    { id: 'grid', label: 'Grid', value: Math.max(gridKw, 0), unit: 'kW' },
    { id: 'pv', label: 'On-site generation', value: generationKw, unit: 'kW' },
  ];
  if (batteryKw < 0) sources.push({ id: 'battery', label: 'Battery', value: -batteryKw, unit: 'kW' });
  if (snapshot.today.gasM3 > 0) sources.push({ id: 'gas', label: 'Gas today', value: snapshot.today.gasM3, unit: 'm³' });
  if (snapshot.today.heatGj > 0) sources.push({ id: 'heat', label: 'Heat today', value: snapshot.today.heatGj, unit: 'GJ' });
  if (snapshot.today.dieselL > 0) sources.push({ id: 'diesel', label: 'Diesel today', value: snapshot.today.dieselL, unit: 'l' });
  const uses: Flow[] = snapshot.buildings.map((building) => ({ id: `building:${building.buildingId}`, label: building.name, value: building.powerKw, unit: 'kW' }));
  uses.push({ id: 'unmetered', label: 'Unmetered', value: consumptionKw - buildingsKw, unit: 'kW' });
  if (gridKw < 0) uses.push({ id: 'export', label: 'Export to grid', value: -gridKw, unit: 'kW' });
  if (batteryKw > 0) uses.push({ id: 'battery-charge', label: 'Battery charging', value: batteryKw, unit: 'kW' });
  return { sources, consumptionKw, uses };
}
