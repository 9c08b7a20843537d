import type { AcknowledgeResult, Alert, JoinAlertsResult } from './alerts.js';
import type { Carrier, MeterRole } from './meter-kinds.js';

/**
 * The WebSocket contract between `apps/carbon` and the dashboard: one map of events, so the
 * server emits and the client listens through the same types.
 */

/** A grid factor behind a figure, with its provenance. */
export interface GridFactorInUse {
  /** Grid region of the factor, e.g. `east-china` (`national` for the residual factor). */
  region: string;
  /** Year of the published or registry factor; null for an hourly profile or a live feed. */
  year: number | null;
  /** kg CO₂ per kWh of grid electricity. */
  kgCo2PerKwh: number;
  origin: 'table' | 'registry' | 'hourly-profile' | 'live-feed';
  source: string;
}

export interface FactorInUse {
  /** Location-based: the grid average of this minute. */
  grid: GridFactorInUse;
  /** Market-based: for grid electricity no contract covers. */
  residual: GridFactorInUse;
  /** Version of the factor set that made every figure of the snapshot. */
  factorSetVersion: string;
}

/**
 * What a park used and emitted over a period (today, this month, this year in the park's time
 * zone). Every figure comes from counter differences and the factors of each minute; the method
 * is docs/carbon-method.md.
 */
export interface PeriodFigures {
  /** Grid import + on-site generation − export − battery charge + battery discharge, kWh. */
  electricityConsumedKwh: number;
  gridImportKwh: number;
  gridExportKwh: number;
  generationKwh: number;
  batteryChargeKwh: number;
  batteryDischargeKwh: number;
  gasM3: number;
  dieselL: number;
  heatGj: number;
  /** Scope 1: gas and diesel burned on site; kg CO₂. */
  scope1Kg: number;
  /** Scope 2 location-based, electricity: gross grid import × grid factor; kg CO₂. */
  scope2LocationKg: number;
  /** Scope 2 market-based, electricity: contracts at their factor, the rest at the residual factor; kg CO₂. */
  scope2MarketKg: number;
  /** Scope 2, purchased heat; kg CO₂. */
  scope2HeatKg: number;
  /** Scope 1 + Scope 2 location-based; kg CO₂. */
  emissionsLocationKg: number;
  /** Scope 1 + Scope 2 market-based; kg CO₂. */
  emissionsMarketKg: number;
  /** Grid import covered by green-power contracts or certificates, kWh. */
  contractCoveredKwh: number;
  /** Location-based electricity emissions ÷ electricity consumed, g CO₂/kWh; null when none consumed. */
  intensityGPerKwh: number | null;
  /** On-site renewable electricity used on site ÷ electricity consumed, 0–1. */
  renewableShare: number | null;
  /** Non-fossil energy (on-site renewable used + contracted green power) ÷ all energy in tce, 0–1. */
  cleanEnergyShare: number | null;
  /** All energy used in tonnes of coal equivalent (GB/T 2589-2020). */
  energyTce: number;
  /** t CO₂ (location-based) per tce. */
  tCo2PerTce: number | null;
  /** Electricity consumed that no building sub-meter counted, kWh: shown, not hidden. */
  unmeteredKwh: number;
}

export interface BuildingPeriodFigures {
  electricityKwh: number;
  gasM3: number;
  dieselL: number;
  heatGj: number;
  /** Its electricity × the park's intensity of each minute + its own fuel + its heat; kg CO₂. */
  emissionsKg: number;
}

export interface BuildingSnapshot {
  parkId: string;
  buildingId: string;
  name: string;
  /** When this snapshot was made, epoch ms. */
  at: number;
  /** Electricity the building draws now, kW (sum of its sub-meters' latest power). */
  powerKw: number;
  today: BuildingPeriodFigures;
  /** Time of the newest reading behind these figures, epoch ms; null before the first. */
  lastReadingAt: number | null;
}

/** One meter of a building as the building view shows it: what it reads now and how fresh and sound that is. */
export interface MeterSnapshot {
  meterId: string;
  role: MeterRole;
  carrier: Carrier;
  /** The gateway that reads it. */
  gateway: string;
  /** Latest power, kW; null for meters without power or before the first. */
  powerKw: number | null;
  /** Time of its newest reading, epoch ms; null before the first since the service started. */
  lastReadingAt: number | null;
  /** Counter intervals refused as implausible since the service started. */
  implausibleIntervals: number;
}

