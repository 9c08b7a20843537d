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
}

export interface MeterTopology {
  id: string;
  role: MeterRole;
  carrier: Carrier;
  /** Building the meter belongs to; null for park-level meters such as the grid connection. */
  building: string | null;
  /** Rated power in kW, the bound for plausible counter jumps; null when not given. */
  ratedPowerKw: number | null;
  gateway: string;
}
