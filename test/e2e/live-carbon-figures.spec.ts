import type { MonthlyReport, ParkSnapshot } from '@zeropark/contracts';
import { startInfluxdb, type InfluxdbServer } from '@zeropark/test-servers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLivePlatform, type LivePlatform } from '../support/live-platform.js';
import { waitUntil } from '../support/wait-until.js';

const MINUTE = 60_000;
const SHANGHAI = 8 * 3_600_000;
const DAY = 86_400_000;

/**
 * One interval of `m` whole minutes, inside today in Asia/Shanghai (the example park's zone), so
 * every figure below is "today" at any hour the suite runs. Rates per minute:
 * grid import 6 kWh, export 0.5 kWh, PV 2.5 kWh, B01 3 kWh, B02 2 kWh and 0.5 m³ gas, B03 1 kWh.
 */
async function intervalInToday(): Promise<{ t0: number; t1: number; m: number }> {
  for (;;) {
    const t1 = Math.floor((Date.now() - 30_000) / 1000) * 1000;
    const dayStart = Math.floor((t1 + SHANGHAI) / DAY) * DAY - SHANGHAI;
    const m = Math.min(60, Math.floor((t1 - dayStart) / MINUTE));
    if (m >= 2) return { t0: t1 - m * MINUTE, t1, m };
    await new Promise((resolve) => setTimeout(resolve, 20_000)); // just after midnight: wait for two minutes of today
  }
}

