import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { ParkLedger } from '@zeropark/carbon';
import type { AcceptedBatch, ParkSnapshot } from '@zeropark/contracts';
import type { ParkRegistry } from '@zeropark/registry';
import type { CarbonConfig } from '../carbon.config.js';
import { CARBON_CONFIG, CLOCK, PARKS, type Clock } from '../config/injection-tokens.js';
import { PushThrottle } from './push-throttle.js';

export type SnapshotListener = (snapshot: ParkSnapshot) => void;

/**
 * The live figures of every park, fed by accepted batches from the bus. Each park's changes
 * go out through its own throttle, so a busy park never delays a quiet one.
 */
@Injectable()
export class LiveStateService implements OnModuleDestroy {
  private readonly states = new Map<string, ParkLedger>();
  private readonly throttles = new Map<string, PushThrottle>();
  private readonly listeners = new Set<SnapshotListener>();

  constructor(
    @Inject(PARKS) parks: ReadonlyMap<string, ParkRegistry>,
    @Inject(CARBON_CONFIG) config: CarbonConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    for (const [parkId, registry] of parks) {
      this.states.set(parkId, new ParkLedger(registry.topology));
      this.throttles.set(parkId, new PushThrottle(config.CARBON_PUSH_INTERVAL_MS, () => this.push(parkId)));
    }
  }

  /** Applies an accepted batch; false when it named a park this service does not hold. */
  applyBatch(batch: AcceptedBatch): boolean {
    const state = this.states.get(batch.park);
    if (state === undefined) return false;
    let changed = false;
    for (const reading of batch.readings) changed = state.apply(reading) || changed;
    if (changed) this.throttles.get(batch.park)?.changed();
    return true;
  }

  snapshot(parkId: string): ParkSnapshot | undefined {
    return this.states.get(parkId)?.snapshot(this.clock());
  }

  parkIds(): string[] {
    return [...this.states.keys()];
  }

  onSnapshot(listener: SnapshotListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onModuleDestroy(): void {
    for (const throttle of this.throttles.values()) throttle.stop();
  }

  private push(parkId: string): void {
    const snapshot = this.snapshot(parkId);
    if (snapshot === undefined) return;
    for (const listener of this.listeners) listener(snapshot);
  }
}
