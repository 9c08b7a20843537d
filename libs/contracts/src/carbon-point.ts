/**
 * The `carbon` series (docs/architecture.md, "Storage"), as the carbon service writes it and the store
 * keeps it: one point a minute for a park (building null) and for each of its buildings.
 */
export interface CarbonPoint {
  park: string;
  /** null: the park's own point. */
  building: string | null;
  /** Start of the minute, epoch ms. */
  ts: number;
  /** A numeric field per figure; the names are the accounting's (libs/carbon, carbon-series.ts). */
  fields: Record<string, number>;
  /** The factor set version that made the figures. */
  factorVersion: string;
  /**
   * Absent for a minute's own point. Set for a correction: what readings that came after the
   * minute was written added to it, kept beside the point (tag `correction`) so neither
   * overwrites the other; sums add both.
   */
  correction?: string;
}

/** The sums of some fields of the series over one bucket of time; a field no point held is absent. */
export interface CarbonSum {
  /** Start of the bucket, epoch ms. */
  ts: number;
  sums: Record<string, number>;
}
