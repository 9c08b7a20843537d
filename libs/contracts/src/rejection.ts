import type { RejectedReading } from './decode-reading-batch.js';

/**
 * What the ingest tells a gateway on `parks/{park}/gateways/{gateway}/rejected` when part or
 * all of a batch was refused: which batch, which reading, which rule, in plain words.
 */
export interface RejectionNotice {
  v: 1;
  /** The batch's `seq`, or null when the envelope itself could not be read. */
  seq: number | null;
  receivedAt: number;
  /** Set when the whole batch was refused. */
  batch?: { rule: 'malformed-batch' | 'batch-too-large'; reason: string };
  readings: RejectedReading[];
}
