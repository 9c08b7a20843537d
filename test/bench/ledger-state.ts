import { ParkLedger } from '@zeropark/carbon';
import type { AcceptedReading } from '@zeropark/contracts';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { syntheticPark } from './synthetic-park.js';

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

const MINUTE = 60_000;

/**
 * The live state of one park of `buildings × metersPerBuilding` sub-meters, fed a reading per
 * meter per minute for `minutes` minutes (past the live window of `windowMinutes`, as the carbon
 * service runs it, so the window is full): the heap it holds per meter, and how many readings per
 * second one core applies, a snapshot a minute included.
 */
export function measureLedger(buildings: number, metersPerBuilding: number, windowMinutes: number, minutes: number): { bytesPerMeter: number; readingsPerSecond: number; meters: number } {
  const park = syntheticPark(buildings, metersPerBuilding);
  const meters = park.meters;
  collectGarbage();
  const heapBefore = process.memoryUsage().heapUsed;
  const ledger = new ParkLedger(park, { liveWindowMs: windowMinutes * MINUTE });
  const t0 = Date.UTC(2026, 10, 28, 0, 0);
  const counters = new Float64Array(meters.length);
  let applied = 0;
  const started = performance.now();
  for (let minute = 0; minute < minutes; minute += 1) {
    const ts = t0 + minute * MINUTE;
    meters.forEach((meter, index) => {
      counters[index] = (counters[index] ?? 0) + (meter.role === 'grid_import' ? 500 : 0.75);
      const reading: AcceptedReading = { meter: meter.id, building: meter.building, role: meter.role, carrier: meter.carrier, ts: ts + (index % 60) * 1000, values: { energy_import_kwh: Math.round((counters[index] ?? 0) * 100) / 100, power_kw: 45 } };
      ledger.apply(reading);
      applied += 1;
    });
    ledger.snapshot(ts + MINUTE);
  }
  const seconds = (performance.now() - started) / 1000;
  collectGarbage();
  const heapAfter = process.memoryUsage().heapUsed;
  // keep the ledger alive until measured
  if (ledger.topology.meters.length === 0) throw new Error('unreachable');
  return { bytesPerMeter: (heapAfter - heapBefore) / meters.length, readingsPerSecond: applied / seconds, meters: meters.length };
}
