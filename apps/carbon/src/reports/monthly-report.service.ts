import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { BUILDING_HISTORY_FIELDS, contractField, localDayStart, monthlyReport, nextMonth, PARK_HISTORY_FIELDS, sumByLocalPeriod } from '@zeropark/carbon';
import type { MonthlyReport } from '@zeropark/contracts';
import type { ParkRegistry } from '@zeropark/registry';
import type { TimeseriesStore } from '@zeropark/timeseries';
import { CLOCK, PARKS, STORE, type Clock } from '../config/injection-tokens.js';
import { LiveStateService } from '../live/live-state.service.js';

/** 15-minute sums, grouped by the park's calendar: days and the month follow its time zone. */
const BUCKET_MS = 900_000;

/** A park's monthly report from the `carbon` series: sums of the month, of each day and of each building. */
@Injectable()
export class MonthlyReportService {
  constructor(
    @Inject(STORE) private readonly store: TimeseriesStore,
    @Inject(PARKS) private readonly parks: ReadonlyMap<string, ParkRegistry>,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly live: LiveStateService,
  ) {}

  async report(parkId: string, month: string): Promise<MonthlyReport> {
    const registry = this.parks.get(parkId);
    const ledger = this.live.ledger(parkId);
    if (registry === undefined || ledger === undefined) throw new NotFoundException(`no park "${parkId}"`);
    const { topology } = registry;
    const { timezone } = topology.park;
    const from = localDayStart(`${month}-01`, timezone);
    const to = localDayStart(`${nextMonth(month)}-01`, timezone);
    // before the store is asked: what was confirmed written by then, the sums below see
    const completeThrough = this.live.seriesCompleteThrough(parkId);
    const range = { park: parkId, from, to, bucketMs: BUCKET_MS };
    const parkFields = [...PARK_HISTORY_FIELDS, ...topology.accounting.contracts.map(contractField)];
    const parkSums = await this.store.sumCarbon({ ...range, building: null, fields: parkFields });
    const days = sumByLocalPeriod(parkSums, timezone, 'day');
    const buildingSums = new Map<string, Record<string, number>>();
    for (const building of topology.buildings) {
      const sums = await this.store.sumCarbon({ ...range, building: building.id, fields: BUILDING_HISTORY_FIELDS });
      buildingSums.set(building.id, sumByLocalPeriod(sums, timezone, 'month').get(month)?.sums ?? {});
    }
    const points = await this.store.queryCarbon({ park: parkId, building: null, from, to });
    return monthlyReport({
      topology,
      factors: ledger.factors,
      month,
      from,
      to,
      madeAt: this.clock(),
      completeThrough,
      parkSums: sumByLocalPeriod(parkSums, timezone, 'month').get(month)?.sums ?? {},
      buildingSums,
      daySums: new Map([...days].map(([day, group]) => [day, group.sums])),
      factorSetVersions: [...new Set(points.map((point) => point.factorVersion))].sort(),
    });
  }
}
