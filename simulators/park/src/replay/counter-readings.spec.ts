import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { counterReadings, shiftDaysOnto } from './counter-readings.js';
import { readIntervalFile, type IntervalRow } from './interval-file.js';

function rowsOf(...lines: string[]): IntervalRow[] {
  const read = readIntervalFile(['DateTime,kWh', ...lines].join('\n'), { timeFormat: 'yyyy-MM-dd HH:mm', stamp: 'end' });
  if (!read.ok) throw new Error(read.problems.join('\n'));
  return read.file.rows;
}

const SHANGHAI = { timezone: 'Asia/Shanghai', shiftDays: 0, counterStartKwh: new Decimal(0) };

describe(counterReadings.name, () => {
  it('should give the counter at the start of the first hour, then at the end of each, summed exactly', () => {
    const placed = counterReadings(rowsOf('2026-11-25 01:00,0.1', '2026-11-25 02:00,0.2', '2026-11-25 03:00,0.3'), { ...SHANGHAI, counterStartKwh: new Decimal('1000') });
    // 00:00 Shanghai = 16:00 UTC the day before; 1000 + 0.1 + 0.2 = 1000.3 exactly, not 1000.3000000000001
    expect(placed).toEqual({
      ok: true,
      readings: [
        { line: 2, ts: Date.UTC(2026, 10, 24, 16), energyImportKwh: 1000 },
        { line: 2, ts: Date.UTC(2026, 10, 24, 17), energyImportKwh: 1000.1 },
        { line: 3, ts: Date.UTC(2026, 10, 24, 18), energyImportKwh: 1000.3 },
        { line: 4, ts: Date.UTC(2026, 10, 24, 19), energyImportKwh: 1000.6 },
      ],
    });
  });

  it('should keep the times of day on the days it is moved to', () => {
    const rows = rowsOf('2011-11-25 01:00,0.39', '2011-11-25 02:00,0.33');
    const shiftDays = shiftDaysOnto(rows[0]!.start, '2026-11-01');
    expect(shiftDays).toBe(5455);
    const placed = counterReadings(rows, { ...SHANGHAI, shiftDays });
    // 2026-11-01 01:00 in Shanghai (UTC+8) = 2026-10-31 17:00 UTC
    expect(placed.ok && placed.readings[1]?.ts).toBe(Date.UTC(2026, 9, 31, 17));
  });

  it('should keep the energy of a row after a missing hour inside its own hour', () => {
    const placed = counterReadings(rowsOf('2012-03-11 01:00,0.5', '2012-03-11 03:00,0.7', '2012-03-11 04:00,0.1'), SHANGHAI);
    // hourly rows; 01:00–02:00 has none: the counter stays at 0.5 until 02:00, then rises by 0.7 to 03:00
    expect(placed.ok && placed.readings.map((reading) => [new Date(reading.ts).getUTCHours(), reading.energyImportKwh])).toEqual([
      [16, 0],
      [17, 0.5],
      [18, 0.5],
      [19, 1.2],
      [20, 1.3],
    ]);
  });

  it('should name the line of a time the zone skips, rather than move it', () => {
    // New York's clocks go from 02:00 to 03:00 on 14 Mar 2027
    const placed = counterReadings(rowsOf('2027-03-14 01:00,0.5', '2027-03-14 02:00,0.5', '2027-03-14 03:00,0.5'), { ...SHANGHAI, timezone: 'America/New_York' });
    expect(placed).toEqual({
      ok: false,
      problems: [
        'line 3: 2027-03-14 02:00 does not exist in America/New_York (its clocks skip it): replay on other days (--first-day)',
        'line 4: 2027-03-14 02:00 does not exist in America/New_York (its clocks skip it): replay on other days (--first-day)',
      ],
    });
  });

  it('should read times that start their interval as such', () => {
    const read = readIntervalFile('DateTime,kWh\n2026-11-25 00:00,0.1\n2026-11-25 01:00,0.2', { timeFormat: 'yyyy-MM-dd HH:mm', stamp: 'start' });
    const placed = read.ok ? counterReadings(read.file.rows, SHANGHAI) : undefined;
    expect(placed?.ok && placed.readings.map((reading) => reading.ts)).toEqual([Date.UTC(2026, 10, 24, 16), Date.UTC(2026, 10, 24, 17), Date.UTC(2026, 10, 24, 18)]);
  });
});
