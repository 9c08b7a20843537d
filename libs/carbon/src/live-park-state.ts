import type { AcceptedReading, BuildingSnapshot, MeterTopology, ParkSnapshot, ParkTopology, Quantity } from '@zeropark/contracts';
import { counterDelta, type CounterSample } from './counter-delta.js';
import { FUEL_FACTORS } from './fuel-factors.js';
import { FACTOR_SET_VERSION, gridFactorFor } from './grid-factors.js';
import { localDay, localYear } from './local-day.js';

type CounterQuantity = Exclude<Quantity, 'power_kw'>;

interface MeterState {
  powerKw: number | null;
  powerTs: number;
  counters: Map<CounterQuantity, CounterSample>;
  /** Quantities used on `day` (the park's calendar day), from counter differences. */
  day: string;
  today: Map<CounterQuantity, number>;
  lastReadingAt: number | null;
  implausibleReadings: number;
}

/**
 * The live figures of one park, fed reading by reading. Pure: no clock, no I/O; the caller
 * says when a snapshot is taken.
 *
 * Method (DESIGN.md, "Carbon accounting"):
 * - energy from counter differences, each attributed to the park's calendar day of the later reading;
 * - electricity consumed = grid import + on-site generation − export;
 * - Scope 2, location-based = gross grid import × grid factor; exports never subtracted;
 * - Scope 1 = natural gas m³ × 2.162 kg/m³;
 * - intensity of electricity consumed = Scope 2 ÷ electricity consumed (PV counts with 0);
 * - a building's emissions = its consumption × the park's intensity today + its own fuel.
 *
 * Conventions: a `grid_import` meter's `power_kw` is signed (negative while exporting); a `pv`
 * meter counts what it generated in `energy_export_kwh`; a sub-meter counts `energy_import_kwh`.
 */
export class LiveParkState {
  private readonly meters = new Map<string, MeterState>();
  private readonly topologyOf: ReadonlyMap<string, MeterTopology>;

  constructor(readonly topology: ParkTopology) {
    this.topologyOf = new Map(topology.meters.map((meter) => [meter.id, meter]));
  }

  /** Takes one accepted reading; false when it changed nothing (unknown meter, stale, duplicate). */
  apply(reading: AcceptedReading): boolean {
    const meter = this.topologyOf.get(reading.meter);
    if (meter === undefined) return false;
    const state = this.stateOf(reading.meter);
    const day = localDay(reading.ts, this.topology.park.timezone);
    let changed = false;

    for (const [quantity, value] of Object.entries(reading.values) as [Quantity, number][]) {
      if (quantity === 'power_kw') {
        if (reading.ts >= state.powerTs) {
          changed ||= state.powerKw !== value;
          state.powerKw = value;
          state.powerTs = reading.ts;
        }
        continue;
      }
      const sample = { ts: reading.ts, value };
      const previous = state.counters.get(quantity);
      if (previous === undefined) {
        state.counters.set(quantity, sample);
        changed = true;
        continue;
      }
      const rated = quantity === 'energy_import_kwh' || quantity === 'energy_export_kwh' ? meter.ratedPowerKw : null;
      const delta = counterDelta(previous, sample, rated);
      if (delta.kind === 'stale') continue;
      state.counters.set(quantity, sample);
      changed = true;
      if (delta.kind === 'implausible') {
        state.implausibleReadings += 1;
        continue;
      }
      if (day > state.day) {
        state.day = day;
        state.today.clear();
      }
      if (day === state.day) state.today.set(quantity, (state.today.get(quantity) ?? 0) + delta.amount);
    }
    if (state.lastReadingAt === null || reading.ts > state.lastReadingAt) state.lastReadingAt = reading.ts;
    return changed;
  }

