import type { AcceptedReading } from '@zeropark/contracts';

/** One stored reading: series `reading`, tags park, building, meter, role, carrier (DESIGN.md, "Storage"). */
export interface ReadingPoint extends AcceptedReading {
  park: string;
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
  writeReadings(points: readonly ReadingPoint[]): Promise<void>;
  /** Readings in time order, then meter order. */
  queryReadings(query: ReadingQuery): Promise<ReadingPoint[]>;
  close(): Promise<void>;
}
