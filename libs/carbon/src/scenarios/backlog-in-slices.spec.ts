import { describe, expect, it } from 'vitest';
import { ParkLedger } from '../park-ledger.js';
import { HOUR, MINUTE, reading, T0, TEST_PARK } from '../test-park.fixture.js';

describe('a gateway\'s backlog of ten days, accounted a slice at a time', () => {
  // the grid meter's counter at 2026-11-18 10:00 and at 2026-11-28 10:00 in Shanghai, sent late:
  // 14 400 kWh over 10 days = 14 400 minutes, 1 kWh a minute
  const from = T0 - 10 * 24 * HOUR;
  const ledgerWithBacklog = (backlogMinutesPerCall?: number) => {
    const ledger = new ParkLedger(TEST_PARK, { liveWindowMs: HOUR, ...(backlogMinutesPerCall === undefined ? {} : { backlogMinutesPerCall }) });
    ledger.snapshot(T0); // the service is live: minutes before 09:00 are no longer held
    ledger.apply(reading('GRID', from, { energy_import_kwh: 0 }));
    ledger.apply(reading('GRID', T0, { energy_import_kwh: 14_400 }));
    return ledger;
  };

  it('should take no more than a slice per call into the totals, and say how many minutes are left', () => {
    const snapshot = ledgerWithBacklog(1000).snapshot(T0);
    // one slice: the first 1 000 minutes, 1 000 kWh; 14 400 − 1 000 = 13 400 minutes left to
    // account, and the 1 000 accounted still to write to the series: 14 400 not done
    expect(snapshot.month.gridImportKwh).toBeCloseTo(1000, 9);
    expect(snapshot.quality.backlogMinutes).toBe(14_400);
    expect(snapshot.quality.lateReadings).toBe(1);
  });

  it('should reach, once caught up, the totals of the whole backlog taken at once', () => {
    const ledger = ledgerWithBacklog(1000);
    let calls = 0;
    while (ledger.catchUp(T0).toAccount > 0) calls += 1;
    const snapshot = ledger.snapshot(T0);
    // 14 400 minutes in slices of 1 000: 15 calls, the last one ending it
    expect(calls + 1).toBe(15);
    // 14 400 kWh × 0.5500 kg/kWh (MEE/NBS 2023 East China grid average) = 7 920.000 kg
    expect(snapshot.month.gridImportKwh).toBeCloseTo(14_400, 9);
    expect(snapshot.month.scope2LocationKg).toBeCloseTo(7920, 3);
    // in the totals, not yet in the series: 14 400 − the live window's 60 minutes (held, not late)
    expect(snapshot.quality.backlogMinutes).toBe(14_340);
    while (ledger.backlog().toWrite > 0) ledger.takeCarbonPoints(T0);
    // handed out and confirmed written by the store: done
    expect(ledger.snapshot(T0, { confirmedThrough: T0, lateMinutesWriting: 0 }).quality.backlogMinutes).toBe(0);
    const whole = ledgerWithBacklog().snapshot(T0);
    expect(snapshot.month).toEqual(whole.month);
  });

  it('should give every minute to the carbon series once, at most a slice of late minutes per take', () => {
    const ledger = ledgerWithBacklog(1000);
    const minutes = new Map<number, number>();
    let takes = 0;
    for (;;) {
      const points = ledger.takeCarbonPoints(T0).filter((point) => point.building === null);
      takes += 1;
      expect(points.filter((point) => point.correction !== undefined).length).toBeLessThanOrEqual(1000);
      for (const point of points) minutes.set(point.ts, (minutes.get(point.ts) ?? 0) + (point.fields.gridImportKwh ?? 0));
      const left = ledger.backlog();
      if (left.toAccount === 0 && left.toWrite === 0) break;
      if (takes > 100) throw new Error('the backlog never ends');
    }
    // 14 400 minutes from 2026-11-18 10:00, each with its 1 kWh
    expect(minutes.size).toBe(14_400);
    expect(Math.min(...minutes.keys())).toBe(from);
    expect(Math.max(...minutes.keys())).toBe(T0 - MINUTE);
    expect([...minutes.values()].every((kwh) => Math.abs(kwh - 1) < 1e-9)).toBe(true);
  });
});
