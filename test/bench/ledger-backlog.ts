import { ParkLedger } from '@zeropark/carbon';
import type { AcceptedReading } from '@zeropark/contracts';
import { syntheticPark } from './synthetic-park.js';

const MINUTE = 60_000;
const DAY = 86_400_000;

export interface BacklogCatchUp {
  /** Minutes of the backlog (of each of its two meters). */
  minutes: number;
  /** Calls until it was all accounted and made into points, as the carbon service makes them. */
  calls: number;
  /** The longest of those calls: how long the service's event loop was held at most. */
  longestCallMs: number;
  totalSeconds: number;
}

/**
 * A gateway back after `days` days, with a daily reading of the grid meter and of one sub-meter
 * for each day, in one batch: the ledger catches it up with at most `minutesPerCall` late minutes
 * a call (undefined: all at once), a catch-up and a take of the carbon points in turn, as the
 * service's turns make them.
 */
export function measureBacklog(days: number, minutesPerCall: number | undefined): BacklogCatchUp {
  const park = syntheticPark(2, 5);
  const [grid, submeter] = [park.meters[0], park.meters[1]];
  if (grid === undefined || submeter === undefined) throw new Error('the synthetic park has no meters');
  const ledger = new ParkLedger(park, { liveWindowMs: 30 * MINUTE, ...(minutesPerCall === undefined ? {} : { backlogMinutesPerCall: minutesPerCall }) });
  const now = Date.UTC(2026, 10, 28, 12, 0);
  ledger.snapshot(now);
  const first = now - days * DAY;
  const daily = (meter: typeof grid, day: number, kwh: number): AcceptedReading => ({ meter: meter.id, building: meter.building, role: meter.role, carrier: meter.carrier, ts: first + day * DAY, values: { energy_import_kwh: kwh } });
  const readings: AcceptedReading[] = [];
  for (let day = 0; day <= days; day += 1) readings.push(daily(grid, day, day * 10_000), daily(submeter, day, day * 100));
  let longest = 0;
  let calls = 0;
  const call = <T>(work: () => T): T => {
    const started = performance.now();
    const result = work();
    longest = Math.max(longest, performance.now() - started);
    calls += 1;
    return result;
  };
  const started = performance.now();
  call(() => {
    for (const reading of readings) ledger.apply(reading);
  });
  for (;;) {
    call(() => ledger.catchUp(now));
    call(() => ledger.takeCarbonPoints(now));
    const left = ledger.backlog();
    if (left.toAccount === 0 && left.toWrite === 0) break;
  }
  return { minutes: days * 1440, calls, longestCallMs: longest, totalSeconds: (performance.now() - started) / 1000 };
}
