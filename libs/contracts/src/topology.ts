import type { Carrier, MeterRole } from './meter-kinds.js';

/**
 * A park as the accounting sees it: what the registry yields once loaded and checked.
 * Secrets stay in the registry; this holds only what every part may know.
 */
export interface ParkTopology {
  park: {
    id: string;
    name: string;
    /** IANA zone that decides "today", e.g. `Asia/Shanghai`. */
    timezone: string;
    /** Grid region whose emission factor applies, e.g. `east-china`. */
    gridRegion: string;
  };
  buildings: { id: string; name: string }[];
  meters: MeterTopology[];
  accounting: ParkAccounting;
}

export interface MeterTopology {
  id: string;
  role: MeterRole;
  carrier: Carrier;
  /** Building the meter belongs to; null for park-level meters such as the grid connection. */
  building: string | null;
  /** Rated power in kW, the bound for plausible counter jumps; null when not given. */
  ratedPowerKw: number | null;
  /** What the meter's counters do when they go backwards. */
  counter: CounterBehaviour;
  gateway: string;
  /**
   * How often the meter is expected to report, ms: its registry `every`, else the park's
   * `meterEvery`, else {@link DEFAULT_METER_EVERY_MS}. Its power stops counting as "now" after
   * {@link POWER_STALE_AFTER_INTERVALS} of these without a power reading (docs/carbon-method.md,
   * §1 "Power now"). The registry always sets it; absent (a topology written by hand), the default.
   */
  everyMs?: number;
}

/** A meter's expected interval between readings when neither it nor its park names one: a minute. */
export const DEFAULT_METER_EVERY_MS = 60_000;

/**
 * A meter's power is live while its newest power reading is less than this many of its expected
 * intervals old; from then on it is stale and no longer summed into "now" (docs/carbon-method.md,
 * §1 "Power now"). Three, as the meter-silent alert rule counts by default (docs/alerts.md).
 */
export const POWER_STALE_AFTER_INTERVALS = 3;

/** The meter's expected interval between readings, ms. */
export function meterEveryMs(meter: Pick<MeterTopology, 'everyMs'>): number {
  return meter.everyMs ?? DEFAULT_METER_EVERY_MS;
}

/**
 * A counter that goes backwards was reset (it starts again from zero) or rolled over (it passed
 * its largest value and wrapped to zero); the registry says which (docs/carbon-method.md).
 */
export type CounterBehaviour =
  | { onDecrease: 'reset' }
  /**
   * `modulus`: the first value the register cannot show, where it wraps to zero. A five-digit
   * register with two decimals shows at most 99 999.99 and has the modulus 100 000.
   */
  | { onDecrease: 'rollover'; modulus: number };

/** A value the registry sets in place of a default, with the source that justifies it. */
export interface SourcedValue {
  value: number;
  source: string;
}

/** The registry's part in the accounting: its overrides of the default factors, its contracts, its budget. */
export interface ParkAccounting {
  /** Label of the registry's factor overrides, part of every figure's factor set version; null when none. */
  factorsVersion: string | null;
  /** Grid average factors for the park's region, by calendar year, in place of the published table. */
  gridFactors: { year: number; kgCo2PerKwh: number; source: string }[];
  /** Grid factors for hours of the day (0–23, the park's time), e.g. from the grid operator; they win over the yearly factor. */
  hourlyGridFactors: { hour: number; kgCo2PerKwh: number; source: string }[];
  naturalGasKgCo2PerM3: SourcedValue | null;
  dieselKgCo2PerKg: SourcedValue | null;
  dieselDensityKgPerL: SourcedValue | null;
  heatKgCo2PerGj: SourcedValue | null;
  /** Contractual instruments for market-based Scope 2 (GHG Protocol Scope 2 Guidance, ch. 6). */
  contracts: EnergyContract[];
  /** Emissions budget of a calendar year, t CO₂ (location-based Scope 1 + 2); null when none is set. */
  yearlyBudgetTCo2: number | null;
}

/**
 * A green-power purchase or a batch of certificates (e.g. China GEC): a volume of electricity,
 * valid for consumption between two dates of the park's calendar, at its own emission factor.
 */
export interface EnergyContract {
  id: string;
  kind: 'green-power' | 'certificate';
  kwh: number;
  /** First and last day covered, `YYYY-MM-DD` in the park's time zone, both included. */
  from: string;
  to: string;
  kgCo2PerKwh: number;
  reference: string;
}

/** No overrides, no contracts, no budget: the published defaults only. */
export const DEFAULT_PARK_ACCOUNTING: ParkAccounting = {
  factorsVersion: null,
  gridFactors: [],
  hourlyGridFactors: [],
  naturalGasKgCo2PerM3: null,
  dieselKgCo2PerKg: null,
  dieselDensityKgPerL: null,
  heatKgCo2PerGj: null,
  contracts: [],
  yearlyBudgetTCo2: null,
};
