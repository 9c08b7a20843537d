import type { EnergyContract } from '@zeropark/contracts';
import { BUILDING_TOTAL_KEYS, PARK_TOTAL_KEYS } from './period-totals.js';

/**
 * Field names of the `carbon` series (DESIGN.md, "Storage"), one point a minute per park and per
 * building. The sums are what a restart adds back up; the ratios beside them are for people
 * reading the series (Grafana, InfluxQL) and are never summed.
 */
export const CARBON_PARK_SUM_FIELDS: readonly string[] = PARK_TOTAL_KEYS;
export const CARBON_BUILDING_SUM_FIELDS: readonly string[] = BUILDING_TOTAL_KEYS;

/** The kWh a minute drew from one contract, so a restart knows each contract's volume left. */
export function contractField(contract: Pick<EnergyContract, 'id'>): string {
  return `contract_${contract.id}_kwh`;
}
