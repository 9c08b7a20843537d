import { Inject, Injectable, type BeforeApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { BACKLOG_MINUTES_PER_TURN, minuteOf, ParkLedger, type LiveGridFactor, type SeriesProgress } from '@zeropark/carbon';
import { meterEveryMs, type AcceptedBatch, type BuildingDetail, type CarbonPoint, type ParkSnapshot } from '@zeropark/contracts';
import type { ParkRegistry } from '@zeropark/registry';
import type { TimeseriesStore } from '@zeropark/timeseries';
import type { Logger } from 'pino';
import type { CarbonConfig } from '../carbon.config.js';
import { CARBON_CONFIG, CLOCK, LOGGER, PARKS, STORE, type Clock } from '../config/injection-tokens.js';
import { CarbonMetrics } from '../metrics/carbon-metrics.js';
import { restoreLedger } from './ledger-restore.js';
import { PushCadence } from './push-cadence.js';

export type SnapshotListener = (snapshot: ParkSnapshot) => void;

/** A park's points handed out by its ledger and not yet confirmed by the store (in a write under way, or kept after a failed one). */
interface Unconfirmed {
  /** The earliest minute among them. */
  from: number;
  /** Late minutes among them (corrections of the park's own series). */
  lateMinutes: number;
}

/**
 * The live accounts of every park, fed by accepted batches from the bus. Before the bus is
 * opened they are rebuilt from the store, so a restart does not start today from zero; every
 * few seconds the minutes accounted anew go to the `carbon` series, and only the store's
 * confirmation makes them count as written (`quality.seriesCompleteThrough`, backlog done).
 * Each park's changes go out on its own push cadence, so a busy park never delays a quiet one,
 * and a meter going stale is pushed when it does, readings or not.
 */
@Injectable()
export class LiveStateService implements OnModuleInit, BeforeApplicationShutdown {
  private readonly ledgers = new Map<string, ParkLedger>();
  private readonly cadences = new Map<string, PushCadence>();
  /** Per park: when its next live meter goes stale, to push that news. */
  private readonly staleTimers = new Map<string, { at: number; timer: NodeJS.Timeout }>();
  private readonly listeners = new Set<SnapshotListener>();
  private seriesTimer: NodeJS.Timeout | undefined;
  private seriesWrite: Promise<void> = Promise.resolve();
  /** Points whose write failed, tried again with the next ones. */
  private unwritten: CarbonPoint[] = [];
  /** Per park: the minute boundary of the last take whose write the store confirmed (at first, the restore's cutoff). */
  private readonly writtenThrough = new Map<string, number>();
  /** Per park: what was handed out and is not yet confirmed written. */
  private unconfirmed = new Map<string, Unconfirmed>();
  private catchUpScheduled = false;
  private catchUpWriting = false;
  /** Set at shutdown, which catches up what is left itself, before the store closes. */
  private stopping = false;
  /** Minutes held in full for late readings; older ones live on in their day's sums. */
  readonly liveWindowMs: number;

  constructor(
    @Inject(PARKS) parks: ReadonlyMap<string, ParkRegistry>,
    @Inject(CARBON_CONFIG) private readonly config: CarbonConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(STORE) private readonly store: TimeseriesStore,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly metrics: CarbonMetrics,
  ) {
    this.liveWindowMs = config.CARBON_LIVE_WINDOW_MINUTES * 60_000;
    // names this run's corrections in the carbon series (late readings for minutes already written)
    const runId = clock().toString(36);
    for (const [parkId, registry] of parks) {
      this.ledgers.set(parkId, new ParkLedger(registry.topology, { liveWindowMs: this.liveWindowMs, runId, backlogMinutesPerCall: BACKLOG_MINUTES_PER_TURN }));
      // the beat lasts the park's shortest meter interval after a change: readings that come every
      // few seconds make one push every interval, not bursts (docs/architecture.md, "Live figures")
      const quietAfterMs = Math.min(...registry.topology.meters.map(meterEveryMs));
      this.cadences.set(parkId, new PushCadence(config.CARBON_PUSH_INTERVAL_MS, () => this.push(parkId), { quietAfterMs }));
    }
  }

  /** Nest awaits this before the bus opens (onApplicationBootstrap): no batch meets a half-built ledger. */
  async onModuleInit(): Promise<void> {
    for (const [parkId, ledger] of this.ledgers) {
      const started = performance.now();
      const restored = await restoreLedger(ledger, this.store, this.clock(), { liveWindowMs: this.liveWindowMs, replayHours: this.config.CARBON_REPLAY_HOURS });
      // the series holds what came before the cutoff; the minutes replayed after it are written anew
      this.writtenThrough.set(parkId, restored.cutoff);
      this.logger.info({ park: parkId, ...restored, ms: Math.round(performance.now() - started) }, 'live state rebuilt from the store');
    }
    this.seriesTimer = setInterval(() => void this.writeSeries(), this.config.CARBON_SERIES_INTERVAL_MS);
  }

  /** Applies an accepted batch; false when it named a park this service does not hold. */
  applyBatch(batch: AcceptedBatch): boolean {
    const ledger = this.ledgers.get(batch.park);
    if (ledger === undefined) return false;
    let changed = false;
    for (const reading of batch.readings) changed = ledger.apply(reading) || changed;
    if (changed) this.cadences.get(batch.park)?.changed();
    if (ledger.backlog().toAccount > 0) this.scheduleCatchUp();
    return true;
  }

  /** A live grid intensity for the parks of `region`; the ids of the parks it applies to. */
  applyGridIntensity(region: string, factor: LiveGridFactor): string[] {
    const parks: string[] = [];
    for (const [parkId, ledger] of this.ledgers) {
      if (ledger.topology.park.gridRegion !== region) continue;
      parks.push(parkId);
      ledger.applyLiveFactor(factor);
      this.cadences.get(parkId)?.changed(); // the factor in use is part of the snapshot
    }
    return parks;
  }

  snapshot(parkId: string): ParkSnapshot | undefined {
    return this.ledgers.get(parkId)?.snapshot(this.clock(), this.seriesProgress(parkId));
  }

  /**
   * Up to when a park's `carbon` series holds what the live figures hold, epoch ms: what a stored
   * answer (History, CSV, Report) read before it calls the store is complete through this
   * (docs/carbon-method.md, §6 "Complete through"); null for an unknown park or before the restore.
   */
  seriesCompleteThrough(parkId: string): number | null {
    return this.ledgers.get(parkId)?.seriesCompleteThrough(this.seriesProgress(parkId)) ?? null;
  }

  private seriesProgress(parkId: string): SeriesProgress {
    const written = this.writtenThrough.get(parkId);
    const unconfirmed = this.unconfirmed.get(parkId);
    return {
      confirmedThrough: written === undefined ? null : Math.min(written, unconfirmed?.from ?? Infinity),
      lateMinutesWriting: unconfirmed?.lateMinutes ?? 0,
    };
  }

  buildingDetail(parkId: string, buildingId: string): BuildingDetail | undefined {
    return this.ledgers.get(parkId)?.buildingDetail(buildingId, this.clock());
  }

  /** A park's ledger, for its factor set. */
  ledger(parkId: string): ParkLedger | undefined {
    return this.ledgers.get(parkId);
  }

  parkIds(): string[] {
    return [...this.ledgers.keys()];
  }

  onSnapshot(listener: SnapshotListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The minutes accounted anew, to the `carbon` series; what fails is kept for the next write. */
  writeSeries(): Promise<void> {
    this.seriesWrite = this.seriesWrite.then(async () => {
      let points = this.unwritten;
      try {
        // a gateway's backlog can bring hundreds of thousands of points: no spread into push
        const now = this.clock();
        points = points.concat(...[...this.ledgers.values()].map((ledger) => ledger.takeCarbonPoints(now)));
        this.unwritten = [];
        // handed out: not in the ledgers any more, not in the store yet
        this.unconfirmed = unconfirmedOf(points);
        if (points.length > 0) await this.store.writeCarbon(points);
        // confirmed: every minute before the take's own is in the series (the current one only so far)
        for (const parkId of this.ledgers.keys()) this.writtenThrough.set(parkId, minuteOf(now));
        const backlogWritten = [...this.unconfirmed].filter(([, park]) => park.lateMinutes > 0).map(([parkId]) => parkId);
        this.unconfirmed = new Map();
        // a backlog reaches 0 here, not before: dashboards learn it at once
        for (const parkId of backlogWritten) this.cadences.get(parkId)?.changed();
        if (points.length > 0) this.metrics.carbonPointsWritten.inc(points.length);
      } catch (error) {
        // never a rejection: the next write is chained on this one
        this.unwritten = points;
        this.metrics.carbonWriteFailures.inc();
        this.logger.warn({ reason: (error as Error).message, points: points.length }, 'carbon series write failed: kept, trying again');
      }
    });
    return this.seriesWrite;
  }

  /**
   * Last writes of the series, a backlog caught up first (its minutes before the restore's
   * cutoff would not come back after a restart); the store closes after this, on
   * onApplicationShutdown. A write that fails ends it: its points cannot be kept any longer.
   */
  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.seriesTimer);
    this.stopping = true;
    for (const cadence of this.cadences.values()) cadence.stop();
    for (const { timer } of this.staleTimers.values()) clearTimeout(timer);
    do {
      const now = this.clock();
      for (const ledger of this.ledgers.values()) ledger.catchUp(now);
      await this.writeSeries();
    } while (this.unwritten.length === 0 && this.backlogLeft());
  }

  /** Whether a park has a backlog still to account or to write. */
  private backlogLeft(): boolean {
    for (const ledger of this.ledgers.values()) {
      const { toAccount, toWrite } = ledger.backlog();
      if (toAccount > 0 || toWrite > 0) return true;
    }
    return false;
  }

  private scheduleCatchUp(): void {
    if (this.catchUpScheduled || this.stopping) return;
    this.catchUpScheduled = true;
    setImmediate(() => this.catchUp());
  }

  /**
   * One slice of every park's backlog, then the event loop turns (pushes, the bus) before the
   * next. The late minutes accounted go to the series as they come, one write at a time, for a
   * backlog's points would otherwise wait for the timer, a slice per write.
   */
  private catchUp(): void {
    this.catchUpScheduled = false;
    if (this.stopping) return;
    const now = this.clock();
    let accounting = false;
    let writing = false;
    for (const [parkId, ledger] of this.ledgers) {
      let left = ledger.backlog();
      if (left.toAccount > 0) {
        left = ledger.catchUp(now);
        this.cadences.get(parkId)?.changed();
      }
      this.metrics.backlogMinutes.set({ park: parkId }, left.toAccount);
      accounting ||= left.toAccount > 0;
      writing ||= left.toWrite > 0;
    }
    if (writing && !this.catchUpWriting) {
      this.catchUpWriting = true;
      void this.writeSeries().then(() => {
        this.catchUpWriting = false;
        // a failed write keeps its points for the timer's next try: no retry in a loop here
        if (this.unwritten.length === 0 && this.backlogLeft()) this.scheduleCatchUp();
      });
    }
    if (accounting) this.scheduleCatchUp();
  }

  private push(parkId: string): void {
    const snapshot = this.snapshot(parkId);
    if (snapshot === undefined) return;
    for (const listener of this.listeners) listener(snapshot);
    this.watchStaleness(parkId, snapshot.at);
  }

  /**
   * A meter going stale changes the snapshot with no reading to say so: a timer at that instant
   * pushes it (docs/carbon-method.md, §1 "Power now"). Every push sets it again, and a push
   * follows every change, so it always waits for the next meter to go stale.
   */
  private watchStaleness(parkId: string, at: number): void {
    if (this.stopping) return;
    const next = this.ledgers.get(parkId)?.nextPowerStaleAt(at) ?? null;
    const current = this.staleTimers.get(parkId);
    if (current !== undefined && current.at === next) return;
    if (current !== undefined) clearTimeout(current.timer);
    this.staleTimers.delete(parkId);
    if (next === null) return;
    const timer = setTimeout(() => {
      this.staleTimers.delete(parkId);
      this.cadences.get(parkId)?.changed();
    }, Math.max(0, next - this.clock()) + 1); // +1: at `next` itself the meter is already stale, never a moment early
    this.staleTimers.set(parkId, { at: next, timer });
  }
}

/** Per park, the earliest minute and the late minutes among points handed out to the store. */
function unconfirmedOf(points: readonly CarbonPoint[]): Map<string, Unconfirmed> {
  const parks = new Map<string, Unconfirmed>();
  for (const point of points) {
    let park = parks.get(point.park);
    if (park === undefined) parks.set(point.park, (park = { from: point.ts, lateMinutes: 0 }));
    park.from = Math.min(park.from, point.ts);
    // a correction is a late minute; the park's own point counts it once, not once per building
    if (point.correction !== undefined && point.building === null) park.lateMinutes += 1;
  }
  return parks;
}