/** A building with its meters: what its room gets, not part of the park's snapshot. */
export interface BuildingDetail extends BuildingSnapshot {
  meters: MeterSnapshot[];
}

/** How much of the data behind a snapshot is sound: counted, never hidden. */
export interface DataQuality {
  /** Meters with at least one reading since the service started, of all the park's meters. */
  metersReporting: number;
  meters: number;
  /** Counter intervals refused as above the meter's rated power × time: each jump is held until the counter's next reading. */
  implausibleIntervals: number;
  /** Held jumps the next reading showed to be glitches: dropped, the energy counted from the reading before them. */
  outlierReadings: number;
  /** Held jumps the next reading confirmed (a re-baselined or replaced meter): the time up to the jump is left unmetered. */
  counterJumps: number;
  /** Counter resets and rollovers counted (not as negative figures). */
  counterResets: number;
  counterRollovers: number;
  /** Readings older than one already applied, ignored (duplicates, out of order). */
  staleReadings: number;
  /**
   * Readings for minutes no longer held live (older than the live window): accounted on their own
   * into their day's totals and written as corrections of the `carbon` series (docs/carbon-method.md, §6).
   */
  lateReadings: number;
  /**
   * Minutes of late readings (a gateway's backlog) not yet in these totals: the service books
   * and accounts a backlog a slice at a time, so that it keeps pushing while it catches up.
   */
  backlogMinutes: number;
}

export interface ParkSnapshot {
  parkId: string;
  name: string;
  timezone: string;
  at: number;
  /** The park's calendar day "today" means, `YYYY-MM-DD` in its time zone. */
  day: string;
  power: {
    /** Electricity the park consumes now: grid (signed) + on-site generation − battery charging, kW. */
    consumptionKw: number;
    /** Grid power, kW: positive importing, negative exporting. */
    gridKw: number;
    generationKw: number;
    /** Battery power, kW: positive charging, negative discharging. */
    batteryKw: number;
  };
  /** g CO₂ per kWh of electricity consumed over the last five minutes; null when none consumed. */
  intensityLast5MinGPerKwh: number | null;
  today: PeriodFigures;
  month: PeriodFigures;
  year: PeriodFigures;
  /** This year's location-based emissions against the registry's budget; null when none is set. */
  budget: { yearlyTCo2: number; usedTCo2: number; usedShare: number } | null;
  factor: FactorInUse;
  lastReadingAt: number | null;
  quality: DataQuality;
  buildings: BuildingSnapshot[];
}

export interface ServerToClientEvents {
  'park:snapshot': (snapshot: ParkSnapshot) => void;
  'building:snapshot': (snapshot: BuildingDetail) => void;
  /** An alert of a park whose alerts the client joined, after each transition. */
  alert: (alert: Alert) => void;
  /** The server ends this connection, and says why, just before it closes it. */
  'session:end': (notice: SessionEnd) => void;
}

/**
 * Why the server ended a connection: its token expired (a client with a new token may connect
 * again), or it sent more events than its budget allows (docs/configuration.md,
 * CARBON_MAX_EVENTS_PER_S).
 */
export interface SessionEnd {
  reason: 'token-expired' | 'event-budget';
  message: string;
}

export type JoinParkResult = { ok: true; snapshot: ParkSnapshot } | { ok: false; reason: string };
export type JoinBuildingResult = { ok: true; snapshot: BuildingDetail } | { ok: false; reason: string };

/**
 * The handshake carries the access token in `auth.token` (Socket.IO `io(url, { auth: { token } })`);
 * a client joins only rooms of parks its token names.
 */
export interface ClientToServerEvents {
  'park:join': (parkId: string, reply: (result: JoinParkResult) => void) => void;
  'park:leave': (parkId: string) => void;
  'building:join': (parkId: string, buildingId: string, reply: (result: JoinBuildingResult) => void) => void;
  'building:leave': (parkId: string, buildingId: string) => void;
  /** The park's current alerts now, and each transition after (any role that may read the park). */
  'alerts:join': (parkId: string, reply: (result: JoinAlertsResult) => void) => void;
  'alerts:leave': (parkId: string) => void;
  /** Operator or admin only. */
  'alert:acknowledge': (parkId: string, alertId: string, reply: (result: AcknowledgeResult) => void) => void;
}

/** Socket.IO room of a park's subscribers. */
export function parkRoom(parkId: string): string {
  return `park:${parkId}`;
}

/** Socket.IO room of a building's subscribers. */
export function buildingRoom(parkId: string, buildingId: string): string {
  return `building:${parkId}/${buildingId}`;
}
