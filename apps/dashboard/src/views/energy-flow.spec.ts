import type { ParkSnapshot } from '@zeropark/contracts';
import { describe, expect, it } from 'vitest';
import { drawnAsBand, energyFlow } from './energy-flow.js';

function snapshot(power: ParkSnapshot['power'], buildings: [string, number][], gasM3 = 0, heatGj = 0): ParkSnapshot {
  return {
    power,
    buildings: buildings.map(([id, powerKw]) => ({ parkId: 'p1', buildingId: id, name: `Hall ${id}`, at: 0, powerKw, today: { electricityKwh: 0, gasM3: 0, dieselL: 0, heatGj: 0, emissionsKg: 0 }, lastReadingAt: null })),
    today: { gasM3, heatGj, dieselL: 0 },
  } as unknown as ParkSnapshot;
}

describe(energyFlow.name, () => {
  it('should show grid and PV flowing to the buildings, and the remainder no sub-meter sees', () => {
    // 330 kW grid + 150 kW PV = 480 kW consumed; buildings 180 + 120 + 60 = 360 kW; unmetered 120 kW
    const flow = energyFlow(snapshot({ consumptionKw: 480, gridKw: 330, generationKw: 150, batteryKw: 0 }, [['B01', 180], ['B02', 120], ['B03', 60]], 12.5));
    expect(flow.sources.map((source) => [source.id, source.value, source.unit])).toEqual([['grid', 330, 'kW'], ['pv', 150, 'kW']]);
    expect(flow.uses.map((use) => [use.id, use.value])).toEqual([['building:B01', 180], ['building:B02', 120], ['building:B03', 60], ['unmetered', 120]]);
  });

  it('should show an exporting park and a charging battery as uses, never as negative sources', () => {
    // PV 500 kW, exporting 100 kW, battery charging 50 kW: consumed 500 − 100 − 50 = 350 kW
    const flow = energyFlow(snapshot({ consumptionKw: 350, gridKw: -100, generationKw: 500, batteryKw: 50 }, [['B01', 300]]));
    expect(flow.sources.find((source) => source.id === 'grid')?.value).toBe(0);
    expect(flow.uses.map((use) => [use.id, use.value])).toEqual([['building:B01', 300], ['unmetered', 50], ['export', 100], ['battery-charge', 50]]);
  });

  it('should keep gas and heat, counted in m³ and GJ a day, out of the kW diagram', () => {
    const flow = energyFlow(snapshot({ consumptionKw: 100, gridKw: 100, generationKw: 0, batteryKw: 0 }, [['B01', 100]], 12.5, 0.4));
    expect([...flow.sources, ...flow.uses].every((each) => each.unit === 'kW')).toBe(true);
    expect(flow.fuels.map((fuel) => [fuel.id, fuel.value, fuel.unit])).toEqual([['gas', 12.5, 'm³'], ['heat', 0.4, 'GJ']]);
  });

  it('should draw no band for a flow that reads 0.0 kW, and one for a negative remainder', () => {
    // PV 0 kW, a building at 0.04 kW (shown as 0.0), sub-meters 10 kW above the park: remainder −10 kW
    const flow = energyFlow(snapshot({ consumptionKw: 100, gridKw: 100, generationKw: 0, batteryKw: 0 }, [['B01', 110], ['B02', 0.04]]));
    const drawn = [...flow.sources, ...flow.uses].filter(drawnAsBand).map((each) => each.id);
    expect(drawn).toEqual(['grid', 'building:B01', 'unmetered']);
  });
});