describe('live carbon figures through the whole path: MQTT → ingest → InfluxDB and bus → carbon → Socket.IO', () => {
  let influx: InfluxdbServer;
  let platform: LivePlatform;
  let snapshot: ParkSnapshot;
  let m: number;

  beforeAll(async () => {
    influx = await startInfluxdb();
    // the readings are stamped up to 30 s ago: meters expected every minute keep their power "now"
    // for 3 minutes (docs/carbon-method.md, §1 "Power now"), the example park's 10 s only for 30 s
    platform = await startLivePlatform(influx, 'live_figures', { editRegistry: (text) => text.replace('meterEvery: 10s', 'meterEvery: 1m') });
    const dashboard = await platform.dashboard();
    const interval = await intervalInToday();
    m = interval.m;
    const { t0, t1 } = interval;
    await platform.publish('gw-substation', 1, [
      { meter: 'GRID-MAIN', ts: t0, values: { energy_import_kwh: 1000, energy_export_kwh: 50 } },
      { meter: 'PV-B01-ROOF', ts: t0, values: { energy_export_kwh: 800 } },
    ]);
    await platform.publish('gw-b01', 1, [{ meter: 'B01-MAIN', ts: t0, values: { energy_import_kwh: 400 } }]);
    await platform.publish('gw-b02', 1, [
      { meter: 'B02-MAIN', ts: t0, values: { energy_import_kwh: 200 } },
      { meter: 'B02-GAS', ts: t0, values: { gas_m3: 70 } },
    ]);
    await platform.publish('gw-b03', 1, [{ meter: 'B03-MAIN', ts: t0, values: { energy_import_kwh: 100 } }]);
    await platform.publish('gw-substation', 2, [
      { meter: 'GRID-MAIN', ts: t1, values: { energy_import_kwh: 1000 + 6 * m, energy_export_kwh: 50 + 0.5 * m, power_kw: 330 } },
      { meter: 'PV-B01-ROOF', ts: t1, values: { energy_export_kwh: 800 + 2.5 * m, power_kw: 150 } },
    ]);
    await platform.publish('gw-b01', 2, [{ meter: 'B01-MAIN', ts: t1, values: { energy_import_kwh: 400 + 3 * m, power_kw: 180 } }]);
    await platform.publish('gw-b02', 2, [
      { meter: 'B02-MAIN', ts: t1, values: { energy_import_kwh: 200 + 2 * m } },
      { meter: 'B02-GAS', ts: t1, values: { gas_m3: 70 + 0.5 * m } },
    ]);
    await platform.publish('gw-b03', 2, [{ meter: 'B03-MAIN', ts: t1, values: { energy_import_kwh: 100 + m } }]);
    // the snapshot that holds every meter's second reading
    snapshot = await waitUntil(
      () => dashboard.snapshots.at(-1),
      (last) => last?.buildings.find((building) => building.buildingId === 'B03')?.lastReadingAt === t1 && Math.abs(last.today.gasM3 - 0.5 * m) < 1e-9,
      15_000,
      "a snapshot with every meter's second reading",
    ).then((last) => last!);
  });

  afterAll(async () => {
    await platform?.stop();
    await influx?.stop();
  });

  it('should count consumption as grid import + PV − export, and the rest the sub-meters did not see', () => {
    // 6m + 2.5m − 0.5m = 8m kWh; sub-meters 3m + 2m + 1m = 6m kWh; unmetered 2m kWh
    expect(snapshot.today.electricityConsumedKwh).toBeCloseTo(8 * m, 6);
    expect(snapshot.today.unmeteredKwh).toBeCloseTo(2 * m, 6);
    // now: 330 kW from the grid + 150 kW of PV
    expect(snapshot.power.consumptionKw).toBe(480);
  });

  it('should give Scope 1 and Scope 2 as computed by hand', () => {
    // Scope 2 location: 6m kWh × 0.5500 kg/kWh = 3.3m kg; Scope 1: 0.5m m³ × 2.162188809 kg/m³ = 1.0810944045m kg
    expect(snapshot.today.scope2LocationKg).toBeCloseTo(3.3 * m, 3);
    expect(snapshot.today.scope1Kg).toBeCloseTo(1.0810944045 * m, 6);
    expect(snapshot.today.emissionsLocationKg).toBeCloseTo(4.3810944045 * m, 6);
    // market-based without contracts: 6m kWh × 0.6096 kg/kWh (residual) = 3.6576m kg
    expect(snapshot.today.scope2MarketKg).toBeCloseTo(3.6576 * m, 3);
  });

  it('should give the intensity and the renewable share as computed by hand', () => {
    // 3.3m kg × 1000 ÷ 8m kWh = 412.50 g/kWh, today and over the last five minutes
    expect(snapshot.today.intensityGPerKwh).toBeCloseTo(412.5, 2);
    expect(snapshot.intensityLast5MinGPerKwh).toBeCloseTo(412.5, 2);
    // (2.5m − 0.5m) ÷ 8m = 0.25
    expect(snapshot.today.renewableShare).toBeCloseTo(0.25, 9);
  });

  it('should give the zero-carbon park KPIs', () => {
    // 8m kWh × 0.1229 kgce/kWh + 0.5m m³ × 1.2143 kgce/m³ = 1.59035m kgce
    expect(snapshot.today.energyTce).toBeCloseTo((1.59035 * m) / 1000, 9);
    // 4.3810944045m kg ÷ 1.59035m kgce = 2.7547989 t CO₂/tce, whatever m
    expect(snapshot.today.tCo2PerTce).toBeCloseTo(2.7547989, 6);
  });

  it("should give each building its electricity × the park's intensity plus its own gas", () => {
    const emissions = (id: string) => snapshot.buildings.find((building) => building.buildingId === id)?.today.emissionsKg;
    // B01: 3m kWh × 0.4125 kg/kWh = 1.2375m kg
    expect(emissions('B01')).toBeCloseTo(1.2375 * m, 3);
    // B02: 2m × 0.4125 = 0.825m kg + 0.5m m³ × 2.162188809 = 1.0810944045m kg → 1.9060944045m kg
    expect(emissions('B02')).toBeCloseTo(1.9060944045 * m, 6);
  });

  it('should name the factors and their version', () => {
    expect(snapshot.factor.grid).toMatchObject({ region: 'east-china', year: 2023, kgCo2PerKwh: 0.55, origin: 'table' });
    expect(snapshot.factor.residual).toMatchObject({ region: 'national', year: 2023, kgCo2PerKwh: 0.6096 });
    expect(snapshot.factor.factorSetVersion).toBe('cn-mee-nbs-2023.2');
  });

  it('should answer the day from the carbon series in InfluxDB through the history API, as the snapshot has it', async () => {
    type History = { points: { period?: string; value: number | null }[] };
    const range = `from=${Date.now() - 2 * DAY}&to=${Date.now() + DAY}&resolution=1d`;
    await expect
      .poll(async () => (await platform.api<History>(`/parks/demo-park/history?figure=electricityConsumedKwh&${range}`)).points.at(-1)?.value ?? 0, { timeout: 10_000 })
      .toBeCloseTo(8 * m, 6);
    const intensity = await platform.api<History>(`/parks/demo-park/history?figure=intensityGPerKwh&${range}`);
    // the day's ratio from the day's sums: 412.50 g/kWh
    expect(intensity.points.at(-1)).toEqual({ start: expect.any(Number) as number, period: snapshot.day, value: expect.closeTo(412.5, 2) as number });
    const b02 = await platform.api<History>(`/parks/demo-park/history?figure=emissionsKg&building=B02&${range}`);
    expect(b02.points.at(-1)?.value).toBeCloseTo(1.9060944045 * m, 6);
  });

  it('should have written the minutes to the carbon series in InfluxDB', async () => {
    // 8m kWh consumed, summed back from the park's minute points
    await expect
      .poll(async () => {
        const answer = await influx.query(`SELECT SUM("electricityConsumedKwh") FROM carbon WHERE park = 'demo-park' AND building = ''`, 'live_figures');
        return Number(answer.results[0]?.series?.[0]?.values[0]?.[1] ?? 0);
      }, { timeout: 10_000 })
      .toBeCloseTo(8 * m, 6);
  });

  it('should export the same history as a CSV file, one row per day', async () => {
    const range = `from=${Date.now() - 2 * DAY}&to=${Date.now() + DAY}&resolution=1d`;
    const file = await platform.download(`/parks/demo-park/history/csv?figure=electricityConsumedKwh&${range}`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(file.headers.get('content-disposition')).toMatch(/^attachment; filename="demo-park_electricityConsumedKwh_\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}_1d\.csv"$/);
    const [complete = '', ...lines] = file.text.trim().split('\r\n');
    expect(complete).toMatch(/^# complete through \d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00\+08:00 \(Asia\/Shanghai\)$/);
    const rows = lines.map((row) => row.split(','));
    expect(rows[0]).toEqual(['start_utc', 'start_local (Asia/Shanghai)', 'period', 'Electricity consumed (kWh)']);
    expect(rows.at(-1)?.[2]).toBe(snapshot.day);
    expect(Number(rows.at(-1)?.[3])).toBeCloseTo(8 * m, 6);
  });

  it("should make the month's report from the carbon series, with the figures the snapshot has and their factors", async () => {
    const report = await platform.api<MonthlyReport>(`/parks/demo-park/reports/monthly?month=${snapshot.day.slice(0, 7)}`);
    // the only data of the month is this interval, so the month is what the snapshot says of it
    expect(report.figures.electricityConsumedKwh).toBeCloseTo(8 * m, 6);
    expect(report.figures.emissionsLocationKg).toBeCloseTo(4.3810944045 * m, 6);
    expect(report.figures.scope2MarketKg).toBeCloseTo(3.6576 * m, 3);
    expect(report.figures.intensityGPerKwh).toBeCloseTo(412.5, 2);
    expect(report.buildings.find((building) => building.id === 'B02')?.emissionsKg).toBeCloseTo(1.9060944045 * m, 6);
    expect(report.days.map((day) => day.day)).toEqual([snapshot.day]);
    expect(report.provenance).toMatchObject({ factorSetVersions: ['cn-mee-nbs-2023.2'], gridFactor: { region: 'east-china', year: 2023, kgCo2PerKwh: 0.55 } });
    expect((await platform.request('/parks/demo-park/reports/monthly?month=2026-13', { method: 'GET', role: 'viewer' })).status).toBe(400);
  });
});
