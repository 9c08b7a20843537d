import {
  meterEveryMs,
  type AcceptedReading,
  type CarbonPoint,
  type CarbonSum,
  type BuildingDetail,
  type BuildingSnapshot,
  type DataQuality,
  type GridFactorInUse,
  type MeterSnapshot,
  type MeterTopology,
  type ParkSnapshot,
  type ParkTopology,
  type Quantity,
  type QuantityValues,
} from '@zeropark/contracts';
import { CARBON_BUILDING_SUM_FIELDS, CARBON_PARK_SUM_FIELDS, contractField } from './carbon-series.js';
import { ContractCoverage } from './contract-coverage.js';
import { counterStep } from './counter-baseline.js';
import type { CounterSample } from './counter-interval.js';
import { dec, ZERO, type Decimal } from './decimal.js';
import { FactorSet, type AppliedGridFactor, type LiveGridFactor } from './factor-set.js';
import { localDay, monthOfDay, yearOfDay } from './local-day.js';
import { accountMinute, emptyBuildingAccounts, emptyMinuteAccounts, type BuildingAccounts, type MinuteAccounts, type MinuteResult } from './minute-accounting.js';
import { MINUTE_MS, minuteOf, minutesCovered, spreadOverMinutes, type MinuteShare } from './minute-spread.js';
import { buildingFigures, periodFigures, storedSum } from './period-figures.js';
import { isLive, meterPowerState, nextStaleAt, powerFreshness, type PowerSample } from './power-freshness.js';
import { accumulate, BUILDING_TOTAL_KEYS, electricityConsumed, emptyTotals, PARK_TOTAL_KEYS, parkFigures, type BuildingTotals, type ParkTotals } from './period-totals.js';

type CounterQuantity = Exclude<Quantity, 'power_kw'>;

interface MeterState {
  /** Each counter's baseline: the last reading that counted. */
  counters: Partial<Record<CounterQuantity, CounterSample>>;
  /** Readings held as implausible until their counter's next reading (`counter-baseline.ts`); null while none is. */
  suspects: Partial<Record<CounterQuantity, CounterSample>> | null;
  powerKw: number | null;
  powerTs: number;
  lastReadingAt: number | null;
  implausibleIntervals: number;
}

/** What the ledger knows of one meter now: for alert rules on a meter's reading and its data quality. */
export interface MeterLive {
  /** Latest value of each quantity it reported. */
  values: QuantityValues;
  /** Counter intervals refused as implausible since the service started. */
  implausibleIntervals: number;
}

/** A minute still held in full, so late readings and the contracts' time order can change it. */
interface LiveMinute {
  day: string;
  accounts: MinuteAccounts;
  result: MinuteResult | null;
  /** kWh drawn from each contract in this minute. */
  drawn: Decimal[];
}

/** What a restart gives back: the series up to `cutoff`, and the readings to replay after it. */
export interface LedgerRestore {
  /** A minute boundary: the series holds everything before it; replayed readings count only after it. */
  cutoff: number;
  /** The park's series summed in buckets that never straddle a local day (e.g. 15 minutes), before `cutoff`. */
  parkSums: readonly CarbonSum[];
  /** Each building's series summed the same way, for today and yesterday. */
  buildingSums: ReadonlyMap<string, readonly CarbonSum[]>;
  /** Stored readings from some time before `cutoff` (the meters' last counters) until now, in time order. */
  readings: readonly AcceptedReading[];
}

export interface ParkLedgerOptions {
  /** How long minutes are held in full for late readings, ms (default two hours; the service sets its own). */
  liveWindowMs?: number;
  /** Names this run's corrections in the `carbon` series, unique per run (e.g. the start time). */
  runId?: string;
  /**
   * At most this many minutes of a backlog are booked, accounted, and made into corrections of
   * the `carbon` series in one call (`catchUp`, `snapshot`, `takeCarbonPoints`): a gateway that
   * sends weeks of readings at once then never holds its caller's event loop for seconds, and
   * `backlog()` says what is left for the next calls. Unbounded by default.
   */
  backlogMinutesPerCall?: number;
}

/** A counter difference spread over more minutes than are booked at once, booked a slice at a time. */
interface PendingSpread {
  meter: MeterTopology;
  account: NonNullable<Account>;
  shares: Iterator<MinuteShare, void>;
  /** Its next share, not booked yet; undefined once all are booked. */
  next: MinuteShare | undefined;
  /** Minutes of it not booked yet (what `backlog()` counts). */
  left: number;
}

/**
 * A slice of a backlog for a service to take per turn of its event loop (`backlogMinutesPerCall`):
 * a call books, accounts and makes points of this many minutes in tens of milliseconds on this
 * project's machine (docs/benchmarks.md, "live": `ledger_backlog_longest_call`), so pushes and
 * bus messages wait no longer than that while a backlog of weeks is caught up.
 */
export const BACKLOG_MINUTES_PER_TURN = 500;

