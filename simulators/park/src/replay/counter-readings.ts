import type { Decimal } from 'decimal.js';
import { DateTime } from 'luxon';
import type { IntervalRow, WallClock } from './interval-file.js';

/** Where a file's rows land: the same wall-clock times, `shiftDays` later, in the park's time zone. */
export interface ReplayPlacement {
  timezone: string;
  shiftDays: number;
  /** The meter's import counter at the start of the first interval, kWh. */
  counterStartKwh: Decimal;
}

/** One reading of the meter's import counter, and the line of the file it comes from. */
export interface CounterReading {
  line: number;
  ts: number;
  energyImportKwh: number;
}

export type CounterReadingsResult = { ok: true; readings: CounterReading[] } | { ok: false; problems: string[] };

/**
 * The intervals as a meter reports them: its import counter at the start of the first interval,
 * then at the end of each, summed exactly (decimal), so the platform's differences give back each
 * row's energy. Where a row does not start at the end of the one before, a reading at its start
 * (the counter unchanged) keeps its energy inside its own interval.
 */
export function counterReadings(rows: readonly IntervalRow[], placement: ReplayPlacement): CounterReadingsResult {
  const problems: string[] = [];
  const readings: CounterReading[] = [];
  let counter = placement.counterStartKwh;
  let previousEnd: number | undefined;
  const place = (line: number, wall: WallClock): number | undefined => {
    const placed = placeWallClock(wall, placement);
    if (typeof placed === 'string') problems.push(`line ${line}: ${placed}`);
    return typeof placed === 'number' ? placed : undefined;
  };
  for (const row of rows) {
    const start = place(row.line, row.start);
    const end = place(row.line, row.end);
    if (start === undefined || end === undefined) continue;
    if (start !== previousEnd) readings.push({ line: row.line, ts: start, energyImportKwh: counter.toNumber() });
    counter = counter.plus(row.kwh);
    readings.push({ line: row.line, ts: end, energyImportKwh: counter.toNumber() });
    previousEnd = end;
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, readings };
}

/** The instant of a wall-clock time `shiftDays` later in the zone, or why there is none. */
function placeWallClock(wall: WallClock, placement: ReplayPlacement): number | string {
  const local = DateTime.fromObject(wall, { zone: 'utc' }).plus({ days: placement.shiftDays });
  const placed = DateTime.fromObject(
    { year: local.year, month: local.month, day: local.day, hour: local.hour, minute: local.minute, second: local.second },
    { zone: placement.timezone },
  );
  if (!placed.isValid) return `no time ${local.toFormat('yyyy-MM-dd HH:mm')} in ${placement.timezone} (${placed.invalidExplanation ?? placed.invalidReason ?? 'invalid'})`;
  // Luxon moves a time the clocks skip (spring forward) past the gap: say so rather than move it
  if (placed.hour !== local.hour || placed.minute !== local.minute) {
    return `${local.toFormat('yyyy-MM-dd HH:mm')} does not exist in ${placement.timezone} (its clocks skip it): replay on other days (--first-day)`;
  }
  return placed.toMillis();
}

/** The days between the file's first day and the day it is to be replayed on. */
export function shiftDaysOnto(firstWallDay: WallClock, replayDay: string): number {
  const from = DateTime.fromObject({ year: firstWallDay.year, month: firstWallDay.month, day: firstWallDay.day }, { zone: 'utc' });
  const to = DateTime.fromISO(replayDay, { zone: 'utc' });
  return Math.round(to.diff(from, 'days').days);
}
