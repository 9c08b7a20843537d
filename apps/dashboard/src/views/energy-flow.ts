import type { ParkSnapshot, PowerFreshness } from '@zeropark/contracts';
import type { Translator } from '@zeropark/i18n';

/** One flow: electricity in kW now, or a fuel or heat as the day's quantity in its own unit. */
export interface Flow {
  id: string;
  label: string;
  /** Its value now; for a flow that is not live, 0 (it is not part of "now"). */
  value: number;
  unit: string;
  /** A building whose power is not live now: its last power, in no sum, and as of when (epoch ms). */
  stale?: { lastKw: number; asOf: number | null };
  /** Nothing live to show: a building never heard, or the remainder while the park's own power is not live. */
  unknown?: true;
}

export interface EnergyFlowModel {
  /** Electricity into the park now, kW: grid import, on-site generation, battery discharge. */
  sources: Flow[];
  /** Electricity the park consumes now, kW; null while the park's own meters are not live. */
  consumptionKw: number | null;
  /** Electricity out, kW: each building, the unmetered remainder, grid export, battery charging. */
  uses: Flow[];
  /** Fuels and heat used today, each in its own unit (m³, l, GJ): shown beside the diagram, never as kW bands. */
  fuels: Flow[];
}

const notLive = (freshness: PowerFreshness) => freshness.state === 'stale' || freshness.state === 'none';

/**
 * Where the park's electricity comes from and goes now, from a snapshot, in kW: grid import, PV
 * and battery discharge in; buildings, the remainder no sub-meter sees, export and battery
 * charging out. Only live power is "now" (docs/carbon-method.md, §1 "Power now"): a building
 * whose sub-meters are stale is shown as such with what it last read, drawn without a band, and
 * the remainder (the server's, `snapshot.unmetered`) names the buildings inside it. Gas, diesel
 * and heat are the day's quantities in their own units, which cannot be drawn against kW, so they
 * come apart. A negative remainder (sub-meters reading more than the park) is shown as such.
 */
export function energyFlow(snapshot: ParkSnapshot, t: Translator): EnergyFlowModel {
  const { gridKw, generationKw, batteryKw, consumptionKw } = snapshot.power;
  const kw = t.t('units.kw');
  const parkLive = !notLive(snapshot.powerFreshness);
  const sources: Flow[] = [
    { id: 'grid', label: t.t('flow.grid'), value: Math.max(gridKw, 0), unit: kw },
    { id: 'pv', label: t.t('flow.pv'), value: generationKw, unit: kw },
  ];
  if (batteryKw < 0) sources.push({ id: 'battery', label: t.t('flow.battery'), value: -batteryKw, unit: kw });
  const uses: Flow[] = snapshot.buildings.map((building) => {
    const flow: Flow = { id: `building:${building.buildingId}`, label: building.name, value: building.powerKw, unit: kw };
    const { state, staleKw, asOf } = building.powerFreshness;
    if (state === 'stale') return { ...flow, value: 0, stale: { lastKw: staleKw, asOf } };
    return state === 'none' ? { ...flow, value: 0, unknown: true } : flow;
  });
  const names = new Map(snapshot.buildings.map((building) => [building.buildingId, building.name]));
  const missing = snapshot.unmetered.buildingsMissing.map((id) => names.get(id) ?? id);
  const unmetered: Flow = { id: 'unmetered', label: missing.length === 0 ? t.t('flow.unmetered') : t.t('flow.unmeteredWith', { buildings: missing.join(t.t('list.separator')) }), value: snapshot.unmetered.kw ?? 0, unit: kw };
  uses.push(snapshot.unmetered.kw === null ? { ...unmetered, unknown: true } : unmetered);
  if (gridKw < 0) uses.push({ id: 'export', label: t.t('flow.export'), value: -gridKw, unit: kw });
  if (batteryKw > 0) uses.push({ id: 'battery-charge', label: t.t('flow.batteryCharge'), value: batteryKw, unit: kw });
  const fuels: Flow[] = [];
  if (snapshot.today.gasM3 > 0) fuels.push({ id: 'gas', label: t.t('flow.gas'), value: snapshot.today.gasM3, unit: t.t('units.m3') });
  if (snapshot.today.dieselL > 0) fuels.push({ id: 'diesel', label: t.t('flow.diesel'), value: snapshot.today.dieselL, unit: t.t('units.l') });
  if (snapshot.today.heatGj > 0) fuels.push({ id: 'heat', label: t.t('flow.heat'), value: snapshot.today.heatGj, unit: t.t('units.gj') });
  return { sources, consumptionKw: parkLive ? consumptionKw : null, uses, fuels };
}

/** Half the last digit the diagram shows (0.1 kW): a flow smaller than this reads 0.0 kW and gets no band. */
const SHOWN_AS_ZERO_KW = 0.05;

/** Whether a flow is drawn as a band: a live, nonzero electric flow (fuels are listed apart). */
export function drawnAsBand(flow: Flow, kw: string): boolean {
  return flow.unit === kw && flow.stale === undefined && flow.unknown === undefined && Math.abs(flow.value) >= SHOWN_AS_ZERO_KW;
}