/** A counter difference over at most this many minutes (an hourly reading's) is booked as it comes. */
const BOOKED_AT_ONCE_MINUTES = 60;

/**
 * What the service's writes have made of the points `takeCarbonPoints` handed out: the ledger
 * hands points out, the service writes them, and only the store's confirmation makes them
 * complete (docs/carbon-method.md, §6 "Complete through").
 */
export interface SeriesProgress {
  /**
   * The series is confirmed to hold every minute before this instant as of the points handed out:
   * the minute boundary of the last take whose write the store confirmed, held back to the
   * earliest point handed out and not yet confirmed; null before the service knows (before its restore).
   */
  confirmedThrough: number | null;
  /** Late minutes (corrections of the series) handed out whose write the store has not yet confirmed. */
  lateMinutesWriting: number;
}

/** Nothing handed out yet, nothing known of the series: a ledger on its own (specs). */
const NO_SERIES: SeriesProgress = { confirmedThrough: null, lateMinutesWriting: 0 };

/** What a ledger has still to do for a backlog: its figures wait for the first, the `carbon` series for both. */
export interface LedgerBacklog {
  /** Minutes of late readings not yet in the totals: to book, or booked and to account. */
  toAccount: number;
  /** Minutes accounted late, in the totals, whose corrections of the `carbon` series are still to take. */
  toWrite: number;
}

/** Late shares for a minute no longer held: accounted on their own, written as a correction beside its point. */
interface LateMinute {
  day: string;
  accounts: MinuteAccounts;
  result: MinuteResult | null;
}

/** Where a counter's difference goes, by the meter's role and the quantity. */
type Account = { park: 'gridImportKwh' | 'gridExportKwh' | 'generationKwh' | 'batteryChargeKwh' | 'batteryDischargeKwh' } | { building: keyof BuildingAccounts } | null;

function accountOf(role: MeterTopology['role'], quantity: CounterQuantity): Account {
  switch (role) {
    case 'grid_import':
      return quantity === 'energy_import_kwh' ? { park: 'gridImportKwh' } : quantity === 'energy_export_kwh' ? { park: 'gridExportKwh' } : null;
    case 'pv':
      // a PV meter counts what it generated as export; its own standby draw is inside the grid import already
      return quantity === 'energy_export_kwh' ? { park: 'generationKwh' } : null;
    case 'battery':
      return quantity === 'energy_import_kwh' ? { park: 'batteryChargeKwh' } : quantity === 'energy_export_kwh' ? { park: 'batteryDischargeKwh' } : null;
    case 'building_submeter':
      return quantity === 'energy_import_kwh' ? { building: 'electricityKwh' } : null;
    case 'gas':
      return quantity === 'gas_m3' ? { building: 'gasM3' } : null;
    case 'diesel':
      return quantity === 'diesel_l' ? { building: 'dieselL' } : null;
    case 'heat':
      return quantity === 'heat_gj' ? { building: 'heatGj' } : null;
  }
}

const DAY_MS = 86_400_000;

/** Meters whose power makes a figure "now": the park's consumption or a building's draw. */
const POWER_ROLES: ReadonlySet<MeterTopology['role']> = new Set(['grid_import', 'pv', 'battery', 'building_submeter']);

/** A decimal as a number; zero, most of a minute's figures, without decimal.js's way through a string. */
function numberOf(value: Decimal): number {
  return value.isZero() ? 0 : value.toNumber();
}

/**
 * The live accounts of one park, fed reading by reading; pure (no clock, no I/O): the caller
 * says when a snapshot is taken. The method is docs/carbon-method.md:
 * - each counter's difference between two readings is spread over the minutes between them;
 * - each minute is accounted with the factors of that minute (minute-accounting.ts);
 * - minutes add up to days, days to months and years; ratios are made from those sums.
 * Minutes of the last `liveWindowMs` are held in full and re-accounted when a late reading
 * lands in them; older ones live on only in their day's sums.
 */
export class ParkLedger {
  readonly factors: FactorSet;
  private readonly coverage: ContractCoverage;
  private readonly meterOf: ReadonlyMap<string, MeterTopology>;
  private readonly meters = new Map<string, MeterState>();
  private readonly minutes = new Map<number, LiveMinute>();
  /** Minutes held that changed since they were last accounted. */
  private readonly dirty = new Set<number>();
  /** Late minutes that changed since they were last accounted, oldest change first. */
  private readonly dirtyLate = new Set<number>();
  /** Counter differences over many minutes, waiting to be booked, all of them up to the same minute at a time. */
  private pendingSpreads: PendingSpread[] = [];
  private readonly backlogMinutesPerCall: number;
  /** Minutes re-accounted since the carbon series last took them. */
  private readonly unwritten = new Set<number>();
  /** Points of minutes that left the window before the carbon series took them. */
  private leftUnwritten: CarbonPoint[] = [];
  /** While replaying after a restart: shares before this minute are already in the series. */
  private replayCutoff = -Infinity;
  private readonly days = new Map<string, ParkTotals>();
  private readonly buildingDays = new Map<string, Map<string, BuildingTotals>>();
  /** Contract volumes left before the first minute held. */
  private leftBeforeWindow: Decimal[];
  private horizon = -Infinity;
  private newest = -Infinity;
  private readonly liveWindowMs: number;
  private readonly runId: string;
  private readonly lateMinutes = new Map<number, LateMinute>();
  private lateWrites = 0;
  private readonly quality: Omit<DataQuality, 'metersReporting' | 'meters' | 'backlogMinutes' | 'seriesCompleteThrough'> = {
    implausibleIntervals: 0,
    outlierReadings: 0,
    counterJumps: 0,
    counterResets: 0,
    counterRollovers: 0,
    staleReadings: 0,
    lateReadings: 0,
  };

