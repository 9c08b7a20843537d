import { DEFAULT_PARK_ACCOUNTING, type MeterTopology, type ParkTopology } from '@zeropark/contracts';

/**
 * A park of `buildings × metersPerBuilding` sub-meters behind one grid meter, as the accounting
 * sees it (no registry, no secrets): for benchmarks of the live state.
 */
export function syntheticPark(buildings: number, metersPerBuilding: number): ParkTopology {
  const meter = (id: string, role: MeterTopology['role'], building: string | null): MeterTopology => ({
    id,
    role,
    carrier: 'electricity',
    building,
    ratedPowerKw: 100_000,
    counter: { onDecrease: 'reset' },
    gateway: 'g',
  });
  const meters: MeterTopology[] = [meter('GRID', 'grid_import', null)];
  for (let b = 0; b < buildings; b += 1) for (let m = 0; m < metersPerBuilding; m += 1) meters.push(meter(`B${b}-M${m}`, 'building_submeter', `B${b}`));
  return {
    park: { id: 'bench-park', name: 'Bench park', timezone: 'Asia/Shanghai', gridRegion: 'east-china' },
    buildings: Array.from({ length: buildings }, (_, b) => ({ id: `B${b}`, name: `Building ${b}` })),
    meters,
    accounting: DEFAULT_PARK_ACCOUNTING,
  };
}
