import type { ParkSnapshot } from '@zeropark/contracts';
import { startInfluxdb, type InfluxdbServer } from '@zeropark/test-servers';
import { afterAll, describe, expect, it } from 'vitest';
import { startLivePlatform, type LivePlatform } from '../support/live-platform.js';

const MINUTE = 60_000;

/** The figures a restart must give back. */
function totals(snapshot: ParkSnapshot) {
  const pick = ({ electricityConsumedKwh, gridImportKwh, scope1Kg, scope2LocationKg, scope2MarketKg, unmeteredKwh }: ParkSnapshot['today']) => ({
    electricityConsumedKwh,
    gridImportKwh,
    scope1Kg,
    scope2LocationKg,
    scope2MarketKg,
    unmeteredKwh,
  });
  return {
    today: pick(snapshot.today),
    month: pick(snapshot.month),
    year: pick(snapshot.year),
    buildings: snapshot.buildings.map((building) => [building.buildingId, building.today.electricityKwh, building.today.emissionsKg]),
  };
}

describe.each(['SIGKILL', 'SIGTERM'] as const)('the carbon service stopped with %s and started again', (signal) => {
  let influx: InfluxdbServer | undefined;
  let platform: LivePlatform | undefined;

  afterAll(async () => {
    await platform?.stop();
    await influx?.stop();
  });

  it('should give back the totals it had, from the carbon series and the stored readings', async () => {
    influx = await startInfluxdb();
    platform = await startLivePlatform(influx, `restart_${signal.toLowerCase()}`);
    // readings over four hours: older than the two-hour live window, so the series carries part of it
    const now = Date.now();
    const times = [now - 4 * 60 * MINUTE, now - 150 * MINUTE, now - 5 * MINUTE];
    for (const [index, ts] of times.entries()) {
      const hours = (ts - (times[0] ?? ts)) / (60 * MINUTE);
      await platform.publish('gw-substation', index + 1, [
        { meter: 'GRID-MAIN', ts, values: { energy_import_kwh: 5000 + 400 * hours, energy_export_kwh: 100 + 10 * hours, power_kw: 400 } },
        { meter: 'PV-B01-ROOF', ts, values: { energy_export_kwh: 2000 + 120 * hours, power_kw: 120 } },
      ]);
      await platform.publish('gw-b02', index + 1, [
        { meter: 'B02-MAIN', ts, values: { energy_import_kwh: 900 + 150 * hours } },
        { meter: 'B02-GAS', ts, values: { gas_m3: 300 + 25 * hours } },
      ]);
    }
    const before = await platform.dashboard();
    await expect.poll(() => before.snapshots.at(-1)?.today.gasM3 ?? 0, { timeout: 15_000 }).toBeGreaterThan(0);
    await expect.poll(() => before.snapshots.at(-1)?.lastReadingAt, { timeout: 15_000 }).toBe(times[2]);
    const expected = totals(before.snapshots.at(-1)!);
    before.close();
    // the series is written every second: wait for a write after the last change
    await new Promise((resolve) => setTimeout(resolve, 2500));

    await platform.restartCarbon(signal);
    const after = await platform.dashboard();
    const restored = totals(after.snapshots.at(-1)!);
    after.close();

    const close = (value: number) => expect.closeTo(value, 6);
    const closeAll = <T extends Record<string, number>>(figures: T) => Object.fromEntries(Object.entries(figures).map(([key, value]) => [key, close(value)]));
    expect(restored.today).toEqual(closeAll(expected.today));
    expect(restored.month).toEqual(closeAll(expected.month));
    expect(restored.year).toEqual(closeAll(expected.year));
    expect(restored.buildings).toEqual(expected.buildings.map(([id, kwh, kg]) => [id, close(Number(kwh)), close(Number(kg))]));
    // something to give back: (4 h − 5 min) × 400 kWh/h = 1 566.667 kWh imported, unless part of it fell in last year
    expect(restored.year.gridImportKwh).toBeGreaterThan(0);
    expect(restored.year.gridImportKwh).toBeLessThanOrEqual(1566.667);
  });
});
