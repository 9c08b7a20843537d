import type { BuildingSnapshot, ParkSnapshot } from '@zeropark/contracts';
import { startInfluxdb, type InfluxdbServer } from '@zeropark/test-servers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLivePlatform, type LivePlatform } from '../support/live-platform.js';
import { waitUntil } from '../support/wait-until.js';

const SECOND = 1000;

/**
 * Issue 20, item 3: a building whose gateway goes quiet past its meters' expected interval is
 * shown stale, since when and with what it last read, and is not summed into the park's power
 * now (docs/carbon-method.md, §1 "Power now").
 */
describe("a gateway gone quiet past its meters' interval, through the whole path: MQTT → ingest → bus → carbon → REST and Socket.IO", () => {
  let influx: InfluxdbServer;
  let platform: LivePlatform;
  let dashboard: { snapshots: ParkSnapshot[]; close(): void };
  const seq = new Map<string, number>();
  /** The time of B02's only reading. */
  let b02At = 0;
  /** The time of the others' last readings. */
  let lastAt = 0;

  const publish = async (gateway: 'gw-substation' | 'gw-b01' | 'gw-b02' | 'gw-b03', ts: number) => {
    const next = (seq.get(gateway) ?? 0) + 1;
    seq.set(gateway, next);
    const readings = {
      'gw-substation': [{ meter: 'GRID-MAIN', ts, values: { power_kw: 500 } }, { meter: 'PV-B01-ROOF', ts, values: { power_kw: 100 } }],
      'gw-b01': [{ meter: 'B01-MAIN', ts, values: { power_kw: 200 } }],
      'gw-b02': [{ meter: 'B02-MAIN', ts, values: { power_kw: 150 } }],
      'gw-b03': [{ meter: 'B03-MAIN', ts, values: { power_kw: 50 } }],
    }[gateway];
    await platform.publish(gateway, next, readings);
  };

  beforeAll(async () => {
    influx = await startInfluxdb();
    // every meter expected every 2 s: live while its newest power reading is under 3 × 2 s = 6 s old
    platform = await startLivePlatform(influx, 'stale_building', { editRegistry: (text) => text.replace('meterEvery: 10s', 'meterEvery: 2s') });
    dashboard = await platform.dashboard();
    b02At = Date.now();
    await Promise.all((['gw-substation', 'gw-b01', 'gw-b02', 'gw-b03'] as const).map((gateway) => publish(gateway, b02At)));
    // the others go on every second, B02's gateway stays quiet: past b02At + 6 s it is stale
    while (Date.now() < b02At + 9 * SECOND) {
      await new Promise((resolve) => setTimeout(resolve, SECOND));
      lastAt = Date.now();
      await Promise.all((['gw-substation', 'gw-b01', 'gw-b03'] as const).map((gateway) => publish(gateway, lastAt)));
    }
  }, 120_000);

  afterAll(async () => {
    dashboard?.close();
    await platform?.stop();
    await influx?.stop();
  });

  it('should show the quiet building stale in /api/parks/{park}/live, since when and with its last power, and not sum it', async () => {
    const live = await waitUntil(
      () => platform.api<ParkSnapshot>('/parks/demo-park/live'),
      (snapshot) => snapshot.buildings.find((building) => building.buildingId === 'B01')?.lastReadingAt === lastAt,
      10_000,
      "a snapshot with the others' last readings",
    );
    const building = (id: string) => live.buildings.find((candidate) => candidate.buildingId === id) as BuildingSnapshot;
    expect(building('B02').powerKw).toBe(0);
    expect(building('B02').powerFreshness).toEqual({
      state: 'stale',
      since: b02At + 6 * SECOND,
      asOf: b02At,
      staleKw: 150,
      staleCount: 1,
      staleMeters: [{ meterId: 'B02-MAIN', lastReadingAt: b02At, lastPowerKw: 150, staleSince: b02At + 6 * SECOND, everyMs: 2 * SECOND }],
    });
    expect([building('B01').powerFreshness.state, building('B03').powerFreshness.state]).toEqual(['live', 'live']);
    // consumption now: 500 kW grid + 100 kW PV = 600 kW, live; the buildings' breakdown 200 + 50 kW, B02 not in it
    expect(live.power.consumptionKw).toBe(600);
    expect(live.powerFreshness.state).toBe('live');
    expect(live.buildings.reduce((sum, candidate) => sum + candidate.powerKw, 0)).toBe(250);
    // the remainder: 600 − 250 = 350 kW, and it says who is in it (the Demo lab was never heard)
    expect(live.unmetered).toEqual({ kw: 350, buildingsMissing: ['B02', 'LAB'] });
  });

  it("should push the park's consumption stale when its meters go quiet, with no reading to say so", async () => {
    // nothing more is published: the grid and PV meters, last heard at lastAt, are stale from lastAt + 6 s
    const pushed = await waitUntil(() => dashboard.snapshots.find((snapshot) => snapshot.powerFreshness.state === 'stale'), (snapshot) => snapshot !== undefined, 15_000, 'a pushed snapshot with the consumption stale');
    expect(pushed?.powerFreshness).toMatchObject({ state: 'stale', since: lastAt + 6 * SECOND, asOf: lastAt, staleKw: 600 });
    expect(pushed?.power.consumptionKw).toBe(0);
    expect(pushed?.unmetered.kw).toBeNull();
    // pushed when it went stale (its timer), not at some later reading: within a second of it
    expect((pushed?.at ?? Infinity) - (lastAt + 6 * SECOND)).toBeLessThan(SECOND);
  });
});
