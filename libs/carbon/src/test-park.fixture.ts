import { DEFAULT_PARK_ACCOUNTING, type AcceptedReading, type MeterTopology, type ParkAccounting, type ParkTopology } from '@zeropark/contracts';

const meter = (id: string, role: MeterTopology['role'], building: string | null, ratedPowerKw: number | null, extra: Partial<MeterTopology> = {}): MeterTopology => ({
  id,
  role,
  carrier: role === 'gas' ? 'natural_gas' : role === 'heat' ? 'heat' : role === 'diesel' ? 'diesel' : 'electricity',
  building,
  ratedPowerKw,
  counter: { onDecrease: 'reset' },
  gateway: 'g1',
  ...extra,
});

/** A small park for the specs: grid connection, rooftop PV, a battery, two buildings, one with gas. */
export function testPark(accounting: Partial<ParkAccounting> = {}, meters: Partial<Record<string, Partial<MeterTopology>>> = {}): ParkTopology {
  return {
    park: { id: 'p1', name: 'Test park', timezone: 'Asia/Shanghai', gridRegion: 'east-china' },
    buildings: [
      { id: 'B01', name: 'Hall' },
      { id: 'B02', name: 'Kitchen' },
    ],
    meters: [
      meter('GRID', 'grid_import', null, 2000, meters.GRID),
      meter('PV', 'pv', 'B01', 500, meters.PV),
      meter('BATT', 'battery', null, 250, meters.BATT),
      meter('B01-MAIN', 'building_submeter', 'B01', 1000, meters['B01-MAIN']),
      meter('B02-MAIN', 'building_submeter', 'B02', 1000, meters['B02-MAIN']),
      meter('B02-GAS', 'gas', 'B02', null, meters['B02-GAS']),
    ],
    accounting: { ...DEFAULT_PARK_ACCOUNTING, ...accounting },
  };
}

export const TEST_PARK: ParkTopology = testPark();

/** 2026-11-28 10:00 in Asia/Shanghai (02:00 UTC). */
export const T0 = Date.UTC(2026, 10, 28, 2, 0);
export const MINUTE = 60_000;
export const HOUR = 3_600_000;

export function reading(meter: string, ts: number, values: AcceptedReading['values'], park: ParkTopology = TEST_PARK): AcceptedReading {
  const topology = park.meters.find((candidate) => candidate.id === meter);
  if (topology === undefined) throw new Error(`no meter ${meter} in the test park`);
  return { meter, building: topology.building, role: topology.role, carrier: topology.carrier, ts, values };
}
