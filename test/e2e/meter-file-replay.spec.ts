import { startInfluxdb, temporaryDirectory, type InfluxdbServer } from '@zeropark/test-servers';
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLivePlatform, type LivePlatform } from '../support/live-platform.js';
import { dayAfter, shanghaiDay } from '../support/park-day.js';
import { REPO_ROOT } from '../support/platform-process.js';

const DAY = 86_400_000;
const OPENMV = join(REPO_ROOT, 'simulators/park/data/openmv-electricity-usage.csv');

/** `npm run replay` as a person runs it (built), against the platform's broker: its exit code and what it said. */
function replay(platform: LivePlatform, ...options: string[]): Promise<{ code: number; said: string }> {
  const args = ['simulators/park/dist/replay/replay-main.js', '--broker', `mqtt://127.0.0.1:${platform.mqttPort}`, '--registry', platform.registryFile, ...options];
  return new Promise((resolve) => {
    execFile(process.execPath, args, { cwd: REPO_ROOT }, (error, stdout, stderr) => resolve({ code: error === null ? 0 : Number(error.code), said: stdout + stderr }));
  });
}

describe("a real meter's file replayed through the whole path: replay → MQTT → ingest → InfluxDB and bus → carbon → history", () => {
  let influx: InfluxdbServer;
  let platform: LivePlatform;
  // the file's 114 dates (25 Nov 2011 – 17 Mar 2012) end five days ago
  const firstDay = shanghaiDay(-118);
  let replayed: { code: number; said: string };

  beforeAll(async () => {
    influx = await startInfluxdb();
    platform = await startLivePlatform(influx, 'replay');
    replayed = await replay(platform, '--file', OPENMV, '--first-day', firstDay);
  }, 120_000);

  afterAll(async () => {
    await platform?.stop();
    await influx?.stop();
  });

  it('should accept every reading, and say how it read the file', () => {
    expect(replayed.said).toContain('2712 intervals of 60 min, 1209.42 kWh in all');
    expect(replayed.said).toContain('113 rows stamped 00:00:00 with the day they close were read as 24:00 of that day');
    expect(replayed.said).toContain('1 step differs from the usual 60 min (lines 2570–2571, 03/11/2012 01:00:00 → 03/11/2012 03:00:00)');
    // 2712 hour ends + the first hour's start + the start of the hour after the missing one
    expect(replayed.said).toContain('done: 2714 of 2714 readings accepted');
    expect(replayed.code).toBe(0);
  });

  it("should store the meter's counter readings in InfluxDB, the last at the file's total", async () => {
    const answer = await influx.query(`SELECT COUNT(energy_import_kwh), LAST(energy_import_kwh) FROM reading WHERE meter = 'LAB-MAIN' AND building = 'LAB'`, 'replay');
    expect(answer.results[0]?.series?.[0]?.values[0]?.slice(1)).toEqual([2714, 1209.42]);
  });

  it("should give back the file's figures from the carbon series, day by day, through the history API", async () => {
    type History = { points: { period?: string; value: number | null }[] };
    const range = `from=${Date.parse(`${firstDay}T00:00:00+08:00`) - DAY}&to=${Date.now()}&resolution=1d`;
    const history = () => platform.api<History>(`/parks/demo-park/history?figure=electricityKwh&building=LAB&${range}`);
    const total = (points: History['points']) => points.reduce((sum, point) => sum + (point.value ?? 0), 0);
    // the backlog's minutes reach the series as the carbon service accounts them: wait for all of it
    await expect.poll(async () => total((await history()).points), { timeout: 60_000, interval: 1000 }).toBeCloseTo(1209.42, 6);
    const byDay = new Map((await history()).points.map((point) => [point.period, point.value]));
    // data/README.md: 11/25/2011 8.53 kWh, 11/26 9.68, 11/27 13.41 — each date's 24 rows, its midnight row included
    expect([byDay.get(firstDay), byDay.get(dayAfter(firstDay, 1)), byDay.get(dayAfter(firstDay, 2))]).toEqual([8.53, 9.68, 13.41]);
    // 03/11/2012, day 107 of the file, has 23 rows (the clock change): 13.71 kWh, as summed from the file
    expect(byDay.get(dayAfter(firstDay, 107))).toBe(13.71);
    // 03/17/2012 has one row, 01:00: 0.28 kWh
    expect(byDay.get(dayAfter(firstDay, 113))).toBe(0.28);
  }, 90_000);
});

describe('a meter file the replay or the ingest refuses', () => {
  let influx: InfluxdbServer;
  let platform: LivePlatform;

  beforeAll(async () => {
    influx = await startInfluxdb();
    platform = await startLivePlatform(influx, 'replay_refused');
  }, 60_000);

  afterAll(async () => {
    await platform?.stop();
    await influx?.stop();
  });

  it('should send nothing of a file with a bad row, and name each bad line', async () => {
    const file = join(temporaryDirectory('replay'), 'bad.csv');
    writeFileSync(file, 'DateTime,Consumption kWh\n11/25/2011 01:00:00,0.39\n11/25/2011 02:00:00,-0.33\n11/25/2011 2 AM,0.27\n11/25/2011 04:00:00,0.29\n');
    const refused = await replay(platform, '--file', file);
    expect(refused.code).toBe(2);
    expect(refused.said).toContain('line 3: "-0.33" is not an amount of kWh (digits, a decimal point, nothing negative)');
    expect(refused.said).toContain('line 4: "11/25/2011 2 AM" is not a time written MM/dd/yyyy HH:mm:ss');
    const stored = await influx.query(`SELECT COUNT(energy_import_kwh) FROM reading WHERE meter = 'LAB-MAIN'`, 'replay_refused');
    expect(stored.results[0]?.series).toBeUndefined();
  });

  it("should give each reading the ingest refused with its line, and the ingest's reason", async () => {
    const file = join(temporaryDirectory('replay'), 'old.csv');
    writeFileSync(file, 'DateTime,Consumption kWh\n11/25/2011 01:00:00,0.39\n11/25/2011 02:00:00,0.33\n');
    // 500 days ago: older than the ingest takes (INGEST_MAX_READING_AGE_DAYS, 400)
    const refused = await replay(platform, '--file', file, '--first-day', shanghaiDay(-500));
    expect(refused.code).toBe(1);
    expect(refused.said).toMatch(/line 2: refused by the ingest, timestamp-too-old: readings\[0\]: ts \S+ is older than 400 days/);
    expect(refused.said).toMatch(/line 3: refused by the ingest, timestamp-too-old/);
    expect(refused.said).toContain('done: 0 of 3 readings accepted');
  });

  it('should say what is wrong with the command line, every problem at once', async () => {
    const wrong = await replay(platform, '--fiel', OPENMV, '--stamp', 'middle');
    expect(wrong.code).toBe(2);
    expect(wrong.said).toContain('--file: name the meter file: --file path/to/file.csv');
    expect(wrong.said).toContain('--stamp: Invalid option: expected one of "end"|"start"');
    expect(wrong.said).toContain('--fiel: unknown setting (did you mean file?)');
    const gasMeter = await replay(platform, '--file', OPENMV, '--gateway', 'gw-b02', '--secret', 'sim-b02-secret', '--meter', 'B02-GAS');
    expect(gasMeter.code).toBe(2);
    expect(gasMeter.said).toContain('--meter: meter "B02-GAS" is a gas meter, which does not report energy_import_kwh, the counter the replay sends');
  });
});
