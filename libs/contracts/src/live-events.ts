/**
 * The WebSocket contract between `apps/carbon` and the dashboard: one map of events, so the
 * server emits and the client listens through the same types.
 */

export interface FactorInUse {
  /** Grid region of the factor, e.g. `east-china`. */
  region: string;
  year: number;
  /** kg CO₂ per kWh of grid electricity. */
  kgCo2PerKwh: number;
  source: string;
  /** Version of the factor set that made every figure of the snapshot. */
  factorSetVersion: string;
}

export interface BuildingSnapshot {
  parkId: string;
  buildingId: string;
  name: string;
  /** When this snapshot was made, epoch ms. */
  at: number;
  /** Electricity the building draws now, kW (sum of its sub-meters' latest power). */
  powerKw: number;
  /** Electricity consumed since midnight in the park's time zone, kWh. */
  energyTodayKwh: number;
  /** Its consumption × the park's intensity today, plus its own fuel; kg CO₂. */
  emissionsTodayKg: number;
  /** Time of the newest reading behind these figures, epoch ms; null before the first. */
  lastReadingAt: number | null;
}

export interface ParkSnapshot {
  parkId: string;
  name: string;
  timezone: string;
  at: number;
  /** The park's calendar day these "today" figures belong to, `YYYY-MM-DD` in its time zone. */
  day: string;
  /** Electricity the park consumes now: grid import + on-site generation − export, kW. */
  powerKw: number;
  gridImportKw: number;
  generationKw: number;
  energyTodayKwh: number;
  gridImportTodayKwh: number;
  gridExportTodayKwh: number;
  generationTodayKwh: number;
  /** Scope 1: fuel burned on site × its factor; kg CO₂. */
  scope1TodayKg: number;
  /** Scope 2, location-based: gross grid import × grid factor; kg CO₂. */
  scope2LocationTodayKg: number;
  /** Scope 1 + Scope 2 (location-based); kg CO₂. */
  emissionsTodayKg: number;
  /** g CO₂ per kWh of electricity consumed, from the latest power figures; null when none is consumed. */
  intensityNowGPerKwh: number | null;
  /** g CO₂ per kWh of electricity consumed since midnight; null before any is consumed. */
  intensityTodayGPerKwh: number | null;
  /** Share of today's consumption covered by on-site renewable generation, 0–1; null before any. */
  renewableShareToday: number | null;
  factor: FactorInUse;
  lastReadingAt: number | null;
  buildings: BuildingSnapshot[];
}

export interface ServerToClientEvents {
  'park:snapshot': (snapshot: ParkSnapshot) => void;
}

export type JoinParkResult = { ok: true; snapshot: ParkSnapshot } | { ok: false; reason: string };

export interface ClientToServerEvents {
  'park:join': (parkId: string, reply: (result: JoinParkResult) => void) => void;
  'park:leave': (parkId: string) => void;
}

/** Socket.IO room of a park's subscribers. */
export function parkRoom(parkId: string): string {
  return `park:${parkId}`;
}
