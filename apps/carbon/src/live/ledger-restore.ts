import { localDay, MINUTE_MS, minuteOf, type ParkLedger } from '@zeropark/carbon';
import type { TimeseriesStore } from '@zeropark/timeseries';

const DAY_MS = 86_400_000;
/** Buckets that never straddle a local day: every time zone's offset is a multiple of 15 minutes. */
const BUCKET_MS = 15 * MINUTE_MS;

/**
 * Rebuilds a park's ledger from the store after a restart: the `carbon` series up to the start of
 * the live window (this year and last, for the month and year totals), each meter's last reading
 * before it (within `replayHours`), and the readings since, replayed. Returns what it read, for the log.
 */
export async function restoreLedger(
  ledger: ParkLedger,
  store: TimeseriesStore,
  now: number,
  options: { liveWindowMs: number; replayHours: number },
): Promise<{ buckets: number; readings: number; cutoff: number }> {
  const park = ledger.topology.park.id;
  const cutoff = minuteOf(now - options.liveWindowMs);
  const fields = ledger.restoreFields();
  // from the first day of last year in the park's calendar (a day early, to be safe at the edge)
  const lastYear = Number(localDay(now, ledger.topology.park.timezone).slice(0, 4)) - 1;
  const from = Date.UTC(lastYear, 0, 1) - DAY_MS;
  const parkSums = await store.sumCarbon({ park, building: null, from, to: cutoff, bucketMs: BUCKET_MS, fields: fields.park });
  const buildingSums = new Map(
    await Promise.all(
      ledger.topology.buildings.map(
        async (building) => [building.id, await store.sumCarbon({ park, building: building.id, from: now - 3 * DAY_MS, to: cutoff, bucketMs: BUCKET_MS, fields: fields.building })] as const,
      ),
    ),
  );
  // each meter's last reading before the cut gives its counters back; the readings after it are accounted again
  const baselines = await store.latestReadings({ park, from: cutoff - options.replayHours * 3_600_000, to: cutoff });
  const after = await store.queryReadings({ park, from: cutoff, to: now + DAY_MS });
  const readings = [...baselines, ...after].sort((a, b) => a.ts - b.ts);
  ledger.restore({ cutoff, parkSums, buildingSums, readings });
  return { buckets: parkSums.length, readings: readings.length, cutoff };
}
