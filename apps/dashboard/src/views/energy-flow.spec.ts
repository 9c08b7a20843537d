import type { BuildingSnapshot, ParkSnapshot, PowerFreshness } from '@zeropark/contracts';
import { Translator } from '@zeropark/i18n';
import { describe, expect, it } from 'vitest';
import { drawnAsBand, energyFlow } from './energy-flow.js';

const en = new Translator('en');
const LIVE: PowerFreshness = { state: 'live', since: null, asOf: 0, staleMeters: [], staleCount: 0, staleKw: 0 };

/** A snapshot with the server's remainder: consumption − the live buildings' power. */
function snapshot(power: ParkSnapshot['power'], buildings: [string, number, PowerFreshness?][], gasM3 = 0, heatGj = 0): ParkSnapshot {
  const shaped: Partial<BuildingSnapshot>[] = buildings.map(([id, powerKw, freshness = LIVE]) => ({ buildingId: id, name: `Hall ${id}`, powerKw, powerFreshness: freshness }));
  const live = shaped.filter((building) => building.powerFreshness?.state === 'live');
  return {
    power,
    powerFreshness: LIVE,
    buildings: shaped,
    unmetered: { kw: power.consumptionKw - live.reduce((sum, building) => sum + (building.powerKw ?? 0), 0), buildingsMissing: shaped.filter((building) => building.powerFreshness?.state !== 'live').map((building) => building.buildingId) },
    today: { gasM3, heatGj, dieselL: 0 },
  } as unknown as ParkSnapshot;
}

describe(energyFlow.name, () => {
  it('should show grid and PV flowing to the buildings, and the remainder no sub-meter sees', () => {
    // 330 kW grid + 150 kW PV = 480 kW consumed; buildings 180 + 120 + 60 = 360 kW; unmetered 120 kW
    const flow = energyFlow(snapshot({ consumptionKw: 480, gridKw: 330, generationKw: 150, batteryKw: 0 }, [['B01', 180], ['B02', 120], ['B03', 60]], 12.5), en);
    expect(flow.sources.map((source) => [source.id, source.value, source.unit])).toEqual([['grid', 330, 'kW'], ['pv', 150, 'kW']]);
    expect(flow.uses.map((use) => [use.id, use.value])).toEqual([['building:B01', 180], ['building:B02', 120], ['building:B03', 60], ['unmetered', 120]]);
  });

  it('should show an exporting park and a charging battery as uses, never as negative sources', () => {
    // PV 500 kW, exporting 100 kW, battery charging 50 kW: consumed 500 − 100 − 50 = 350 kW
    const flow = energyFlow(snapshot({ consumptionKw: 350, gridKw: -100, generationKw: 500, batteryKw: 50 }, [['B01', 300]]), en);
    expect(flow.sources.find((source) => source.id === 'grid')?.value).toBe(0);
    expect(flow.uses.map((use) => [use.id, use.value])).toEqual([['building:B01', 300], ['unmetered', 50], ['export', 100], ['battery-charge', 50]]);
  });

  it('should keep gas and heat, counted in m³ and GJ a day, out of the kW diagram', () => {
    const flow = energyFlow(snapshot({ consumptionKw: 100, gridKw: 100, generationKw: 0, batteryKw: 0 }, [['B01', 100]], 12.5, 0.4), en);
    expect([...flow.sources, ...flow.uses].every((each) => each.unit === 'kW')).toBe(true);
    expect(flow.fuels.map((fuel) => [fuel.id, fuel.value, fuel.unit])).toEqual([['gas', 12.5, 'm³'], ['heat', 0.4, 'GJ']]);
  });

  it('should draw no band for a flow that reads 0.0 kW, and one for a negative remainder', () => {
    // PV 0 kW, a building at 0.04 kW (shown as 0.0), sub-meters 10 kW above the park: remainder −10 kW
    const flow = energyFlow(snapshot({ consumptionKw: 100, gridKw: 100, generationKw: 0, batteryKw: 0 }, [['B01', 110], ['B02', 0.04]]), en);
    expect([...flow.sources, ...flow.uses].filter((each) => drawnAsBand(each, 'kW')).map((each) => each.id)).toEqual(['grid', 'building:B01', 'unmetered']);
  });

  it('should show a stale building with what it last read, in no sum, and name it in the remainder', () => {
    // B01 last read 175 kW 10 min ago: not now; the remainder 360 − 60 = 300 kW holds its draw
    const stale: PowerFreshness = { state: 'stale', since: 1_000, asOf: 500, staleMeters: [{ meterId: 'B01-MAIN', lastReadingAt: 500, lastPowerKw: 175, staleSince: 1_000, everyMs: 10_000 }], staleCount: 1, staleKw: 175 };
    const flow = energyFlow(snapshot({ consumptionKw: 360, gridKw: 360, generationKw: 0, batteryKw: 0 }, [['B01', 0, stale], ['B03', 60]]), en);
    const b01 = flow.uses.find((use) => use.id === 'building:B01');
    expect([b01?.value, b01?.stale, drawnAsBand(b01!, 'kW')]).toEqual([0, { lastKw: 175, asOf: 500 }, false]);
    expect(flow.uses.find((use) => use.id === 'unmetered')).toMatchObject({ value: 300, label: 'Unmetered, incl. Hall B01' });
  });

  it("should show a building never heard, and the remainder while the park's own power is not live, as unknown, never as 0 kW", () => {
    const none: PowerFreshness = { state: 'none', since: null, asOf: null, staleMeters: [], staleCount: 0, staleKw: 0 };
    const shaped = snapshot({ consumptionKw: 0, gridKw: 0, generationKw: 0, batteryKw: 0 }, [['LAB', 0, none]]);
    const flow = energyFlow({ ...shaped, powerFreshness: { ...none, state: 'stale' }, unmetered: { kw: null, buildingsMissing: ['LAB'] } }, en);
    expect(flow.consumptionKw).toBeNull();
    expect(flow.uses.map((use) => [use.id, use.unknown, drawnAsBand(use, 'kW')])).toEqual([['building:LAB', true, false], ['unmetered', true, false]]);
  });
});
