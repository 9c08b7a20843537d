import type { AcceptedReading } from '@zeropark/contracts';

/** One stored reading: series `reading`, tags park, building, meter, role, carrier (DESIGN.md, "Storage"). */
export interface ReadingPoint extends AcceptedReading {
  park: string;
}

/** Readings of one park, as the ingest accepts and journals them. */
export interface ParkReadings {
  park: string;
  readings: readonly AcceptedReading[];
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

export interface ReadingQuery {
  park: string;
  meter?: string;
  /** Epoch ms, inclusive. */
  from: number;
  /** Epoch ms, exclusive. */
  to: number;
}

/**
 * The store port. Its key is measurement + tags + timestamp, so writing the same point again
 * overwrites it: delivery may be at least once, the stored result is exactly once. A write that
 * resolved is durable.
 */
export interface TimeseriesStore {
  writeReadings(batches: readonly ParkReadings[]): Promise<void>;
  /** Readings in time order, then meter order. */
  queryReadings(query: ReadingQuery): Promise<ReadingPoint[]>;
  close(): Promise<void>;
}
