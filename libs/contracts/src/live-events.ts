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

/**
 * How current a power figure "now" is, judged from the meters behind it (docs/carbon-method.md,
 * §1 "Power now"). A meter's power is live while its newest power reading is less than
 * `POWER_STALE_AFTER_INTERVALS` (3) of its expected intervals old (`everyMs`, from the registry);
 * only live meters are summed.
 * - `live`: every meter behind the figure is live; the figure is what they read now.
 * - `partial`: some are live, the others stale or never heard: the figure sums the live ones only
 *   (for a building, a lower bound; for the park's consumption, grid + generation − battery of the
 *   live ones, not a bound, since grid power can be negative). Show it as incomplete.
 * - `stale`: none is live and at least one was heard: the figure is 0; what they last read is in
 *   `staleMeters`/`staleKw`, as of `asOf`. Show it greyed with its age, never as "now".
 * - `none`: no meter behind it has reported power since the service started (or it has none):
 *   the figure is 0 and means "unknown".
 */
export type PowerState = 'live' | 'partial' | 'stale' | 'none';

/** A meter whose power is not summed into "now": stale, or never heard since the service started. */
export interface StalePowerMeter {
  meterId: string;
  /** Time of its newest power reading, epoch ms; null: none since the service started. */
  lastReadingAt: number | null;
  /** The power of that reading, kW (not in any sum); null when none. */
  lastPowerKw: number | null;
  /** When it went stale, epoch ms: `lastReadingAt` + 3 × `everyMs`; null when never heard. */
  staleSince: number | null;
  /** Its expected interval between readings, ms (registry `every`, else the park's `meterEvery`). */
  everyMs: number;
}

/** At most this many stale meters are named in a `PowerFreshness`; the snapshot goes to every dashboard every second. */
export const STALE_METERS_LISTED = 5;

/** Whether a power figure of a snapshot is live, and what is left out of it (docs/carbon-method.md, §1 "Power now"). */
export interface PowerFreshness {
  state: PowerState;
  /**
   * Since when the figure has not been wholly live, epoch ms: the earliest `staleSince` of its
   * stale meters; null when `live`, or when its missing meters were never heard (`none`, or
   * `partial` only because of a meter never heard).
   */
  since: number | null;
  /**
   * Time of the newest power reading of any meter behind the figure, epoch ms: for a `stale`
   * figure, the instant its last known power is "as of" (show `at − asOf` as its age); null when none.
   */
  asOf: number | null;
  /**
   * Meters left out of the figure (stale or never heard), each with what it last read: at most
   * {@link STALE_METERS_LISTED}, the most recently heard first, so that a snapshot stays small
   * when a building of hundreds of meters goes quiet; `staleCount` says how many there are in
   * all. Empty when `live`.
   */
  staleMeters: StalePowerMeter[];
  /** How many meters are left out of the figure, listed or not. */
  staleCount: number;
  /** Sum of the last power of every meter left out (not only those listed), kW: what they read when last heard, not part of the figure. */
  staleKw: number;
}

export interface BuildingSnapshot {
  parkId: string;
  buildingId: string;
  name: string;
  /** When this snapshot was made, epoch ms. */
  at: number;
  /**
   * Electricity the building draws now, kW: the sum of its **live** sub-meters' latest power.
   * A stale sub-meter is left out (see `powerFreshness`): 0 when none is live.
   */
  powerKw: number;
  /** Whether `powerKw` is live, partial, stale (and since when) or unknown, with the sub-meters left out of it. */
  powerFreshness: PowerFreshness;
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
  /**
   * Its expected interval between readings, ms (registry `every`, else the park's `meterEvery`).
   * Always sent by the service; optional in the type only for clients' older fixtures.
   */
  everyMs?: number;
  /**
   * For a meter with power: `live` while its newest power reading is under 3 × `everyMs` old,
   * `stale` after (its `powerKw` is then its last power, not summed into the building's),
   * `none` before its first power reading; null for a meter that reports no power (gas, heat).
   * Always sent by the service; optional in the type only for clients' older fixtures.
   */
  powerState?: 'live' | 'stale' | 'none' | null;
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
   * Minutes of late readings (a gateway's backlog) not yet written to the `carbon` series: the
   * service books, accounts and writes a backlog a slice at a time, so that it keeps pushing
   * while it catches up. It reaches 0 only once the store has confirmed the backlog's last
   * minutes, so History, CSV and Report read them from then on.
   */
  backlogMinutes: number;
  /**
   * The park's `carbon` series (what History, CSV and Report read) holds every minute before this
   * instant as accounted from the readings received, epoch ms: the end of the last whole minute
   * written, held back to the first minute of a backlog or a late reading not yet written. The live
   * figures also hold the minutes after it (the current one, and what the next write brings,
   * `CARBON_SERIES_INTERVAL_MS`). Null before the service knows (never, once started).
   */
  seriesCompleteThrough: number | null;
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
  /**
   * Whether `power` is live: judged on the park's own meters (grid connection, on-site generation,
   * battery), each summed into `power` only while live. Grid meter stale ⇒ `state` is `stale`
   * (or `partial` beside a live PV meter) and `since`/`asOf` say as of when.
   */
  powerFreshness: PowerFreshness;
  /**
   * Electricity consumed now that the buildings' live sub-meters do not account for: losses,
   * loads no sub-meter sees, and the buildings whose power is not live now (their draw is inside
   * it, not beside it). Dashboards show this rather than work it out (docs/carbon-method.md, §1 "Power now").
   */
  unmetered: {
    /**
     * `power.consumptionKw` − Σ `powerKw` of the buildings, kW; negative when sub-meters read more
     * than the park. Null while the park's consumption is not `live` (a stale grid meter): then
     * there is no "now" to take the buildings from.
     */
    kw: number | null;
    /**
     * Ids of the buildings with sub-meters whose power is not wholly live (`partial`, `stale`,
     * `none`): missing from the buildings' sum, so inside `kw`. Empty when every building is live.
     */
    buildingsMissing: string[];
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
