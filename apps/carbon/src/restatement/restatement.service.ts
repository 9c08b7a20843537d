import { BadRequestException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { CARBON_BUILDING_SUM_FIELDS, CARBON_PARK_SUM_FIELDS, contractField, MINUTE_MS, minuteOf, ParkLedger, sumByLocalPeriod } from '@zeropark/carbon';
import type { CarbonPoint } from '@zeropark/contracts';
import type { ParkRegistry } from '@zeropark/registry';
import type { CarbonSum, TimeseriesStore } from '@zeropark/timeseries';
import type { Logger } from 'pino';
import type { CarbonConfig } from '../carbon.config.js';
import { CARBON_CONFIG, CLOCK, LOGGER, PARKS, STORE, type Clock } from '../config/injection-tokens.js';
import { LiveStateService } from '../live/live-state.service.js';

const DAY_MS = 86_400_000;
const BUCKET_MS = 15 * MINUTE_MS;
/** A restatement holds its whole range in memory, minute by minute: one month at most per request. */
export const MAX_RESTATEMENT_MS = 31 * DAY_MS;

export interface DayChange {
  day: string;
  before: { emissionsLocationKg: number; emissionsMarketKg: number };
  after: { emissionsLocationKg: number; emissionsMarketKg: number };
}

export interface RestatementResult {
  park: string;
  from: number;
  to: number;
  restatedAt: number;
  /** The factor set version of the new figures. */
  factorSetVersion: string;
  /** Points kept in `carbon_history` with the version that made them, and points written. */
  archived: number;
  written: number;
  days: DayChange[];
}

/**
 * Restatement (docs/carbon-method.md, §7): when a factor set
 * changed, a range of stored history is computed again from the stored readings with the
 * factors in force now. The figures it replaces stay in `carbon_history`, each with the factor
 * version that made it and the time of the restatement; the live totals take the difference.
 */
@Injectable()
export class RestatementService {
  constructor(
    @Inject(STORE) private readonly store: TimeseriesStore,
    @Inject(PARKS) private readonly parks: ReadonlyMap<string, ParkRegistry>,
    @Inject(CARBON_CONFIG) private readonly config: CarbonConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly live: LiveStateService,
  ) {}

  async restate(parkId: string, fromMs: number, toMs: number, subject: string): Promise<RestatementResult> {
    const registry = this.parks.get(parkId);
    const liveLedger = this.live.ledger(parkId);
    if (registry === undefined || liveLedger === undefined) throw new NotFoundException(`no park "${parkId}"`);
    const now = this.clock();
    const from = minuteOf(fromMs);
    const to = minuteOf(toMs);
    const liveFrom = minuteOf(now - this.live.liveWindowMs);
    const problems: string[] = [];
    if (to <= from) problems.push('to: must be at least a minute after from');
    if (to > liveFrom) problems.push(`to: must be before ${new Date(liveFrom).toISOString()}: the live window (CARBON_LIVE_WINDOW_MINUTES) is accounted with the current factors already`);
    if (to - from > MAX_RESTATEMENT_MS) problems.push('the range is longer than 31 days: restate it month by month');
    if (problems.length > 0) throw new BadRequestException(problems);

    // the range accounted again: contract volumes left at `from` from the series, readings replayed
    const topology = registry.topology;
    const replayMs = this.config.CARBON_REPLAY_HOURS * 3_600_000;
    const ledger = new ParkLedger(topology, { liveWindowMs: to - from + 2 * replayMs + DAY_MS, runId: `restatement-${now.toString(36)}` });
    const contractsFrom = Math.min(from, ...topology.accounting.contracts.map((contract) => Date.parse(`${contract.from}T00:00:00Z`) - DAY_MS));
    const contractSums = topology.accounting.contracts.length === 0 ? [] : await this.store.sumCarbon({ park: parkId, building: null, from: contractsFrom, to: from, bucketMs: BUCKET_MS, fields: topology.accounting.contracts.map(contractField) });
    const readings = await this.store.queryReadings({ park: parkId, from: from - replayMs, to: to + replayMs });
    ledger.restore({ cutoff: from, parkSums: contractSums, buildingSums: new Map(), readings });
    const replacement: CarbonPoint[] = ledger.takeCarbonPoints(to + replayMs).filter((point) => point.ts >= from && point.ts < to);

    // what changes, day by day, for the live totals and for the answer
    const oldPark = await this.store.sumCarbon({ park: parkId, building: null, from, to, bucketMs: BUCKET_MS, fields: CARBON_PARK_SUM_FIELDS });
    const oldBuildings = new Map(
      await Promise.all(topology.buildings.map(async (building) => [building.id, await this.store.sumCarbon({ park: parkId, building: building.id, from, to, bucketMs: BUCKET_MS, fields: CARBON_BUILDING_SUM_FIELDS })] as const)),
    );
    const restatedAt = now;
    const { archived, written } = await this.store.restateCarbon({ park: parkId, from, to, replacement, restatedAt });

    const timezone = topology.park.timezone;
    const before = byDay(oldPark, timezone);
    const after = byDay(replacement.filter((point) => point.building === null).map((point) => ({ ts: point.ts, sums: point.fields })), timezone);
    const beforeBuildings = new Map([...oldBuildings].map(([id, sums]) => [id, byDay(sums, timezone)]));
    const afterBuildings = new Map(topology.buildings.map((building) => [building.id, byDay(replacement.filter((point) => point.building === building.id).map((point) => ({ ts: point.ts, sums: point.fields })), timezone)]));
    const days = [...new Set([...before.keys(), ...after.keys()])].sort();
    liveLedger.adjustDays(
      days.map((day) => ({
        day,
        park: difference(after.get(day), before.get(day), CARBON_PARK_SUM_FIELDS),
        buildings: new Map(topology.buildings.map((building) => [building.id, difference(afterBuildings.get(building.id)?.get(day), beforeBuildings.get(building.id)?.get(day), CARBON_BUILDING_SUM_FIELDS)])),
      })),
    );
    const emissions = (sums: Record<string, number> | undefined) => ({
      emissionsLocationKg: (sums?.scope1Kg ?? 0) + (sums?.scope2LocationKg ?? 0) + (sums?.scope2HeatKg ?? 0),
      emissionsMarketKg: (sums?.scope1Kg ?? 0) + (sums?.scope2MarketKg ?? 0) + (sums?.scope2HeatKg ?? 0),
    });
    const result: RestatementResult = {
      park: parkId,
      from,
      to,
      restatedAt,
      factorSetVersion: ledger.factors.version,
      archived,
      written,
      days: days.map((day) => ({ day, before: emissions(before.get(day)), after: emissions(after.get(day)) })),
    };
    this.logger.info({ park: parkId, from: new Date(from).toISOString(), to: new Date(to).toISOString(), subject, archived, written, factorSetVersion: result.factorSetVersion }, 'history restated');
    return result;
  }
}

/** Sums of 15-minute (or minute) buckets added up per day of the park's calendar. */
function byDay(sums: readonly CarbonSum[], timezone: string): Map<string, Record<string, number>> {
  return new Map([...sumByLocalPeriod(sums, timezone, 'day')].map(([day, group]) => [day, group.sums]));
}

function difference(after: Record<string, number> | undefined, before: Record<string, number> | undefined, fields: readonly string[]): Record<string, number> {
  return Object.fromEntries(fields.map((field) => [field, (after?.[field] ?? 0) - (before?.[field] ?? 0)]));
}
