/** What a batch's `seq` says, given the last one seen from its gateway. */
export type SeqObservation =
  | { kind: 'first' }
  | { kind: 'next' }
  /** `missing` batches were never seen: lost on the way, or the gateway skipped them. */
  | { kind: 'gap'; missing: number }
  /** At or below the last one: a batch sent again (no PUBACK reached the gateway), or a gateway that restarted its count. */
  | { kind: 'replay' };

/**
 * `seq` rises by one per batch per gateway (docs/gateway-protocol.md); the ingest uses
 * it to see gaps and replays. Neither is refused: a replay is stored again harmlessly (the
 * store's key), and a gap is for operators to see.
 */
export class SeqTracker {
  private readonly last = new Map<string, number>();

  observe(gateway: string, seq: number): SeqObservation {
    const last = this.last.get(gateway);
    if (last === undefined || seq > last) this.last.set(gateway, seq);
    if (last === undefined) return { kind: 'first' };
    if (seq === last + 1) return { kind: 'next' };
    if (seq > last + 1) return { kind: 'gap', missing: seq - last - 1 };
    return { kind: 'replay' };
  }
}
