import { hashSecret } from '@zeropark/registry';
import { SqliteStore, type CarbonPoint } from '@zeropark/timeseries';
import type { AcceptedReading } from '@zeropark/contracts';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startBenchPlatform } from './bench-platform.js';

const MINUTE = 60_000;

export interface RestartTime {
  meters: number;
  readingsStored: number;
  carbonPointsStored: number;
  /** Start until /readyz, with the store full and empty. */
  fullSeconds: number;
  emptySeconds: number;
}

/**
 * The carbon service started on a store that holds a park of `buildings × metersPerBuilding`
 * meters: readings every five minutes over the replay span (the live window and
 * CARBON_REPLAY_HOURS before it), the park's minute points for 30 days and the buildings' for
 * two: seconds until /readyz (state rebuilt, bus open), beside the same start on an empty store.
 */
export async function measureRestart(dir: string, buildings: number, metersPerBuilding: number): Promise<RestartTime> {
  const secret = 'restart-bench-secret';
  const hash = await hashSecret(secret);
  const lines = ['park: { id: big-park, name: Big park, timezone: Asia/Shanghai, gridRegion: east-china }', 'buildings:'];
  for (let b = 0; b < buildings; b += 1) lines.push(`  - { id: B${b}, name: Building ${b} }`);
  lines.push('meters:', '  - { id: GRID, role: grid_import }');
  for (let b = 0; b < buildings; b += 1) for (let m = 0; m < metersPerBuilding; m += 1) lines.push(`  - { id: B${b}-M${m}, role: building_submeter, building: B${b} }`);
  lines.push('gateways:', `  - { id: gw-grid, secretHash: "${hash}", meters: [GRID] }`);
  for (let b = 0; b < buildings; b += 1) lines.push(`  - { id: gw-b${b}, secretHash: "${hash}", meters: [${Array.from({ length: metersPerBuilding }, (_, m) => `B${b}-M${m}`).join(', ')}] }`);
  mkdirSync(dir, { recursive: true });
  const registryFile = join(dir, 'big-park.yaml');
  writeFileSync(registryFile, `${lines.join('\n')}\n`);

  const fullDir = join(dir, 'full');
  mkdirSync(fullDir, { recursive: true });
  const store = new SqliteStore(join(fullDir, 'zeropark.db'));
  const now = Date.now();
  // readings: every 5 minutes for the default live window (30 min) and replay span (6 h)
  let readingsStored = 0;
  const firstReading = now - (6 * 60 + 30) * MINUTE;
  for (let ts = firstReading; ts <= now; ts += 5 * MINUTE) {
    const readings: AcceptedReading[] = [{ meter: 'GRID', building: null, role: 'grid_import', carrier: 'electricity', ts, values: { energy_import_kwh: (ts - firstReading) / 1000, power_kw: 4000 } }];
    for (let b = 0; b < buildings; b += 1) {
      for (let m = 0; m < metersPerBuilding; m += 1) readings.push({ meter: `B${b}-M${m}`, building: `B${b}`, role: 'building_submeter', carrier: 'electricity', ts, values: { energy_import_kwh: (ts - firstReading) / 100_000, power_kw: 0.4 } });
    }
    await store.writeReadings([{ park: 'big-park', readings }]);
    readingsStored += readings.length;
  }
  // the carbon series: the park's minutes for 30 days, the buildings' for two
  const points: CarbonPoint[] = [];
  const firstMinute = Math.floor((now - 30 * 1440 * MINUTE) / MINUTE) * MINUTE;
  for (let ts = firstMinute; ts < now - 30 * MINUTE; ts += MINUTE) {
    points.push({ park: 'big-park', building: null, ts, fields: { gridImportKwh: 66.7, scope2LocationKg: 36.7, scope2MarketKg: 40.6, submeteredKwh: 60, electricityConsumedKwh: 66.7 }, factorVersion: 'cn-mee-nbs-2023.2' });
    if (ts >= now - 2 * 1440 * MINUTE) for (let b = 0; b < buildings; b += 1) points.push({ park: 'big-park', building: `B${b}`, ts, fields: { electricityKwh: 0.6, electricityKg: 0.33 }, factorVersion: 'cn-mee-nbs-2023.2' });
  }
  for (let start = 0; start < points.length; start += 20_000) await store.writeCarbon(points.slice(start, start + 20_000));
  await store.close();

  const startAndTime = async (dataDir: string): Promise<number> => {
    const platform = await startBenchPlatform(registryFile, dataDir);
    await platform.stop();
    return platform.carbonStartSeconds;
  };
  const emptyDir = join(dir, 'empty');
  mkdirSync(emptyDir, { recursive: true });
  const emptySeconds = await startAndTime(emptyDir);
  const fullSeconds = await startAndTime(fullDir);
  return { meters: buildings * metersPerBuilding + 1, readingsStored, carbonPointsStored: points.length, fullSeconds, emptySeconds };
}