  constructor(
    readonly topology: ParkTopology,
    options: ParkLedgerOptions = {},
  ) {
    this.factors = new FactorSet(topology.park.id, topology.park.gridRegion, topology.park.timezone, topology.accounting);
    this.coverage = new ContractCoverage(topology.accounting.contracts);
    this.leftBeforeWindow = this.coverage.fullVolumes();
    this.meterOf = new Map(topology.meters.map((meter) => [meter.id, meter]));
    this.liveWindowMs = options.liveWindowMs ?? 2 * 3_600_000;
    this.runId = options.runId ?? 'run';
    this.backlogMinutesPerCall = options.backlogMinutesPerCall ?? Infinity;
  }

  /** Takes one accepted reading; false when it changed nothing (unknown meter, stale, duplicate). */
  apply(reading: AcceptedReading): boolean {
    const meter = this.meterOf.get(reading.meter);
    if (meter === undefined) return false;
    const state = this.stateOf(meter.id);
    let changed = false;
    let stale = false;
    let late = false;

    for (const [quantity, value] of Object.entries(reading.values) as [Quantity, number][]) {
      if (quantity === 'power_kw') {
        if (reading.ts >= state.powerTs) {
          changed ||= state.powerKw !== value;
          state.powerKw = value;
          state.powerTs = reading.ts;
        } else stale = true;
        continue;
      }
      const sample = { ts: reading.ts, value };
      const baseline = state.counters[quantity];
      const held = baseline === undefined ? undefined : { baseline, suspect: state.suspects?.[quantity] ?? null };
      const step = counterStep(held, sample, meter.counter, meter.carrier === 'electricity' ? meter.ratedPowerKw : null);
      if (step.kind === 'stale') {
        stale = true;
        continue;
      }
      changed = true;
      if (step.kind === 'held') (state.suspects ??= {})[quantity] = sample;
      else {
        state.counters[quantity] = sample;
        if (state.suspects !== null) delete state.suspects[quantity];
      }
      if (step.kind === 'first') continue;
      if (step.kind !== 'rebaselined' && step.outlier !== null) this.quality.outlierReadings += 1;
      if (step.kind === 'held') {
        this.quality.implausibleIntervals += 1;
        state.implausibleIntervals += 1;
        continue;
      }
      // a confirmed jump: the time from the baseline to the jump stays unmetered, never a reset
      if (step.kind === 'rebaselined') this.quality.counterJumps += 1;
      const { interval } = step;
      if (interval.how === 'reset') this.quality.counterResets += 1;
      if (interval.how === 'rollover') this.quality.counterRollovers += 1;
      const account = accountOf(meter.role, quantity);
      if (account === null || interval.amount.isZero()) continue;
      const shares = spreadOverMinutes(interval.from, interval.to, interval.amount);
      const minutes = minutesCovered(interval.from, interval.to);
      if (minutes <= BOOKED_AT_ONCE_MINUTES) {
        for (const share of shares) late = this.book(share.minute, meter, account, share.amount) || late;
      } else {
        // a gap of days: booked by the next calls, a slice at a time (`backlogMinutesPerCall`)
        const next = shares.next();
        if (next.done === true) continue;
        this.pendingSpreads.push({ meter, account, shares, next: next.value, left: minutes });
        late ||= interval.from < this.horizon;
      }
    }
    if (stale) this.quality.staleReadings += 1;
    if (late) this.quality.lateReadings += 1;
    if (state.lastReadingAt === null || reading.ts > state.lastReadingAt) state.lastReadingAt = reading.ts;
    this.newest = Math.max(this.newest, reading.ts);
    return changed;
  }

  /** Each meter heard since the start (or the restore): its latest values and refused intervals. */
  meterLive(): Map<string, MeterLive> {
    const live = new Map<string, MeterLive>();
    for (const [meter, state] of this.meters) {
      const values: QuantityValues = {};
      // a held jump is not the counter's value until its next reading confirms it
      for (const [quantity, sample] of Object.entries(state.counters) as [CounterQuantity, CounterSample][]) values[quantity] = sample.value;
      if (state.powerKw !== null) values.power_kw = state.powerKw;
      live.set(meter, { values, implausibleIntervals: state.implausibleIntervals });
    }
    return live;
  }

