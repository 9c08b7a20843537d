import { minuteOf } from '@zeropark/carbon';
import type { AcceptedBatch, CarbonPoint, ParkSnapshot } from '@zeropark/contracts';
import { parseRegistry } from '@zeropark/registry';
import type { TimeseriesStore } from '@zeropark/timeseries';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { loadCarbonConfig } from '../carbon.config.js';
import { CarbonMetrics } from '../metrics/carbon-metrics.js';
import { LiveStateService } from './live-state.service.js';

const MINUTE = 60_000;
const DAY = 86_400_000;

/** One building behind the grid meter; every meter expected every second, so stale 3 s after its last power reading. */
const PARK = parseRegistry(
  `park: { id: p1, name: Test park, timezone: Asia/Shanghai, gridRegion: east-china, meterEvery: 1s }
buildings: [{ id: B01, name: Hall }]
meters: [{ id: GRID, role: grid_import }, { id: B01-MAIN, role: building_submeter, building: B01 }]
gateways: [{ id: g1, secretHash: "scrypt$N=16384,r=8,p=1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", meters: [GRID, B01-MAIN] }]
`,
  'park.yaml',
);

/** A store that holds each carbon write until the spec says how it ends, and has nothing to restore. */
function heldStore() {
  const writes: { points: readonly CarbonPoint[]; confirm(): void; fail(): void }[] = [];
  const store: Pick<TimeseriesStore, 'sumCarbon' | 'latestReadings' | 'queryReadings' | 'writeCarbon'> = {
    sumCarbon: () => Promise.resolve([]),
    latestReadings: () => Promise.resolve([]),
    queryReadings: () => Promise.resolve([]),
    writeCarbon: (points) => new Promise<void>((resolve, reject) => writes.push({ points, confirm: resolve, fail: () => reject(new Error('the store refused')) })),
  };
  return { store: store as TimeseriesStore, writes };
}

function batch(seq: number, readings: { meter: 'GRID' | 'B01-MAIN'; ts: number; values: AcceptedBatch['readings'][number]['values'] }[]): AcceptedBatch {
  return {
    v: 1,
    park: 'p1',
    gateway: 'g1',
    seq,
    receivedAt: Date.now(),
    readings: readings.map((reading) => ({ ...reading, building: reading.meter === 'GRID' ? null : 'B01', role: reading.meter === 'GRID' ? 'grid_import' : 'building_submeter', carrier: 'electricity' })),
  };
}

/** Polls until `done` holds, for what the service does on its own timers. */
async function until(done: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe(LiveStateService.name, () => {
  let service: LiveStateService | undefined;

  const start = async (store: TimeseriesStore) => {
    const config = loadCarbonConfig({ ZEROPARK_BUS_SECRET: 'bus-secret-for-the-spec', CARBON_TOKEN_SECRET: 'the-token-secret-of-this-spec-32-chars', CARBON_PUSH_INTERVAL_MS: '100', CARBON_SERIES_INTERVAL_MS: '60000' });
    service = new LiveStateService(new Map([['p1', PARK]]), config, Date.now, store, pino({ level: 'silent' }), new CarbonMetrics());
    await service.onModuleInit();
    return service;
  };

  afterEach(async () => {
    // a last write of what is left, confirmed, so the service stops
    await Promise.race([service?.beforeApplicationShutdown(), new Promise((resolve) => setTimeout(resolve, 100))]);
    service = undefined;
  });

  it('should report a backlog done only once the store confirmed the write of its last minutes', async () => {
    const { store, writes } = heldStore();
    const live = await start(store);
    // the sub-meter's backlog: a day, 1 440 minutes, all before the live window (30 min)
    const first = minuteOf(Date.now()) - 2 * DAY;
    live.applyBatch(batch(1, [{ meter: 'B01-MAIN', ts: first, values: { energy_import_kwh: 0 } }]));
    live.applyBatch(batch(2, [{ meter: 'B01-MAIN', ts: first + DAY, values: { energy_import_kwh: 1440 } }]));
    const confirmed = new Set<number>();
    let doneWith = -1;
    await until(() => {
      const { quality } = live.snapshot('p1') as ParkSnapshot;
      // while a minute of it is not confirmed, the series is complete only up to the backlog's start
      if (quality.backlogMinutes > 0) expect(quality.seriesCompleteThrough).toBeLessThanOrEqual(first + DAY);
      if (quality.backlogMinutes === 0) {
        doneWith = confirmed.size;
        return true;
      }
      // the store confirms one write at a time, a moment after it was made
      const write = writes.shift();
      write?.confirm();
      for (const point of write?.points ?? []) if (point.building === null && point.correction !== undefined) confirmed.add(point.ts);
      return false;
    }, 20_000);
    // reported done when every one of the 1 440 late minutes was confirmed, not a write before
    expect(doneWith).toBe(1440);
    expect(live.seriesCompleteThrough('p1')).toBeGreaterThan(first + DAY);
  }, 30_000);

  it("should hold complete-through back to a failed write's first minute until a write of it is confirmed", async () => {
    const { store, writes } = heldStore();
    const live = await start(store);
    const now = Date.now();
    // nothing to write yet: the series is complete through this minute
    await live.writeSeries();
    expect(live.seriesCompleteThrough('p1')).toBe(minuteOf(now));
    live.applyBatch(batch(1, [{ meter: 'GRID', ts: now - 5 * MINUTE, values: { energy_import_kwh: 0 } }]));
    live.applyBatch(batch(2, [{ meter: 'GRID', ts: now, values: { energy_import_kwh: 50 } }]));
    const failed = live.writeSeries();
    await until(() => writes.length === 1, 5000);
    writes.shift()?.fail();
    await failed;
    // the five minutes from now − 5 min are not in the series: it is complete only up to their first
    expect(live.seriesCompleteThrough('p1')).toBe(minuteOf(now - 5 * MINUTE));
    const retried = live.writeSeries();
    await until(() => writes.length === 1, 5000);
    // the failed points go again with the next write; confirmed, the series is complete up to this minute
    expect(writes[0]?.points.filter((point) => point.building === null).map((point) => point.ts)).toContain(minuteOf(now - 5 * MINUTE));
    writes.shift()?.confirm();
    await retried;
    expect(live.seriesCompleteThrough('p1')).toBeGreaterThanOrEqual(minuteOf(now));
  }, 15_000);

  it('should push a snapshot at the instant a meter goes stale, with no reading to say so', async () => {
    const { store } = heldStore();
    const live = await start(store);
    const pushed: ParkSnapshot[] = [];
    live.onSnapshot((snapshot) => pushed.push(snapshot));
    const heard = Date.now();
    live.applyBatch(batch(1, [{ meter: 'B01-MAIN', ts: heard, values: { power_kw: 120 } }]));
    // expected every second: live until heard + 3 s, and pushed stale then (the beat stopped after 1 s of quiet)
    await until(() => pushed.some((snapshot) => snapshot.buildings[0]?.powerFreshness.state === 'stale'), 6000);
    const stale = pushed.find((snapshot) => snapshot.buildings[0]?.powerFreshness.state === 'stale');
    expect(stale?.buildings[0]).toMatchObject({ powerKw: 0, powerFreshness: { since: heard + 3000, asOf: heard, staleKw: 120 } });
    expect((stale?.at ?? Infinity) - (heard + 3000)).toBeLessThan(500);
    expect(pushed[0]?.buildings[0]?.powerKw).toBe(120);
  }, 15_000);
});
