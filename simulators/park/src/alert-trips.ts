import type { ParkTopology } from '@zeropark/contracts';

/**
 * Faults the simulator plays on demand, so each alert rule of the example park can be seen
 * firing and resolving (docs/alerts.md): a building drawing near its rated power, a meter left
 * out of its gateway's batches, a gateway dropping off without a goodbye (its last will), a
 * counter jump no meter can make.
 */
export const TRIP_KINDS = {
  overload: { target: 'building', does: "its sub-meters draw 90 % of their rated power until the trip ends" },
  'silent-meter': { target: 'meter', does: "the meter is left out of its gateway's batches until the trip ends" },
  offline: { target: 'gateway', does: 'the gateway drops its connection without a goodbye (the broker sends its last will) and stays away until the trip ends' },
  'counter-jump': { target: 'meter', does: "the meter's import counter jumps by an hour at its rated power, once" },
} as const;

export type TripKind = keyof typeof TRIP_KINDS;

export interface Trip {
  kind: TripKind;
  target: string;
  since: number;
}

export type TripOutcome = { ok: true; trip: Trip } | { ok: false; status: 400 | 404 | 409; reason: string };

/** The trips running now, checked against the park: a trip names something the simulator plays. */
export class AlertTrips {
  private readonly active = new Map<string, Trip>();
  private readonly jumps = new Set<string>();

  constructor(
    private readonly topology: ParkTopology,
    private readonly simulatedGateways: ReadonlySet<string>,
  ) {}

  start(kind: string, target: string, at: number): TripOutcome {
    if (!(kind in TRIP_KINDS)) return { ok: false, status: 404, reason: `no trip "${kind}"; one of ${Object.keys(TRIP_KINDS).join(', ')}` };
    const tripKind = kind as TripKind;
    const problem = this.targetProblem(tripKind, target);
    if (problem !== undefined) return { ok: false, status: 400, reason: problem };
    const trip: Trip = { kind: tripKind, target, since: at };
    if (tripKind === 'counter-jump') {
      this.jumps.add(target);
      return { ok: true, trip };
    }
    const key = `${kind}/${target}`;
    if (this.active.has(key)) return { ok: false, status: 409, reason: `${key} is already tripped` };
    this.active.set(key, trip);
    return { ok: true, trip };
  }

  end(kind: string, target: string): TripOutcome {
    const trip = this.active.get(`${kind}/${target}`);
    if (trip === undefined) return { ok: false, status: 404, reason: `${kind}/${target} is not tripped` };
    this.active.delete(`${kind}/${target}`);
    return { ok: true, trip };
  }

  list(): Trip[] {
    return [...this.active.values()];
  }

  targets(kind: TripKind): Set<string> {
    return new Set(this.list().filter((trip) => trip.kind === kind).map((trip) => trip.target));
  }

  /** The meters whose counter jumps now; each jump happens once. */
  takeCounterJumps(): Set<string> {
    const jumps = new Set(this.jumps);
    this.jumps.clear();
    return jumps;
  }

  private targetProblem(kind: TripKind, target: string): string | undefined {
    const simulated = (meter: { gateway: string }) => this.simulatedGateways.has(meter.gateway);
    switch (TRIP_KINDS[kind].target) {
      case 'building':
        return this.topology.meters.some((meter) => meter.building === target && meter.role === 'building_submeter' && simulated(meter))
          ? undefined
          : `no simulated building "${target}"; one of ${[...new Set(this.topology.meters.filter((meter) => meter.role === 'building_submeter' && simulated(meter)).map((meter) => meter.building))].join(', ')}`;
      case 'meter': {
        const meter = this.topology.meters.find((candidate) => candidate.id === target);
        if (meter === undefined || !simulated(meter)) return `no simulated meter "${target}"`;
        if (kind === 'counter-jump' && (meter.carrier !== 'electricity' || meter.ratedPowerKw === null)) return `meter "${target}" has no rated power to jump beyond`;
        return undefined;
      }
      case 'gateway':
        return this.simulatedGateways.has(target) ? undefined : `no simulated gateway "${target}"; one of ${[...this.simulatedGateways].join(', ')}`;
    }
  }
}
