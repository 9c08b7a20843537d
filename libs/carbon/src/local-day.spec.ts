import { describe, expect, it } from 'vitest';
import { localDay, localDayStart, nextMonth } from './local-day.js';

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
