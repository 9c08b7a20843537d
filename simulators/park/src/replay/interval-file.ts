import { parse } from 'csv-parse/sync';
import { Decimal } from 'decimal.js';
import { DateTime } from 'luxon';

/** How to read a meter's interval file: which columns, how its times are written, what they stamp. */
export interface IntervalFileFormat {
  /** Header of the time column; by default the first column. */
  timeColumn?: string;
  /** Header of the energy column; by default the first whose header says kWh. */
  energyColumn?: string;
  /** How the times are written, as a Luxon format (`MM/dd/yyyy HH:mm:ss`, `yyyy-MM-dd HH:mm`). */
  timeFormat: string;
  /** Whether a row's time is the end of its interval (utilities' usual "hour ending") or its start. */
  stamp: 'end' | 'start';
}

/** A time as the file writes it, with no time zone: the zone is the park's, chosen at replay. */
export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

export interface IntervalRow {
  /** Line of the file, counting the header as line 1. */
  line: number;
  /** Start and end of the interval on the wall clock. */
  start: WallClock;
  end: WallClock;
  /** Energy of the interval, exactly as written. */
  kwh: Decimal;
}

export interface IntervalFile {
  rows: IntervalRow[];
  intervalMinutes: number;
  /** What was read in a way a person should know of: each with its lines. */
  notes: string[];
}

export type IntervalFileResult = { ok: true; file: IntervalFile } | { ok: false; problems: string[] };

const AMOUNT = /^\d+(\.\d+)?$/;
const MINUTE_MS = 60_000;

/**
 * Reads a meter's interval file: one row per interval with its time and its energy in kWh, such
 * as a utility's hourly export. Every bad row is named with its line and the reason; a file with
 * any is refused whole, so nothing half-read is replayed.
 *
 * Rows stamped at the end of their interval may write midnight with the day it closes
 * (`11/25/2011 00:00:00` after `11/25/2011 23:00:00`): that row is read as 24:00 of that day,
 * which is the next day's 00:00, and a note says how many rows were.
 */
export function readIntervalFile(text: string, format: IntervalFileFormat): IntervalFileResult {
  let records: { record: Record<string, string>; info: { lines: number } }[];
  let headers: string[];
  try {
    headers = (parse(text, { to_line: 1, bom: true, trim: true }) as string[][])[0] ?? [];
    records = parse(text, { columns: true, bom: true, trim: true, skip_empty_lines: true, info: true }) as typeof records;
  } catch (error) {
    return { ok: false, problems: [`the file is not CSV as expected: ${(error as Error).message}`] };
  }
  const timeColumn = format.timeColumn ?? headers[0];
  const energyColumn = format.energyColumn ?? headers.find((header) => /kwh/i.test(header));
  const columnProblems = [
    ...(timeColumn === undefined || !headers.includes(timeColumn) ? [`line 1: no time column "${timeColumn ?? ''}" among ${JSON.stringify(headers)}`] : []),
    ...(energyColumn === undefined || !headers.includes(energyColumn)
      ? [
          energyColumn === undefined
            ? `line 1: no column's header says kWh among ${JSON.stringify(headers)}: name the energy column with --kwh-column`
            : `line 1: no energy column "${energyColumn}" among ${JSON.stringify(headers)}`,
        ]
      : []),
  ];
  if (columnProblems.length > 0 || timeColumn === undefined || energyColumn === undefined) return { ok: false, problems: columnProblems };
  if (records.length === 0) return { ok: false, problems: ['the file has no rows under its header'] };

  const problems: string[] = [];
  const stamped: { line: number; at: DateTime; kwh: Decimal }[] = [];
  const midnights: number[] = [];
  for (const { record, info } of records) {
    const line = info.lines;
    const timeText = record[timeColumn] ?? '';
    const energyText = record[energyColumn] ?? '';
    let at = DateTime.fromFormat(timeText, format.timeFormat, { zone: 'utc' });
    if (!at.isValid) {
      problems.push(`line ${line}: "${timeText}" is not a time written ${format.timeFormat} (${at.invalidExplanation ?? at.invalidReason ?? 'unreadable'})`);
      continue;
    }
    if (!AMOUNT.test(energyText)) {
      problems.push(`line ${line}: "${energyText}" is not an amount of kWh (digits, a decimal point, nothing negative)`);
      continue;
    }
    const previous = stamped.at(-1);
    if (format.stamp === 'end' && previous !== undefined && isMidnightOfClosingDay(at, previous.at)) {
      at = at.plus({ days: 1 });
      midnights.push(line);
    }
    if (previous !== undefined && at <= previous.at) {
      problems.push(`line ${line}: ${timeText} is not after line ${previous.line} (${previous.at.toFormat(format.timeFormat)}): rows must go forward in time`);
      continue;
    }
    stamped.push({ line, at, kwh: new Decimal(energyText) });
  }
  if (problems.length > 0) return { ok: false, problems };

  const intervalMinutes = usualStepMinutes(stamped.map((row) => row.at));
  if (intervalMinutes === undefined) return { ok: false, problems: ['the file has one row: the length of its interval cannot be told'] };
  const interval = { minutes: intervalMinutes };
  const rows: IntervalRow[] = stamped.map(({ line, at, kwh }) => {
    const [start, end] = format.stamp === 'end' ? [at.minus(interval), at] : [at, at.plus(interval)];
    return { line, start: wallClock(start), end: wallClock(end), kwh };
  });
  return { ok: true, file: { rows, intervalMinutes, notes: notesOf(stamped, midnights, intervalMinutes, format) } };
}