  snapshot(at: number): ParkSnapshot {
    const { park } = this.topology;
    const day = localDay(at, park.timezone);
    const factor = gridFactorFor(park.gridRegion, localYear(at, park.timezone));
    const sum = (role: string, pick: (state: MeterState) => number | null): number =>
      this.topology.meters.reduce((total, meter) => {
        const state = meter.role === role ? this.meters.get(meter.id) : undefined;
        return total + (state === undefined ? 0 : (pick(state) ?? 0));
      }, 0);
    const todayOf = (quantity: CounterQuantity) => (state: MeterState) => (state.day === day ? (state.today.get(quantity) ?? 0) : 0);

    const gridImportKw = sum('grid_import', (state) => state.powerKw);
    const generationKw = sum('pv', (state) => state.powerKw);
    const powerKw = gridImportKw + generationKw;
    const gridImportTodayKwh = sum('grid_import', todayOf('energy_import_kwh'));
    const gridExportTodayKwh = sum('grid_import', todayOf('energy_export_kwh'));
    const generationTodayKwh = sum('pv', todayOf('energy_export_kwh'));
    const energyTodayKwh = gridImportTodayKwh + generationTodayKwh - gridExportTodayKwh;
    // GHG Protocol Scope 2, location-based: gross grid import × grid average factor
    const scope2LocationTodayKg = gridImportTodayKwh * factor.kgCo2PerKwh;
    const scope1TodayKg = sum('gas', todayOf('gas_m3')) * FUEL_FACTORS.naturalGasKgPerM3;
    const intensityTodayGPerKwh = energyTodayKwh > 0 ? (scope2LocationTodayKg * 1000) / energyTodayKwh : null;
    const lastReadingAt = [...this.meters.values()].reduce<number | null>(
      (newest, state) => (state.lastReadingAt !== null && (newest === null || state.lastReadingAt > newest) ? state.lastReadingAt : newest),
      null,
    );

    return {
      parkId: park.id,
      name: park.name,
      timezone: park.timezone,
      at,
      day,
      powerKw,
      gridImportKw,
      generationKw,
      energyTodayKwh,
      gridImportTodayKwh,
      gridExportTodayKwh,
      generationTodayKwh,
      scope1TodayKg,
      scope2LocationTodayKg,
      emissionsTodayKg: scope1TodayKg + scope2LocationTodayKg,
      intensityNowGPerKwh: powerKw > 0 ? (Math.max(0, gridImportKw) * factor.kgCo2PerKwh * 1000) / powerKw : null,
      intensityTodayGPerKwh,
      renewableShareToday: energyTodayKwh > 0 ? clamp01((generationTodayKwh - gridExportTodayKwh) / energyTodayKwh) : null,
      factor: { ...factor, factorSetVersion: FACTOR_SET_VERSION },
      lastReadingAt,
      buildings: this.topology.buildings.map((building) => this.buildingSnapshot(building, at, day, intensityTodayGPerKwh)),
    };
  }

  private buildingSnapshot(
    building: { id: string; name: string },
    at: number,
    day: string,
    parkIntensityGPerKwh: number | null,
  ): BuildingSnapshot {
    let powerKw = 0;
    let energyTodayKwh = 0;
    let gasTodayM3 = 0;
    let lastReadingAt: number | null = null;
    for (const meter of this.topology.meters) {
      const state = meter.building === building.id ? this.meters.get(meter.id) : undefined;
      if (state === undefined) continue;
      if (meter.role === 'building_submeter') {
        powerKw += state.powerKw ?? 0;
        if (state.day === day) energyTodayKwh += state.today.get('energy_import_kwh') ?? 0;
      }
      if (meter.role === 'gas' && state.day === day) gasTodayM3 += state.today.get('gas_m3') ?? 0;
      if (state.lastReadingAt !== null && (lastReadingAt === null || state.lastReadingAt > lastReadingAt)) lastReadingAt = state.lastReadingAt;
    }
    return {
      parkId: this.topology.park.id,
      buildingId: building.id,
      name: building.name,
      at,
      powerKw,
      energyTodayKwh,
      emissionsTodayKg: (energyTodayKwh * (parkIntensityGPerKwh ?? 0)) / 1000 + gasTodayM3 * FUEL_FACTORS.naturalGasKgPerM3,
      lastReadingAt,
    };
  }

  private stateOf(meterId: string): MeterState {
    let state = this.meters.get(meterId);
    if (state === undefined) {
      state = { powerKw: null, powerTs: -Infinity, counters: new Map(), day: '', today: new Map(), lastReadingAt: null, implausibleReadings: 0 };
      this.meters.set(meterId, state);
    }
    return state;
  }
}

function clamp01(value: number): number {
  return Math.min(1, Math.max(0, value));
}
