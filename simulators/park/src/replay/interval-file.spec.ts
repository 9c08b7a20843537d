import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readIntervalFile, type IntervalFileFormat } from './interval-file.js';

const HOUR_ENDING: IntervalFileFormat = { timeFormat: 'MM/dd/yyyy HH:mm:ss', stamp: 'end' };
const OPENMV = readFileSync(new URL('../../data/openmv-electricity-usage.csv', import.meta.url), 'utf8');

function csv(...rows: string[]): string {
  return ['DateTime,Consumption kWh', ...rows].join('\r\n');
}

describe(readIntervalFile.name, () => {
  it('should read a midnight stamped with the day it closes as 24:00 of that day, and say so', () => {
    const read = readIntervalFile(csv('11/25/2011 22:00:00,0.40', '11/25/2011 23:00:00,0.50', '11/25/2011 00:00:00,0.30', '11/26/2011 01:00:00,0.20'), HOUR_ENDING);
    expect(read.ok && read.file.rows.map((row) => [row.line, row.start.day, row.start.hour, row.end.day, row.end.hour])).toEqual([
      [2, 25, 21, 25, 22],
      [3, 25, 22, 25, 23],
      [4, 25, 23, 26, 0],
      [5, 26, 0, 26, 1],
    ]);
    expect(read.ok && read.file.notes).toEqual(['1 row stamped 00:00:00 with the day it closes was read as 24:00 of that day (line 4)']);
  });

  it("should read the openmv file: 2712 hours, 1209.42 kWh, each date's 24 rows on that date", () => {
    const read = readIntervalFile(OPENMV, HOUR_ENDING);
    if (!read.ok) throw new Error(read.problems.join('\n'));
    const { rows, intervalMinutes, notes } = read.file;
    expect(rows).toHaveLength(2712);
    expect(intervalMinutes).toBe(60);
    expect(rows.reduce((sum, row) => sum + Number(row.kwh.times(100)), 0)).toBe(120_942);
    // 11/25/2011 as stamped: 8.53 kWh in the hours that start on 25 Nov
    const day = (d: number) => rows.filter((row) => row.start.month === 11 && row.start.day === d).reduce((sum, row) => sum + Number(row.kwh.times(100)), 0) / 100;
    expect([day(25), day(26), day(27)]).toEqual([8.53, 9.68, 13.41]);
    expect(notes[0]).toMatch(/^113 rows stamped 00:00:00 with the day they close were read as 24:00/);
    // the clock change of 11 Mar 2012: 01:00 is followed by 03:00
    expect(notes[1]).toMatch(/^1 step differs from the usual 60 min \(lines \d+–\d+, 03\/11\/2012 01:00:00 → 03\/11\/2012 03:00:00\)/);
  });

  it('should name the line of a time not written as told', () => {
    expect(readIntervalFile(csv('11/25/2011 01:00:00,0.39', '2011-11-25 02:00,0.33'), HOUR_ENDING)).toEqual({
      ok: false,
      problems: [expect.stringMatching(/^line 3: "2011-11-25 02:00" is not a time written MM\/dd\/yyyy HH:mm:ss/) as string],
    });
  });

  it('should name the line of an amount that is negative, empty or not a number', () => {
    const read = readIntervalFile(csv('11/25/2011 01:00:00,-0.39', '11/25/2011 02:00:00,', '11/25/2011 03:00:00,abc'), HOUR_ENDING);
    expect(read).toEqual({
      ok: false,
      problems: [
        'line 2: "-0.39" is not an amount of kWh (digits, a decimal point, nothing negative)',
        'line 3: "" is not an amount of kWh (digits, a decimal point, nothing negative)',
        'line 4: "abc" is not an amount of kWh (digits, a decimal point, nothing negative)',
      ],
    });
  });

  it('should refuse rows that go back in time or repeat one, other than the closing midnight', () => {
    const read = readIntervalFile(csv('11/25/2011 01:00:00,0.39', '11/25/2011 03:00:00,0.33', '11/25/2011 02:00:00,0.27', '11/25/2011 03:00:00,0.29'), HOUR_ENDING);
    expect(read).toEqual({
      ok: false,
      problems: [
        'line 4: 11/25/2011 02:00:00 is not after line 3 (11/25/2011 03:00:00): rows must go forward in time',
        'line 5: 11/25/2011 03:00:00 is not after line 3 (11/25/2011 03:00:00): rows must go forward in time',
      ],
    });
  });

  it('should not take 00:00 for 24:00 when the times are the start of their interval', () => {
    const read = readIntervalFile(csv('11/25/2011 23:00:00,0.39', '11/25/2011 00:00:00,0.33'), { ...HOUR_ENDING, stamp: 'start' });
    expect(read.ok).toBe(false);
  });

  it('should say which column it could not find, and which there are', () => {
    expect(readIntervalFile('DateTime,Watts\r\n11/25/2011 01:00:00,390', HOUR_ENDING)).toEqual({
      ok: false,
      problems: ['line 1: no column\'s header says kWh among ["DateTime","Watts"]: name the energy column with --kwh-column'],
    });
    expect(readIntervalFile('DateTime,Watts\r\n11/25/2011 01:00:00,390', { ...HOUR_ENDING, timeColumn: 'Time', energyColumn: 'Watts' })).toEqual({
      ok: false,
      problems: ['line 1: no time column "Time" among ["DateTime","Watts"]'],
    });
  });

  it('should refuse a file that is not CSV as told, an empty one and one of a single row', () => {
    expect(readIntervalFile(csv('11/25/2011 01:00:00,0.39,1'), HOUR_ENDING)).toEqual({ ok: false, problems: [expect.stringMatching(/^the file is not CSV as expected: .*line 2/) as string] });
    expect(readIntervalFile(csv(), HOUR_ENDING)).toEqual({ ok: false, problems: ['the file has no rows under its header'] });
    expect(readIntervalFile(csv('11/25/2011 01:00:00,0.39'), HOUR_ENDING)).toEqual({ ok: false, problems: ['the file has one row: the length of its interval cannot be told'] });
  });
});