  /** The park at `at`; `series` says what of the handed-out points the store has confirmed. */
  snapshot(at: number, series: SeriesProgress = NO_SERIES): ParkSnapshot {
    this.slideTo(at);
    const { park } = this.topology;
    const day = localDay(at, park.timezone);
    const density = this.factors.fuels.dieselDensityKgPerL;
    const sumDays = (belongs: (candidate: string) => boolean): ParkTotals => {
      const totals = emptyTotals(PARK_TOTAL_KEYS);
      for (const [candidate, dayTotals] of this.days) if (belongs(candidate)) accumulate(totals, dayTotals, PARK_TOTAL_KEYS);
      return totals;
    };
    const today = this.days.get(day) ?? emptyTotals(PARK_TOTAL_KEYS);
    const year = sumDays((candidate) => yearOfDay(candidate) === yearOfDay(day));
    const month = sumDays((candidate) => monthOfDay(candidate) === monthOfDay(day));

    const last5 = emptyTotals(PARK_TOTAL_KEYS);
    for (let minute = minuteOf(at) - 4 * MINUTE_MS; minute <= minuteOf(at); minute += MINUTE_MS) {
      const result = this.minutes.get(minute)?.result;
      if (result) accumulate(last5, result.park, PARK_TOTAL_KEYS);
    }
    const last5Figures = parkFigures(last5, density);

    // only live meters make "now": a stale one's last power is reported beside it (docs/carbon-method.md, §1 "Power now")
    const power = { consumptionKw: 0, gridKw: 0, generationKw: 0, batteryKw: 0 };
    const parkSamples: PowerSample[] = [];
    let lastReadingAt: number | null = null;
    let metersReporting = 0;
    for (const meter of this.topology.meters) {
      const state = this.meters.get(meter.id);
      if (meter.role === 'grid_import' || meter.role === 'pv' || meter.role === 'battery') {
        const sample = this.powerSample(meter, state);
        parkSamples.push(sample);
        const kw = isLive(sample, at) ? (sample.powerKw ?? 0) : 0;
        if (meter.role === 'grid_import') power.gridKw += kw;
        if (meter.role === 'pv') power.generationKw += kw;
        if (meter.role === 'battery') power.batteryKw += kw;
      }
      if (state === undefined) continue;
      metersReporting += 1;
      if (state.lastReadingAt !== null && (lastReadingAt === null || state.lastReadingAt > lastReadingAt)) lastReadingAt = state.lastReadingAt;
    }
    power.consumptionKw = power.gridKw + power.generationKw - power.batteryKw;
    const consumptionFreshness = powerFreshness(parkSamples, at);
    const buildings = this.topology.buildings.map((building) => this.buildingSnapshot(building, at, day));
    const buildingsKw = buildings.reduce((sum, building) => sum + building.powerKw, 0);
    // a building without sub-meters is unmetered by design, not missing
    const metered = new Set(this.topology.meters.filter((meter) => meter.role === 'building_submeter').map((meter) => meter.building));

    const yearFigures = periodFigures(year, density);
    const backlog = this.backlog();
    const budget = this.topology.accounting.yearlyBudgetTCo2;
    const minute = minuteOf(at);
    return {
      parkId: park.id,
      name: park.name,
      timezone: park.timezone,
      at,
      day,
      power,
      intensityLast5MinGPerKwh: last5Figures.intensityGPerKwh === null ? null : last5Figures.intensityGPerKwh.toNumber(),
      today: periodFigures(today, density),
      month: periodFigures(month, density),
      year: yearFigures,
      budget: budget === null ? null : { yearlyTCo2: budget, usedTCo2: yearFigures.emissionsLocationKg / 1000, usedShare: yearFigures.emissionsLocationKg / 1000 / budget },
      factor: {
        grid: factorInUse(this.factors.gridAverageAt(minute)),
        residual: factorInUse(this.factors.residualAt(minute)),
        factorSetVersion: this.factors.versionAt(minute),
      },
      lastReadingAt,
      quality: {
        metersReporting,
        meters: this.topology.meters.length,
        ...this.quality,
        // done only once the store confirmed its minutes: an export right after then holds them
        backlogMinutes: backlog.toAccount + backlog.toWrite + series.lateMinutesWriting,
        seriesCompleteThrough: this.seriesCompleteThrough(series),
      },
      powerFreshness: consumptionFreshness,
      unmetered: {
        kw: consumptionFreshness.state === 'live' ? power.consumptionKw - buildingsKw : null,
        buildingsMissing: buildings.filter((building) => metered.has(building.buildingId) && building.powerFreshness.state !== 'live').map((building) => building.buildingId),
      },
      buildings,
    };
  }

