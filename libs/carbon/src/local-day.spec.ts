import { describe, expect, it } from 'vitest';
import { localDay, localDayStart, localIsoTime, nextMonth } from './local-day.js';

describe(localDayStart.name, () => {
  it('should give the first instant of a day in Shanghai (UTC+8): the previous day 16:00 UTC', () => {
    expect(new Date(localDayStart('2026-11-01', 'Asia/Shanghai')).toISOString()).toBe('2026-10-31T16:00:00.000Z');
  });

  it('should follow daylight saving: Berlin is UTC+2 on 1 October and UTC+1 on 1 November', () => {
    expect(new Date(localDayStart('2026-10-01', 'Europe/Berlin')).toISOString()).toBe('2026-09-30T22:00:00.000Z');
    expect(new Date(localDayStart('2026-11-01', 'Europe/Berlin')).toISOString()).toBe('2026-10-31T23:00:00.000Z');
    // the day the clocks go back (25 Oct 2026) still starts at its own midnight, UTC+2
    expect(new Date(localDayStart('2026-10-25', 'Europe/Berlin')).toISOString()).toBe('2026-10-24T22:00:00.000Z');
  });

  it('should be the inverse of localDay', () => {
    const start = localDayStart('2026-03-08', 'America/New_York');
    expect([localDay(start - 1, 'America/New_York'), localDay(start, 'America/New_York')]).toEqual(['2026-03-07', '2026-03-08']);
  });
});

describe(nextMonth.name, () => {
  it('should roll December into January of the next year', () => {
    expect([nextMonth('2026-11'), nextMonth('2026-12')]).toEqual(['2026-12', '2027-01']);
  });
});

describe(localIsoTime.name, () => {
  it("should write an instant on the park's clock with its offset", () => {
    // 13:05 UTC is 21:05 in Shanghai (UTC+8)
    expect(localIsoTime(Date.UTC(2026, 11, 7, 13, 5), 'Asia/Shanghai')).toBe('2026-12-07T21:05:00+08:00');
  });

  it('should write a zone west of UTC, and one of half an hour, with their own offsets', () => {
    // 03:30 UTC on 8 March 2026 is 22:30 on the 7th in New York (UTC−5, before the clocks go forward)
    expect(localIsoTime(Date.UTC(2026, 2, 8, 3, 30), 'America/New_York')).toBe('2026-03-07T22:30:00-05:00');
    expect(localIsoTime(Date.UTC(2026, 11, 7, 0, 0), 'Asia/Kolkata')).toBe('2026-12-07T05:30:00+05:30');
  });
});
