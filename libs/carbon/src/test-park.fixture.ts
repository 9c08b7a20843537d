import type { AcceptedReading, ParkTopology } from '@zeropark/contracts';

/** A small park for the specs: grid connection, rooftop PV, two buildings, one with gas. */
export const TEST_PARK: ParkTopology = {
  park: { id: 'p1', name: 'Test park', timezone: 'Asia/Shanghai', gridRegion: 'east-china' },
  buildings: [
    { id: 'B01', name: 'Hall' },
    { id: 'B02', name: 'Kitchen' },
  ],
  meters: [
    { id: 'GRID', role: 'grid_import', carrier: 'electricity', building: null, ratedPowerKw: 2000, gateway: 'g1' },
    { id: 'PV', role: 'pv', carrier: 'electricity', building: 'B01', ratedPowerKw: 500, gateway: 'g1' },
    { id: 'B01-MAIN', role: 'building_submeter', carrier: 'electricity', building: 'B01', ratedPowerKw: 1000, gateway: 'g1' },
    { id: 'B02-MAIN', role: 'building_submeter', carrier: 'electricity', building: 'B02', ratedPowerKw: 1000, gateway: 'g1' },
    { id: 'B02-GAS', role: 'gas', carrier: 'natural_gas', building: 'B02', ratedPowerKw: null, gateway: 'g1' },
  ],
};

/** 2026-11-28 10:00 in Asia/Shanghai (02:00 UTC). */
export const T0 = Date.UTC(2026, 10, 28, 2, 0);
export const HOUR = 3_600_000;

export function reading(meter: string, ts: number, values: AcceptedReading['values']): AcceptedReading {
  const topology = TEST_PARK.meters.find((candidate) => candidate.id === meter);
  if (topology === undefined) throw new Error(`no meter ${meter} in the test park`);
  return { meter, building: topology.building, role: topology.role, carrier: topology.carrier, ts, values };
}