  /**
   * Up to when the `carbon` series holds what this ledger has accounted, given what the service
   * says the store confirmed: held back to the first minute accounted anew, booked late, or still
   * to book (a backlog) that has not been handed out since (docs/carbon-method.md, §6 "Complete through").
   */
  seriesCompleteThrough(series: SeriesProgress): number | null {
    if (series.confirmedThrough === null) return null;
    let through = series.confirmedThrough;
    for (const minute of this.dirty) through = Math.min(through, minute);
    for (const minute of this.unwritten) through = Math.min(through, minute);
    for (const point of this.leftUnwritten) through = Math.min(through, point.ts);
    for (const minute of this.dirtyLate) through = Math.min(through, minute);
    for (const minute of this.lateMinutes.keys()) through = Math.min(through, minute);
    for (const spread of this.pendingSpreads) through = Math.min(through, spread.next?.minute ?? Infinity);
    return through;
  }

  /** The next instant after `at` at which a meter's power goes stale, so a push can say so; null when none is live. */
  nextPowerStaleAt(at: number): number | null {
    return nextStaleAt(
      this.topology.meters.map((meter) => this.powerSample(meter, this.meters.get(meter.id))),
      at,
    );
  }

  private powerSample(meter: MeterTopology, state: MeterState | undefined): PowerSample {
    const heard = state !== undefined && state.powerKw !== null;
    return { meterId: meter.id, everyMs: meterEveryMs(meter), powerKw: heard ? state.powerKw : null, ts: heard ? state.powerTs : null };
  }

  /**
   * The minutes accounted anew since the last call, as points of the `carbon` series: one for
   * the park and one per building with figures. Writing the same minute again overwrites it.
   */
  takeCarbonPoints(at: number): CarbonPoint[] {
    this.slideTo(at);
    const points = this.leftUnwritten;
    this.leftUnwritten = [];
    for (const minute of [...this.unwritten].sort((a, b) => a - b)) {
      const live = this.minutes.get(minute);
      if (live?.result === undefined || live.result === null) continue;
      points.push(...this.pointsOf(minute, live.result, live.drawn));
    }
    this.unwritten.clear();
    // the late minutes accounted, as many as one call takes; those still to account wait
    const taken: [number, LateMinute][] = [];
    for (const [minute, late] of this.lateMinutes) {
      if (taken.length >= this.backlogMinutesPerCall) break;
      if (late.result === null || this.dirtyLate.has(minute)) continue;
      taken.push([minute, late]);
      this.lateMinutes.delete(minute);
    }
    if (taken.length > 0) {
      // each write's corrections under their own name, so a later one never overwrites them
      this.lateWrites += 1;
      const correction = `${this.runId}.${this.lateWrites}`;
      for (const [minute, late] of taken.sort(([a], [b]) => a - b)) {
        for (const point of this.pointsOf(minute, late.result as MinuteResult, [])) points.push({ ...point, correction });
      }
    }
    return points;
  }

  /** What is left of a backlog for the next calls (`backlogMinutesPerCall`). */
  backlog(): LedgerBacklog {
    let toBook = 0;
    for (const spread of this.pendingSpreads) toBook += spread.left;
    return { toAccount: toBook + this.dirtyLate.size, toWrite: this.lateMinutes.size - this.dirtyLate.size };
  }

  /** Goes on with a backlog, as far as one call goes: books and accounts the next late minutes. */
  catchUp(at: number): LedgerBacklog {
    this.slideTo(at);
    return this.backlog();
  }

  /** A minute's result as points: the park's and each building's. */
  private pointsOf(minute: number, result: MinuteResult, drawn: readonly Decimal[]): CarbonPoint[] {
    const parkId = this.topology.park.id;
    const factorVersion = this.factors.versionAt(minute);
    const figures = parkFigures(result.park, this.factors.fuels.dieselDensityKgPerL);
    const fields: Record<string, number> = {};
    for (const key of PARK_TOTAL_KEYS) fields[key] = numberOf(result.park[key]);
    this.coverage.contracts.forEach((contract, index) => {
      const kwh = drawn[index];
      if (kwh !== undefined && !kwh.isZero()) fields[contractField(contract)] = kwh.toNumber();
    });
    fields.electricityConsumedKwh = figures.electricityConsumedKwh.toNumber();
    fields.emissionsLocationKg = figures.emissionsLocationKg.toNumber();
    fields.emissionsMarketKg = figures.emissionsMarketKg.toNumber();
    if (figures.intensityGPerKwh !== null) fields.intensityGPerKwh = figures.intensityGPerKwh.toNumber();
    if (figures.renewableShare !== null) fields.renewableShare = figures.renewableShare.toNumber();
    const points: CarbonPoint[] = [{ park: parkId, building: null, ts: minute, fields, factorVersion }];
    for (const [building, totals] of result.buildings) {
      const buildingFields: Record<string, number> = {};
      for (const key of BUILDING_TOTAL_KEYS) buildingFields[key] = numberOf(totals[key]);
      buildingFields.emissionsKg = totals.electricityKg.plus(totals.scope1Kg).plus(totals.scope2HeatKg).toNumber();
      points.push({ park: parkId, building, ts: minute, fields: buildingFields, factorVersion });
    }
    return points;
  }