/** `00:00:00` of the same day as the row before it, which is later that day: 24:00 written with its day. */
function isMidnightOfClosingDay(at: DateTime, previous: DateTime): boolean {
  return at.hour === 0 && at.minute === 0 && at.second === 0 && at.hasSame(previous, 'day') && previous > at;
}

/** The most frequent step between rows, in minutes; of two as frequent, the shorter (the other is more likely a gap). */
function usualStepMinutes(times: readonly DateTime[]): number | undefined {
  const counts = new Map<number, number>();
  for (let index = 1; index < times.length; index += 1) {
    const step = ((times[index]?.toMillis() ?? 0) - (times[index - 1]?.toMillis() ?? 0)) / MINUTE_MS;
    counts.set(step, (counts.get(step) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0];
}

function notesOf(stamped: readonly { line: number; at: DateTime }[], midnights: readonly number[], intervalMinutes: number, format: IntervalFileFormat): string[] {
  const notes: string[] = [];
  if (midnights.length > 0) {
    const rows = midnights.length === 1 ? '1 row stamped 00:00:00 with the day it closes was' : `${midnights.length} rows stamped 00:00:00 with the day they close were`;
    notes.push(`${rows} read as 24:00 of that day (line${midnights.length === 1 ? '' : 's'} ${listed(midnights)})`);
  }
  const gaps: string[] = [];
  for (let index = 1; index < stamped.length; index += 1) {
    const [before, after] = [stamped[index - 1], stamped[index]];
    if (before === undefined || after === undefined) continue;
    const minutes = (after.at.toMillis() - before.at.toMillis()) / MINUTE_MS;
    if (minutes !== intervalMinutes) gaps.push(`lines ${before.line}–${after.line}, ${before.at.toFormat(format.timeFormat)} → ${after.at.toFormat(format.timeFormat)}`);
  }
  if (gaps.length > 0) {
    notes.push(
      `${gaps.length === 1 ? '1 step differs' : `${gaps.length} steps differ`} from the usual ${intervalMinutes} min (${listed(gaps)}); each row's energy still goes to its own interval, ` +
        'and a missing interval gets none (a clock change in the zone the file was written in shows like this)',
    );
  }
  return notes;
}

function listed(items: readonly (string | number)[]): string {
  return items.length <= 5 ? items.join(', ') : `${items.slice(0, 5).join(', ')} and ${items.length - 5} more`;
}

function wallClock(at: DateTime): WallClock {
  return { year: at.year, month: at.month, day: at.day, hour: at.hour, minute: at.minute, second: at.second };
}
