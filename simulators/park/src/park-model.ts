import type { MeterTopology, ParkTopology, QuantityValues } from '@zeropark/contracts';

/**
 * A plausible park, pure and deterministic for a given seed: buildings follow a working day
 * in the park's time zone, PV follows the sun, gas burns while the paint ovens run, and the
 * grid meter sees what the buildings draw beyond the PV (exporting when the PV is ahead).
 */
export interface MeterCounters {
  energy_import_kwh: number;
  energy_export_kwh: number;
  gas_m3: number;
}

export interface ParkModelState {
  counters: Record<string, MeterCounters>;
}

/** Share of its rated power a building's sub-meters draw during an overload trip. */
const OVERLOAD_SHARE = 0.9;

/** Share of the park's consumption no sub-meter sees: lighting, pumps, losses. */
const UNMETERED_SHARE = 0.04;

export function initialState(topology: ParkTopology, random: () => number): ParkModelState {
  const counters: Record<string, MeterCounters> = {};
  for (const meter of topology.meters) {
    counters[meter.id] = {
      energy_import_kwh: Math.round(50_000 + random() * 150_000),
      energy_export_kwh: Math.round(1_000 + random() * 10_000),
      gas_m3: Math.round(5_000 + random() * 20_000),
    };
  }
  return { counters };
}

/** Hour of day, fractional, in a time zone. */
export function localHour(epochMs: number, timezone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: timezone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(epochMs);
  const value = (type: string) => Number(parts.find((part) => part.type === type)?.value ?? 0);
  return value('hour') + value('minute') / 60;
}

/** 0 at night, rising to 1 at noon: a clear-sky bell between 06:00 and 18:00. */
export function sunFactor(hour: number): number {
  if (hour <= 6 || hour >= 18) return 0;
  return Math.sin(((hour - 6) / 12) * Math.PI) ** 1.5;
}

/** 0.25 at night, 1 through the day shift (08:00–18:00), with ramps. */
export function workFactor(hour: number): number {
  if (hour >= 8 && hour < 18) return 1;
  if (hour >= 6 && hour < 8) return 0.25 + 0.75 * ((hour - 6) / 2);
  if (hour >= 18 && hour < 20) return 1 - 0.75 * ((hour - 18) / 2);
  return 0.25;
}

/**
 * Instantaneous power of every simulated electricity meter, kW (the grid meter signed: negative
 * while exporting). Meters of gateways the simulator does not play (the demo gateway) are left
 * to the people feeding them.
 */
export function powersAt(topology: ParkTopology, simulated: ReadonlySet<string>, epochMs: number, random: () => number, overloaded: ReadonlySet<string> = new Set()): Map<string, number> {
  const hour = localHour(epochMs, topology.park.timezone);
  const noise = () => 0.95 + random() * 0.1;
  const powers = new Map<string, number>();
  let buildingsKw = 0;
  let generationKw = 0;
  for (const meter of topology.meters) {
    if (!simulated.has(meter.id)) continue;
    const rated = meter.ratedPowerKw ?? 100;
    if (meter.role === 'building_submeter') {
      // an overload trip (alert-trips.ts) holds the building near its rated power
      const kw = rated * (overloaded.has(meter.building ?? '') ? OVERLOAD_SHARE : 0.55 * workFactor(hour)) * noise();
      powers.set(meter.id, kw);
      buildingsKw += kw;
    } else if (meter.role === 'pv') {
      const kw = rated * 0.8 * sunFactor(hour) * noise();
      powers.set(meter.id, kw);
      generationKw += kw;
    }
  }
  for (const meter of topology.meters) {
    if (meter.role === 'grid_import' && simulated.has(meter.id)) powers.set(meter.id, buildingsKw / (1 - UNMETERED_SHARE) - generationKw);
  }
  return powers;
}

/** Gas burned per hour by a gas meter, m³/h: the paint ovens run through the day shift. */
export function gasFlowAt(meter: MeterTopology, hour: number): number {
  return meter.role === 'gas' ? 40 * workFactor(hour) : 0;
}

/**
 * Advances the counters by `elapsedMs` at the given powers and returns each meter's values as a
 * gateway reports them.
 */
export function advance(
  topology: ParkTopology,
  simulated: ReadonlySet<string>,
  state: ParkModelState,
  epochMs: number,
  elapsedMs: number,
  random: () => number,
  overloaded: ReadonlySet<string> = new Set(),
): Map<string, QuantityValues> {
  const hours = elapsedMs / 3_600_000;
  const powers = powersAt(topology, simulated, epochMs, random, overloaded);
  const hour = localHour(epochMs, topology.park.timezone);
  const values = new Map<string, QuantityValues>();
  for (const meter of topology.meters) {
    const counters = state.counters[meter.id];
    if (counters === undefined || !simulated.has(meter.id)) continue;
    const kw = powers.get(meter.id) ?? 0;
    switch (meter.role) {
      case 'grid_import':
        counters.energy_import_kwh += Math.max(kw, 0) * hours;
        counters.energy_export_kwh += Math.max(-kw, 0) * hours;
        values.set(meter.id, { energy_import_kwh: round(counters.energy_import_kwh), energy_export_kwh: round(counters.energy_export_kwh), power_kw: round(kw) });
        break;
      case 'pv':
        counters.energy_export_kwh += kw * hours;
        values.set(meter.id, { energy_export_kwh: round(counters.energy_export_kwh), power_kw: round(kw) });
        break;
      case 'building_submeter':
        counters.energy_import_kwh += kw * hours;
        values.set(meter.id, { energy_import_kwh: round(counters.energy_import_kwh), power_kw: round(kw) });
        break;
      case 'gas':
        counters.gas_m3 += gasFlowAt(meter, hour) * hours;
        values.set(meter.id, { gas_m3: round(counters.gas_m3) });
        break;
      default:
        break;
    }
  }
  return values;
}

/** Meters keep three decimals, as most counters display. */
function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/** A small seeded PRNG (mulberry32), so a run can be repeated. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