  /** Field names a restart sums from the park's series: the totals and each contract's draw. */
  restoreFields(): { park: string[]; building: string[] } {
    return { park: [...CARBON_PARK_SUM_FIELDS, ...this.coverage.contracts.map(contractField)], building: [...CARBON_BUILDING_SUM_FIELDS] };
  }

  /**
   * Rebuilds the state after a restart, so totals do not start again from zero
   * (docs/carbon-method.md, §6): the days come back from the series before `cutoff`, each contract's volume
   * left from its draws, and the minutes after `cutoff` from replaying the stored readings
   * (which also gives each meter its last counter values back).
   */
  restore(input: LedgerRestore): void {
    const timezone = this.topology.park.timezone;
    const used = this.coverage.contracts.map(() => ZERO);
    for (const bucket of input.parkSums) {
      const day = localDay(bucket.ts, timezone);
      let totals = this.days.get(day);
      if (totals === undefined) this.days.set(day, (totals = emptyTotals(PARK_TOTAL_KEYS)));
      for (const key of PARK_TOTAL_KEYS) totals[key] = totals[key].plus(storedSum(bucket.sums[key] ?? 0));
      this.coverage.contracts.forEach((contract, index) => {
        used[index] = (used[index] ?? ZERO).plus(storedSum(bucket.sums[contractField(contract)] ?? 0));
      });
    }
    this.leftBeforeWindow = this.coverage.fullVolumes().map((volume, index) => volume.minus(used[index] ?? ZERO));
    for (const [building, sums] of input.buildingSums) {
      for (const bucket of sums) {
        const day = localDay(bucket.ts, timezone);
        let buildings = this.buildingDays.get(day);
        if (buildings === undefined) this.buildingDays.set(day, (buildings = new Map()));
        let totals = buildings.get(building);
        if (totals === undefined) buildings.set(building, (totals = emptyTotals(BUILDING_TOTAL_KEYS)));
        for (const key of BUILDING_TOTAL_KEYS) totals[key] = totals[key].plus(storedSum(bucket.sums[key] ?? 0));
      }
    }
    this.horizon = Math.max(this.horizon, input.cutoff);
    this.replayCutoff = input.cutoff;
    try {
      for (const reading of input.readings) this.apply(reading);
      // before the cutoff is lifted: it keeps out of these shares what the series already holds
      this.bookPending(Infinity);
    } finally {
      this.replayCutoff = -Infinity;
    }
    // the replayed minutes are already in the series up to the last write before the restart; writing them again is harmless
  }

  /**
   * A grid intensity from the live feed for a span of time: minutes of that span still held are
   * accounted again with it; later minutes take it as they come. True when a held minute changed.
   */
  applyLiveFactor(factor: LiveGridFactor): boolean {
    this.factors.addLiveFactor(factor);
    let changed = false;
    for (const [minute, live] of this.minutes) {
      if (minute + MINUTE_MS <= factor.from || minute >= factor.to || live.result === null) continue;
      this.dirty.add(minute);
      changed = true;
    }
    return changed;
  }

  /**
   * Adds to days what a restatement changed in them (new sums − old sums, per day of the park's
   * calendar, for the park and its buildings), so today, this month and this year show the
   * restated history without a restart.
   */
  adjustDays(changes: readonly { day: string; park: Readonly<Record<string, number>>; buildings: ReadonlyMap<string, Readonly<Record<string, number>>> }[]): void {
    for (const change of changes) {
      let park = this.days.get(change.day);
      if (park === undefined) this.days.set(change.day, (park = emptyTotals(PARK_TOTAL_KEYS)));
      for (const key of PARK_TOTAL_KEYS) park[key] = park[key].plus(dec(change.park[key] ?? 0));
      const buildings = this.buildingDays.get(change.day);
      if (buildings === undefined) continue; // only today and yesterday are held per building
      for (const [building, delta] of change.buildings) {
        let totals = buildings.get(building);
        if (totals === undefined) buildings.set(building, (totals = emptyTotals(BUILDING_TOTAL_KEYS)));
        for (const key of BUILDING_TOTAL_KEYS) totals[key] = totals[key].plus(dec(delta[key] ?? 0));
      }
    }
  }

