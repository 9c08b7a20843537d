import type { ParkReadings, PreparedReadings } from '@zeropark/timeseries';

/** Readings prepared as a store would, but kept as they are, so a spec can read them back. */
export type KeptReadings = ParkReadings & PreparedReadings;

export function keepReadings(batch: ParkReadings): KeptReadings {
  return { ...batch, count: batch.readings.length };
}
