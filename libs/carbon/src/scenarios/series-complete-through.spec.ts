import { describe, expect, it } from 'vitest';
import { ParkLedger } from '../park-ledger.js';
import { HOUR, MINUTE, reading, T0, TEST_PARK } from '../test-park.fixture.js';

describe('up to when the carbon series is complete, through a backlog', () => {
  // the live window is an hour; the service confirms every write at once (its store never fails here)
  const ledger = new ParkLedger(TEST_PARK, { liveWindowMs: HOUR, backlogMinutesPerCall: 1000 });
  const written = (at: number) => {
    ledger.takeCarbonPoints(at);
    return { confirmedThrough: Math.floor(at / MINUTE) * MINUTE, lateMinutesWriting: 0 };
  };

  it('should be the end of the last whole minute written, not the current one', () => {
    ledger.apply(reading('GRID', T0 - 2 * MINUTE, { energy_import_kwh: 0 }));
    ledger.apply(reading('GRID', T0 + 10_000, { energy_import_kwh: 2.1 }));
    const series = written(T0 + 15_000);
    // written at 10:00:15: 09:58 and 09:59 whole, 10:00 so far; complete through 10:00:00
    expect(ledger.snapshot(T0 + 20_000, series).quality.seriesCompleteThrough).toBe(T0);
  });

  it('should fall back to a minute a reading changed until it is written again', () => {
    // 10:00:10 → 10:01:05 spreads into 10:00, written at 10:00:15: the series lacks its rest now
    ledger.apply(reading('GRID', T0 + MINUTE + 5000, { energy_import_kwh: 3.0 }));
    expect(ledger.seriesCompleteThrough({ confirmedThrough: T0 + MINUTE, lateMinutesWriting: 0 })).toBe(T0);
    const series = written(T0 + MINUTE + 10_000);
    expect(ledger.snapshot(T0 + MINUTE + 10_000, series).quality.seriesCompleteThrough).toBe(T0 + MINUTE);
  });

  it("should hold back to a backlog's first minute, and report the backlog done only once all of it is written", () => {
    // ten days of the B01 sub-meter sent late: 14 400 minutes from 10 days before T0
    const from = T0 - 240 * HOUR;
    ledger.apply(reading('B01-MAIN', from, { energy_import_kwh: 0 }));
    ledger.apply(reading('B01-MAIN', T0 + MINUTE + 5000, { energy_import_kwh: 14_400 }));
    const at = T0 + MINUTE + 20_000;
    expect(ledger.seriesCompleteThrough({ confirmedThrough: T0 + MINUTE, lateMinutesWriting: 0 })).toBe(from);
    let series = { confirmedThrough: T0 + MINUTE, lateMinutesWriting: 0 };
    let takes = 0;
    for (;;) {
      const snapshot = ledger.snapshot(at, series);
      if (snapshot.quality.backlogMinutes === 0) break;
      // while any of it is not written, the series is complete only up to its first minute not written
      expect(snapshot.quality.seriesCompleteThrough).toBeLessThan(T0);
      series = written(at);
      takes += 1;
      if (takes > 100) throw new Error('the backlog never ends');
    }
    // done: every late minute written, and the series complete through the last whole minute again
    expect(ledger.snapshot(at, series).quality.seriesCompleteThrough).toBe(T0 + MINUTE);
  });

  it('should count minutes handed out but not confirmed by the store as not done', () => {
    // what the service reports while a write of 12 late minutes is under way (or failed, kept for the next)
    expect(ledger.snapshot(T0 + 2 * MINUTE, { confirmedThrough: T0 - 12 * MINUTE, lateMinutesWriting: 12 }).quality).toMatchObject({ backlogMinutes: 12, seriesCompleteThrough: T0 - 12 * MINUTE });
  });
});