  /** Books a minute's share of a counter difference; true when the minute is no longer held (a late reading). */
  private book(minute: number, meter: MeterTopology, account: NonNullable<Account>, amount: Decimal): boolean {
    if (minute < this.replayCutoff) return false;
    const isLate = minute < this.horizon;
    const held = isLate ? this.lateMinute(minute) : this.liveMinute(minute);
    const { accounts } = held;
    if ('park' in account) accounts[account.park] = accounts[account.park].plus(amount);
    else {
      const holder = meter.building === null ? accounts.site : this.buildingAccounts(accounts, meter.building);
      holder[account.building] = holder[account.building].plus(amount);
    }
    (isLate ? this.dirtyLate : this.dirty).add(minute);
    return isLate;
  }

  /**
   * Books about `most` minutes of the pending spreads, in time order across them all: each books
   * its shares up to the same minute, so a minute gets the shares of every meter of a backlog
   * before it is accounted (and written once, not once per meter). The minutes booked.
   */
  private bookPending(most: number): number {
    let booked = 0;
    while (booked < most && this.pendingSpreads.length > 0) {
      let earliest = Infinity;
      for (const spread of this.pendingSpreads) earliest = Math.min(earliest, spread.next?.minute ?? Infinity);
      const until = earliest + Math.max(1, Math.floor((most - booked) / this.pendingSpreads.length)) * MINUTE_MS;
      for (const spread of this.pendingSpreads) {
        for (let share = spread.next; share !== undefined && share.minute < until; share = spread.next) {
          this.book(share.minute, spread.meter, spread.account, share.amount);
          booked += 1;
          const next = spread.shares.next();
          spread.next = next.done === true ? undefined : next.value;
          spread.left = spread.next === undefined ? 0 : Math.max(1, spread.left - 1);
        }
      }
      this.pendingSpreads = this.pendingSpreads.filter((spread) => spread.next !== undefined);
    }
    return booked;
  }

  private lateMinute(minute: number): LateMinute {
    let late = this.lateMinutes.get(minute);
    if (late === undefined) {
      late = { day: localDay(minute, this.topology.park.timezone), accounts: emptyMinuteAccounts(), result: null };
      this.lateMinutes.set(minute, late);
    }
    return late;
  }

  private liveMinute(minute: number): LiveMinute {
    let live = this.minutes.get(minute);
    if (live === undefined) {
      live = { day: localDay(minute, this.topology.park.timezone), accounts: emptyMinuteAccounts(), result: null, drawn: [] };
      this.minutes.set(minute, live);
    }
    return live;
  }

  private buildingAccounts(accounts: MinuteAccounts, building: string): BuildingAccounts {
    let found = accounts.buildings.get(building);
    if (found === undefined) accounts.buildings.set(building, (found = emptyBuildingAccounts()));
    return found;
  }

  /**
   * Re-accounts the minutes that changed, in time order (a contract's volume is drawn in that
   * order): every minute held, and as many of a backlog's as one call takes.
   */
  private refresh(): void {
    this.bookPending(this.backlogMinutesPerCall);
    // late shares: on their own, at the factors of their minute, no contract draw; buildings at the
    // day's intensity so far when the late data holds no park consumption of its own
    let accounted = 0;
    for (const minute of this.dirtyLate) {
      if (accounted >= this.backlogMinutesPerCall) break;
      this.dirtyLate.delete(minute);
      accounted += 1;
      const late = this.lateMinutes.get(minute);
      if (late === undefined) continue;
      const result = accountMinute(minute, late.accounts, this.factors, { coveredKwh: ZERO, contractKg: ZERO }, this.dayKgPerKwh(late.day));
      if (late.result !== null) this.addToDay(late.day, late.result, -1);
      this.addToDay(late.day, result, 1);
      late.result = result;
    }
    if (this.dirty.size === 0) return;
    let first = Infinity;
    for (const minute of this.dirty) first = Math.min(first, minute); // no spread: a backlog can make many
    const withContracts = this.coverage.contracts.length > 0;
    const left = [...this.leftBeforeWindow];
    for (const minute of [...this.minutes.keys()].sort((a, b) => a - b)) {
      const live = this.minutes.get(minute);
      if (live === undefined) continue;
      const recompute = withContracts ? minute >= first : this.dirty.has(minute);
      if (!recompute) {
        live.drawn.forEach((drawn, index) => (left[index] = (left[index] ?? ZERO).minus(drawn)));
        continue;
      }
      const draw = withContracts ? this.coverage.draw(live.day, live.accounts.gridImportKwh, left) : { coveredKwh: ZERO, contractKg: ZERO, drawn: [] };
      const result = accountMinute(minute, live.accounts, this.factors, draw);
      if (live.result !== null) this.addToDay(live.day, live.result, -1);
      this.addToDay(live.day, result, 1);
      live.result = result;
      live.drawn = draw.drawn;
      this.unwritten.add(minute);
    }
    this.dirty.clear();
  }

  private dayKgPerKwh(day: string): Decimal {
    const totals = this.days.get(day);
    if (totals === undefined) return ZERO;
    const consumed = electricityConsumed(totals);
    return consumed.greaterThan(0) ? totals.scope2LocationKg.dividedBy(consumed) : ZERO;
  }

