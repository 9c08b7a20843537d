import type { CarbonSum, EnergyContract } from '@zeropark/contracts';
import { localDay, localDayStart } from './local-day.js';
import { BUILDING_TOTAL_KEYS, PARK_TOTAL_KEYS } from './period-totals.js';

/**
 * Field names of the `carbon` series (docs/architecture.md, "Storage"), one point a minute per park and per
 * building. The sums are what a restart adds back up; the ratios beside them are for people
 * reading the series (Grafana, InfluxQL) and are never summed.
 */
export const CARBON_PARK_SUM_FIELDS: readonly string[] = PARK_TOTAL_KEYS;
export const CARBON_BUILDING_SUM_FIELDS: readonly string[] = BUILDING_TOTAL_KEYS;

/** The kWh a minute drew from one contract, so a restart knows each contract's volume left. */
export function contractField(contract: Pick<EnergyContract, 'id'>): string {
  return `contract_${contract.id}_kwh`;
}

/**
 * Sums of the series added up per calendar day (`YYYY-MM-DD`) or month (`YYYY-MM`) of a time zone,
 * in the order first met, each with the instant its day or month begins in that zone (where a chart
 * puts it, and what a CSV's start column says). The buckets must not straddle
 * a local day (15 minutes never do: every zone's offset is a multiple of it).
 */
export function sumByLocalPeriod(
  sums: readonly CarbonSum[],
  timezone: string,
  period: 'day' | 'month',
): Map<string, { start: number; sums: Record<string, number> }> {
  const periods = new Map<string, { start: number; sums: Record<string, number> }>();
  for (const bucket of sums) {
    const day = localDay(bucket.ts, timezone);
    const key = period === 'day' ? day : day.slice(0, 7);
    let group = periods.get(key);
    if (group === undefined) periods.set(key, (group = { start: localDayStart(period === 'day' ? day : `${key}-01`, timezone), sums: {} }));
    for (const [field, value] of Object.entries(bucket.sums)) group.sums[field] = (group.sums[field] ?? 0) + value;
  }
  return periods;
}
