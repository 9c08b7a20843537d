import type { AcceptedReading, AlertRecord, CarbonPoint, CarbonSum } from '@zeropark/contracts';

export type { CarbonPoint, CarbonSum } from '@zeropark/contracts';

/** One stored reading: series `reading`, tags park, building, meter, role, carrier (docs/architecture.md, "Storage"). */
export interface ReadingPoint extends AcceptedReading {
  park: string;
}

/** Readings of one park, as the ingest accepts and journals them. */
export interface ParkReadings {
  park: string;
  readings: readonly AcceptedReading[];
  /**
   * `readings` as JSON text, when the caller made it already (the ingest does, with
   * `AcceptedReadingsJson`, for its journal and the bus): a store whose write form is that text
   * takes it rather than making it again.
   */
  readingsJson?: string;
}

/** Groups points by park, keeping their order: for callers that hold points. */
export function byPark(points: readonly ReadingPoint[]): ParkReadings[] {
  const groups = new Map<string, AcceptedReading[]>();
  for (const { park, ...reading } of points) {
    let group = groups.get(park);
    if (group === undefined) groups.set(park, (group = []));
    group.push(reading);
  }
  return [...groups].map(([park, readings]) => ({ park, readings }));
}

/**
 * Readings of one park in a store's own write form, made by its `prepareReadings` when the ingest
 * accepts them and held until they are written. For InfluxDB it is line protocol text: a queue of
 * flat strings costs the garbage collector almost nothing, where the same readings kept as objects
 * had it walk every one (docs/benchmarks.md, "Reading the ingest figures").
 */
export interface PreparedReadings {
  readonly park: string;
  readonly count: number;
}

export interface ReadingQuery {
  park: string;
  meter?: string;
  /** Epoch ms, inclusive. */
  from: number;
  /** Epoch ms, exclusive. */
  to: number;
}

export interface CarbonSumQuery {
  park: string;
  /** null: the park's own points. */
  building: string | null;
  /** Epoch ms, inclusive. */
  from: number;
  /** Epoch ms, exclusive. */
  to: number;
  /** Width of each bucket, ms; buckets start at multiples of it since the epoch. */
  bucketMs: number;
  /** The numeric fields to sum. */
  fields: readonly string[];
}

/** A restatement: a park's carbon points of a range replaced, the replaced ones kept. */
export interface CarbonRestatement {
  park: string;
  /** Epoch ms, inclusive. */
  from: number;
  /** Epoch ms, exclusive. */
  to: number;
  /** The new points (the park's and its buildings'), all inside the range. */
  replacement: readonly CarbonPoint[];
  /** When the restatement was made, epoch ms: the tag the replaced points are kept under. */
  restatedAt: number;
}

/** A point a restatement replaced. */
export interface RestatedCarbonPoint extends CarbonPoint {
  restatedAt: number;
}

/**
 * The store port. Its key is measurement + tags + timestamp, so writing the same point again
 * overwrites it: delivery may be at least once, the stored result is exactly once. A write that
 * resolved is durable.
 */
export interface TimeseriesStore {
  writeReadings(batches: readonly ParkReadings[]): Promise<void>;
  /** The readings in this store's write form, for `writePreparedReadings`. */
  prepareReadings(batch: ParkReadings): PreparedReadings;
  /** Writes batches this store prepared, in order; like `writeReadings`, durable once resolved. */
  writePreparedReadings(batches: readonly PreparedReadings[]): Promise<void>;
  /** Readings in time order, then meter order. */
  queryReadings(query: ReadingQuery): Promise<ReadingPoint[]>;
  /** The newest reading of each of a park's meters in a half-open range (a meter without one is left out), in meter order. */
  latestReadings(query: Omit<ReadingQuery, 'meter'>): Promise<ReadingPoint[]>;
  writeCarbon(points: readonly CarbonPoint[]): Promise<void>;
  /** The carbon points of a park or building in a half-open range, in time order, corrections after their minute's point. */
  queryCarbon(query: Omit<CarbonSumQuery, 'bucketMs' | 'fields'>): Promise<CarbonPoint[]>;
  /** Sums of fields in time buckets, in time order; empty buckets are left out. */
  sumCarbon(query: CarbonSumQuery): Promise<CarbonSum[]>;
  /**
   * Replaces every carbon point of a park (its own, its buildings', corrections) in a range by
   * `replacement`, after copying the old ones to `carbon_history` under `restatedAt`: history is
   * restated, never lost.
   */
  restateCarbon(restatement: CarbonRestatement): Promise<{ archived: number; written: number }>;
  /** Points restatements replaced, for a park and range, in time order. */
  queryCarbonHistory(query: { park: string; from: number; to: number }): Promise<RestatedCarbonPoint[]>;
  /** Records of the `alert` series: transitions and mutes. Writing one again changes nothing. */
  writeAlerts(records: readonly AlertRecord[]): Promise<void>;
  /** A park's alert records from `from` (inclusive) to `to` (exclusive; now when absent), in time order. */
  queryAlerts(query: { park: string; from: number; to?: number }): Promise<AlertRecord[]>;
  /** The newest record of each alert and each mute of a park: what stood when the service stopped. */
  latestAlerts(park: string): Promise<AlertRecord[]>;
  close(): Promise<void>;
}
