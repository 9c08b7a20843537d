import type { ParkSnapshot } from '@zeropark/contracts';

/** One flow: electricity in kW now, or a fuel or heat as the day's quantity in its own unit. */
export interface Flow {
  id: string;
  label: string;
  value: number;
  unit: string;
}

export interface EnergyFlowModel {
  /** Electricity into the park now, kW: grid import, on-site generation, battery discharge. */
  sources: Flow[];
  /** Electricity the park consumes now, kW. */
  consumptionKw: number;
  /** Electricity out, kW: each building, the unmetered remainder, grid export, battery charging. */
  uses: Flow[];
  /** Fuels and heat used today, each in its own unit (m³, l, GJ): shown beside the diagram, never as kW bands. */
  fuels: Flow[];
}

/** The flows' names, in one place. */
const LABELS = {
  grid: 'Grid',
  pv: 'On-site generation',
  battery: 'Battery',
  unmetered: 'Unmetered',
  export: 'Export to grid',
  batteryCharge: 'Battery charging',
  gas: 'Gas today',
  heat: 'Heat today',
  diesel: 'Diesel today',
};

/**
 * Where the park's electricity comes from and goes now, from a snapshot, in kW: grid import, PV
 * and battery discharge in; buildings, the remainder no sub-meter sees, export and battery
 * charging out. Gas, diesel and heat are the day's quantities in their own units, which cannot
 * be drawn against kW, so they come apart. The remainder is shown, never hidden; a negative one
 * (sub-meters reading more than the park) is shown as such.
 */
export function energyFlow(snapshot: ParkSnapshot): EnergyFlowModel {
  const { gridKw, generationKw, batteryKw, consumptionKw } = snapshot.power;
  const buildingsKw = snapshot.buildings.reduce((sum, building) => sum + building.powerKw, 0);
  const sources: Flow[] = [
    { id: 'grid', label: LABELS.grid, value: Math.max(gridKw, 0), unit: 'kW' },
    { id: 'pv', label: LABELS.pv, value: generationKw, unit: 'kW' },
  ];
  if (batteryKw < 0) sources.push({ id: 'battery', label: LABELS.battery, value: -batteryKw, unit: 'kW' });
  const uses: Flow[] = snapshot.buildings.map((building) => ({ id: `building:${building.buildingId}`, label: building.name, value: building.powerKw, unit: 'kW' }));
  uses.push({ id: 'unmetered', label: LABELS.unmetered, value: consumptionKw - buildingsKw, unit: 'kW' });
  if (gridKw < 0) uses.push({ id: 'export', label: LABELS.export, value: -gridKw, unit: 'kW' });
  if (batteryKw > 0) uses.push({ id: 'battery-charge', label: LABELS.batteryCharge, value: batteryKw, unit: 'kW' });
  const fuels: Flow[] = [];
  if (snapshot.today.gasM3 > 0) fuels.push({ id: 'gas', label: LABELS.gas, value: snapshot.today.gasM3, unit: 'm³' });
  if (snapshot.today.dieselL > 0) fuels.push({ id: 'diesel', label: LABELS.diesel, value: snapshot.today.dieselL, unit: 'l' });
  if (snapshot.today.heatGj > 0) fuels.push({ id: 'heat', label: LABELS.heat, value: snapshot.today.heatGj, unit: 'GJ' });
  return { sources, consumptionKw, uses, fuels };
}

/** Half the last digit the diagram shows (0.1 kW): a flow smaller than this reads 0.0 kW and gets no band. */
const SHOWN_AS_ZERO_KW = 0.05;

/** Whether a flow is drawn as a band: a nonzero kW flow. */
export function drawnAsBand(flow: Flow): boolean {
  return flow.unit === 'kW' && Math.abs(flow.value) >= SHOWN_AS_ZERO_KW;
}
