import type { MonthlyReport, ParkSnapshot } from '@zeropark/contracts';
import { startInfluxdb, type InfluxdbServer } from '@zeropark/test-servers';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLivePlatform, type LivePlatform } from '../support/live-platform.js';
import { dayAfter, shanghaiDay } from '../support/park-day.js';
import { REPO_ROOT } from '../support/platform-process.js';
import { waitUntil } from '../support/wait-until.js';

const OPENMV = join(REPO_ROOT, 'simulators/park/data/openmv-electricity-usage.csv');

/**
 * Issue 20, item 4: `npm run replay` sends a meter's 114 days at once; the snapshot reports the
 * backlog done only once its minutes are in the `carbon` series, so an export taken right then
 * holds every day of it, and says up to when it is complete (docs/carbon-method.md, §6).
 */
describe('an export right after a replayed backlog is reported done', () => {
  let influx: InfluxdbServer;
  let platform: LivePlatform;
  // the file's 114 dates end five days ago; its last reading is the 114th date's 01:00 (hour ending)
  const firstDay = shanghaiDay(-118);
  const lastDay = dayAfter(firstDay, 113);
  const lastReadingAt = Date.parse(`${lastDay}T01:00:00+08:00`);
  let done: ParkSnapshot;

  beforeAll(async () => {
    influx = await startInfluxdb();
    platform = await startLivePlatform(influx, 'complete_through');
    const args = ['simulators/park/dist/replay/replay-main.js', '--broker', `mqtt://127.0.0.1:${platform.mqttPort}`, '--registry', platform.registryFile, '--file', OPENMV, '--first-day', firstDay];
    await new Promise<void>((resolve, reject) => execFile(process.execPath, args, { cwd: REPO_ROOT }, (error) => (error === null ? resolve() : reject(error))));
    // the carbon service has the file's last reading and reports no backlog left: "done"
    done = await waitUntil(
      () => platform.api<ParkSnapshot>('/parks/demo-park/live'),
      (snapshot) => snapshot.buildings.find((building) => building.buildingId === 'LAB')?.lastReadingAt === lastReadingAt && snapshot.quality.backlogMinutes === 0,
      60_000,
      'the backlog reported done',
    );
  }, 180_000);

  afterAll(async () => {
    await platform?.stop();
    await influx?.stop();
  });

  it("should hold every day of the backlog in a CSV exported at once, and say up to when it is complete on the park's clock", async () => {
    const from = Date.parse(`${firstDay}T00:00:00+08:00`);
    const to = Date.parse(`${dayAfter(lastDay, 1)}T00:00:00+08:00`);
    const csv = await platform.download(`/parks/demo-park/history/csv?figure=electricityKwh&building=LAB&resolution=1d&from=${from}&to=${to}`);
    expect(csv.status).toBe(200);
    const [comment = '', header, ...rows] = csv.text.trim().split('\r\n');
    // e.g. "# complete through 2026-12-07T21:05:00+08:00 (Asia/Shanghai)": past the file's last reading
    const complete = /^# complete through (\S+) \(Asia\/Shanghai\)$/.exec(comment)?.[1] ?? '';
    expect(complete).toMatch(/\+08:00$/);
    expect(Date.parse(complete)).toBeGreaterThan(lastReadingAt);
    expect(header).toBe('start_utc,start_local (Asia/Shanghai),period,Electricity (kWh)');
    // each of the 114 days, and all of the file: 1 209.42 kWh (simulators/park/data/README.md)
    const byDay = new Map(rows.map((row) => row.split(',')).map(([, , period, value]) => [period, Number(value)]));
    expect(byDay.size).toBe(114);
    expect([byDay.get(firstDay), byDay.get(dayAfter(firstDay, 1)), byDay.get(lastDay)]).toEqual([8.53, 9.68, 0.28]);
    expect([...byDay.values()].reduce((sum, kwh) => sum + kwh, 0)).toBeCloseTo(1209.42, 6);
    // named by the park's days, not by toISOString()'s (which would start a day early)
    expect(csv.headers.get('content-disposition')).toBe(`attachment; filename="demo-park_LAB_electricityKwh_${firstDay}_${lastDay}_1d.csv"`);
  });

  it('should say the same in the history JSON and the monthly report', async () => {
    const history = await platform.api<{ completeThrough: number | null }>(`/parks/demo-park/history?figure=electricityKwh&building=LAB&resolution=1d&from=${Date.parse(`${firstDay}T00:00:00+08:00`)}&to=${Date.now()}`);
    expect(history.completeThrough).toBeGreaterThan(lastReadingAt);
    const report = await platform.api<MonthlyReport>(`/parks/demo-park/reports/monthly?month=${firstDay.slice(0, 7)}`);
    expect(report.completeThrough).toBeGreaterThan(lastReadingAt);
    // and the snapshot that said "done" said so too
    expect(done.quality.seriesCompleteThrough).toBeGreaterThan(lastReadingAt);
  });
});
