import type { ParkSnapshot } from '@zeropark/contracts';
import { startInfluxdb, type InfluxdbServer } from '@zeropark/test-servers';
import { appendFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLivePlatform, type LivePlatform } from '../support/live-platform.js';
import { waitUntil } from '../support/wait-until.js';

const HOUR = 3_600_000;
const SHANGHAI = 8 * HOUR;

/** The calendar year of an instant in Asia/Shanghai (UTC+8, no daylight saving). */
const shanghaiYear = (ms: number) => new Date(ms + SHANGHAI).getUTCFullYear();

describe('restating history after the factor set changed', () => {
  let influx: InfluxdbServer;
  let platform: LivePlatform;
  const start = Date.now() - 6 * HOUR;
  const end = start + 2 * HOUR;

  beforeAll(async () => {
    influx = await startInfluxdb();
    platform = await startLivePlatform(influx, 'restatement');
    // two hours of history, before the live window: 100 kWh an hour from the grid
    await platform.publish('gw-substation', 1, [{ meter: 'GRID-MAIN', ts: start, values: { energy_import_kwh: 1000 } }]);
    await platform.publish('gw-substation', 2, [{ meter: 'GRID-MAIN', ts: end, values: { energy_import_kwh: 1200 } }]);
    const dashboard = await platform.dashboard();
    await waitUntil(() => dashboard.snapshots.at(-1)?.lastReadingAt, (last) => last === end, 15_000, 'the snapshot of the second reading');
    dashboard.close();
    await new Promise((resolve) => setTimeout(resolve, 2500)); // the series is written every second
    // the park's own factor from the year of the history on: a new factor set version
    appendFileSync(platform.registryFile, `\nfactors:\n  version: v2\n  grid:\n    - { year: ${shanghaiYear(start)}, kgCo2PerKwh: 0.5, source: "spec: a provincial factor" }\n`);
    await platform.restartCarbon('SIGTERM');
  }, 120_000);

  afterAll(async () => {
    await platform?.stop();
    await influx?.stop();
  });

  it('should refuse a viewer', async () => {
    const refused = await platform.request('/parks/demo-park/restatements', { method: 'POST', role: 'viewer', body: { from: start, to: end } });
    expect(refused).toMatchObject({ status: 403, body: { message: 'this needs the admin role; your token has viewer' } });
  });

  it('should refuse a range inside the live window, saying why', async () => {
    const refused = await platform.request('/parks/demo-park/restatements', { method: 'POST', role: 'admin', body: { from: Date.now() - HOUR, to: Date.now() } });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain('the live window (CARBON_LIVE_WINDOW_MINUTES) is accounted');
  });

  it('should recompute the range with the new factors, keep the old figures, and move the totals', async () => {
    const yearBefore = (await platform.api<ParkSnapshot>('/parks/demo-park/live')).year.scope2LocationKg;
    const answer = await platform.request('/parks/demo-park/restatements', { method: 'POST', role: 'admin', body: { from: new Date(start - HOUR).toISOString(), to: new Date(end + HOUR).toISOString() } });
    expect(answer.status).toBe(200);
    const result = answer.body as { factorSetVersion: string; archived: number; written: number; days: { day: string; before: { emissionsLocationKg: number }; after: { emissionsLocationKg: number } }[] };
    expect(result.factorSetVersion).toBe('cn-mee-nbs-2023.2+demo-park:v2');
    expect(result.archived).toBeGreaterThan(0);
    // 200 kWh × 0.5500 = 110.000 kg before; 200 kWh × 0.5000 = 100.000 kg after
    const total = (pick: 'before' | 'after') => result.days.reduce((sum, day) => sum + day[pick].emissionsLocationKg, 0);
    expect(total('before')).toBeCloseTo(110, 3);
    expect(total('after')).toBeCloseTo(100, 3);
    // the live year moves by the difference, without a restart (−10 kg, unless part of it was last year)
    const after = await platform.api<ParkSnapshot>('/parks/demo-park/live');
    const thisYear = result.days.filter((day) => day.day.startsWith(after.day.slice(0, 4)));
    const change = thisYear.reduce((sum, day) => sum + day.after.emissionsLocationKg - day.before.emissionsLocationKg, 0);
    expect(after.year.scope2LocationKg - yearBefore).toBeCloseTo(change, 3);
    expect(change).toBeGreaterThanOrEqual(-10.0001);
    // the old figures stay, with the version that made them
    const history = await influx.query(`SELECT SUM("scope2LocationKg") FROM carbon_history WHERE park = 'demo-park' AND building = '' AND factor_version = 'cn-mee-nbs-2023.2'`, 'restatement');
    expect(Number(history.results[0]?.series?.[0]?.values[0]?.[1])).toBeCloseTo(110, 3);
    const current = await influx.query(`SELECT SUM("scope2LocationKg") FROM carbon WHERE park = 'demo-park' AND building = '' AND factor_version = 'cn-mee-nbs-2023.2+demo-park:v2'`, 'restatement');
    expect(Number(current.results[0]?.series?.[0]?.values[0]?.[1])).toBeCloseTo(100, 3);
  });
});
