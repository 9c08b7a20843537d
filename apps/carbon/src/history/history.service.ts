import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import {
  BUILDING_HISTORY_FIELDS,
  BUILDING_HISTORY_FIGURES,
  buildingFigureOf,
  contractField,
  PARK_HISTORY_FIELDS,
  PARK_HISTORY_FIGURES,
  parkFigureOf,
  sumByLocalPeriod,
  type BuildingHistoryFigure,
  type ParkHistoryFigure,
} from '@zeropark/carbon';
import type { ParkRegistry } from '@zeropark/registry';
import type { CarbonSum, TimeseriesStore } from '@zeropark/timeseries';
import { PARKS, STORE } from '../config/injection-tokens.js';
import { LiveStateService } from '../live/live-state.service.js';
import type { HistoryQuery, Resolution } from './history-query.js';

export interface HistoryPoint {
  /** Start of the bucket, epoch ms (for days and months: the instant the day or month begins in the park's zone). */
  start: number;
  /** For days and months: the park's calendar day (`YYYY-MM-DD`) or month (`YYYY-MM`). */
  period?: string;
  value: number | null;
}

export interface HistoryAnswer {
  park: string;
  building: string | null;
  figure: string;
  unit: string;
  resolution: Resolution;
  timezone: string;
  from: number;
  to: number;
  /**
   * The `carbon` series held every minute before this instant when it was read, epoch ms: the
   * points after it (the current minute, a backlog still being written) may grow. Null when the
   * service could not say (docs/carbon-method.md, §6 "Complete through").
   */
  completeThrough: number | null;
  points: HistoryPoint[];
}

const STORE_BUCKET: Record<Resolution, number> = { '1m': 60_000, '15m': 900_000, '1h': 3_600_000, '1d': 900_000, '1mo': 900_000 };

/**
 * The history of a figure from the `carbon` series (InfluxQL on InfluxDB, SQL on SQLite): sums
 * per bucket, and the figure made from them as a snapshot makes it. Days and months follow the
 * park's time zone: 15-minute sums grouped by its calendar. Hours are whole UTC hours.
 */
@Injectable()
export class HistoryService {
  constructor(
    @Inject(STORE) private readonly store: TimeseriesStore,
    @Inject(PARKS) private readonly parks: ReadonlyMap<string, ParkRegistry>,
    private readonly live: LiveStateService,
  ) {}

  async history(parkId: string, query: HistoryQuery): Promise<HistoryAnswer> {
    const registry = this.parks.get(parkId);
    if (registry === undefined) throw new NotFoundException(`no park "${parkId}"`);
    const { timezone } = registry.topology.park;
    const building = query.building ?? null;
    if (building !== null && !registry.topology.buildings.some((candidate) => candidate.id === building)) {
      throw new NotFoundException(`no building "${building}" in park "${parkId}"`);
    }
    // before the store is asked: what was confirmed written by then, the query sees
    const completeThrough = this.live.seriesCompleteThrough(parkId);
    const fields = building === null ? [...PARK_HISTORY_FIELDS, ...registry.topology.accounting.contracts.map(contractField)] : [...BUILDING_HISTORY_FIELDS];
    const sums = await this.store.sumCarbon({ park: parkId, building, from: query.from, to: query.to, bucketMs: STORE_BUCKET[query.resolution], fields });
    const density = registry.topology.accounting.dieselDensityKgPerL?.value;
    const valueOf = (bucket: Record<string, number>) =>
      building === null ? parkFigureOf(query.figure as ParkHistoryFigure, bucket, density) : buildingFigureOf(query.figure as BuildingHistoryFigure, bucket);
    const groups = groupBy(sums, query.resolution, timezone);
    return {
      park: parkId,
      building,
      figure: query.figure,
      unit: building === null ? PARK_HISTORY_FIGURES[query.figure as ParkHistoryFigure] : BUILDING_HISTORY_FIGURES[query.figure as BuildingHistoryFigure],
      resolution: query.resolution,
      timezone,
      from: query.from,
      to: query.to,
      completeThrough,
      points: groups.map((group) => ({ start: group.start, ...(group.period === undefined ? {} : { period: group.period }), value: valueOf(group.sums) })),
    };
  }
}

function groupBy(sums: readonly CarbonSum[], resolution: Resolution, timezone: string): { start: number; period?: string; sums: Record<string, number> }[] {
  if (resolution !== '1d' && resolution !== '1mo') return sums.map((bucket) => ({ start: bucket.ts, sums: bucket.sums }));
  return [...sumByLocalPeriod(sums, timezone, resolution === '1d' ? 'day' : 'month')].map(([period, group]) => ({ period, ...group }));
}