  /** Moves the window of minutes held: what falls out keeps its share in its day and in the contracts' volumes. */
  private slideTo(at: number): void {
    this.refresh();
    this.horizon = Math.max(this.horizon, Math.max(at, this.newest) - this.liveWindowMs);
    for (const [minute, live] of this.minutes) {
      if (minute >= this.horizon) continue;
      live.drawn.forEach((drawn, index) => (this.leftBeforeWindow[index] = (this.leftBeforeWindow[index] ?? ZERO).minus(drawn)));
      // accounted but not yet written: its points wait for the next write, or the series would miss it
      if (this.unwritten.delete(minute) && live.result !== null) this.leftUnwritten.push(...this.pointsOf(minute, live.result, live.drawn));
      this.minutes.delete(minute);
    }
    // a building's days are kept for today and yesterday only; the park's for this year and the last
    const yesterday = localDay(at - DAY_MS, this.topology.park.timezone);
    for (const day of this.buildingDays.keys()) if (day < yesterday) this.buildingDays.delete(day);
    const lastYear = String(Number(yearOfDay(localDay(at, this.topology.park.timezone))) - 1);
    for (const day of this.days.keys()) if (yearOfDay(day) < lastYear) this.days.delete(day);
  }

  private addToDay(day: string, result: MinuteResult, sign: 1 | -1): void {
    let park = this.days.get(day);
    if (park === undefined) this.days.set(day, (park = emptyTotals(PARK_TOTAL_KEYS)));
    accumulate(park, result.park, PARK_TOTAL_KEYS, sign);
    let buildings = this.buildingDays.get(day);
    if (buildings === undefined) this.buildingDays.set(day, (buildings = new Map()));
    for (const [id, totals] of result.buildings) {
      let building = buildings.get(id);
      if (building === undefined) buildings.set(id, (building = emptyTotals(BUILDING_TOTAL_KEYS)));
      accumulate(building, totals, BUILDING_TOTAL_KEYS, sign);
    }
  }

  /** A building with each of its meters' latest power, freshness and refused intervals; undefined for an unknown building. */
  buildingDetail(buildingId: string, at: number): BuildingDetail | undefined {
    const building = this.topology.buildings.find((candidate) => candidate.id === buildingId);
    if (building === undefined) return undefined;
    this.slideTo(at);
    const snapshot = this.buildingSnapshot(building, at, localDay(at, this.topology.park.timezone));
    const meters = this.topology.meters
      .filter((meter) => meter.building === buildingId)
      .map((meter): MeterSnapshot => {
        const state = this.meters.get(meter.id);
        const sample = this.powerSample(meter, state);
        const powerState = POWER_ROLES.has(meter.role) || sample.ts !== null ? meterPowerState(sample, at) : null;
        return {
          meterId: meter.id,
          role: meter.role,
          carrier: meter.carrier,
          gateway: meter.gateway,
          powerKw: state?.powerKw ?? null,
          lastReadingAt: state?.lastReadingAt ?? null,
          implausibleIntervals: state?.implausibleIntervals ?? 0,
          everyMs: sample.everyMs,
          powerState,
        };
      });
    return { ...snapshot, meters };
  }

  private buildingSnapshot(building: { id: string; name: string }, at: number, day: string): BuildingSnapshot {
    let powerKw = 0;
    let lastReadingAt: number | null = null;
    const samples: PowerSample[] = [];
    for (const meter of this.topology.meters) {
      if (meter.building !== building.id) continue;
      const state = this.meters.get(meter.id);
      if (meter.role === 'building_submeter') {
        // only a live sub-meter is "now" (docs/carbon-method.md, §1 "Power now")
        const sample = this.powerSample(meter, state);
        samples.push(sample);
        if (isLive(sample, at)) powerKw += sample.powerKw ?? 0;
      }
      const heardAt = state?.lastReadingAt ?? null;
      if (heardAt !== null && (lastReadingAt === null || heardAt > lastReadingAt)) lastReadingAt = heardAt;
    }
    const totals = this.buildingDays.get(day)?.get(building.id) ?? emptyTotals(BUILDING_TOTAL_KEYS);
    return { parkId: this.topology.park.id, buildingId: building.id, name: building.name, at, powerKw, powerFreshness: powerFreshness(samples, at), today: buildingFigures(totals), lastReadingAt };
  }

  private stateOf(meterId: string): MeterState {
    let state = this.meters.get(meterId);
    if (state === undefined) {
      state = { counters: {}, suspects: null, powerKw: null, powerTs: -Infinity, lastReadingAt: null, implausibleIntervals: 0 };
      this.meters.set(meterId, state);
    }
    return state;
  }
}

function factorInUse(factor: AppliedGridFactor): GridFactorInUse {
  return { region: factor.region, year: factor.year, kgCo2PerKwh: factor.kgCo2PerKwh.toNumber(), origin: factor.origin, source: factor.source };
}
