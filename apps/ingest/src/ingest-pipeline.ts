import {
  AcceptedReadingsJson,
  acceptedTopic,
  decodeReadingBatch,
  gatewayTopic,
  READING_BATCH_VERSION,
  type AcceptedReading,
  type RejectedReading,
  type RejectionNotice,
} from '@zeropark/contracts';
import type { GatewayAccount, ParkRegistry } from '@zeropark/registry';
import type { PreparedReadings } from '@zeropark/timeseries';
import type { Logger } from 'pino';
import { checkReadings, type ReadingLimits } from './check-readings.js';
import type { DeadLetter, DeadLetterLog } from './dead-letter-log.js';
import type { IngestMetrics } from './ingest-metrics.js';
import type { IngestJournal } from './journal/ingest-journal.js';
import type { JournalBackpressure } from './journal/journal-backpressure.js';
import { SeqTracker } from './seq-tracker.js';

export interface IngestLimits extends ReadingLimits {
  maxReadingsPerBatch: number;
}

export interface IngestPipelineDeps {
  parks: ReadonlyMap<string, ParkRegistry>;
  journal: Pick<IngestJournal<PreparedReadings>, 'append'>;
  backpressure: JournalBackpressure;
  deadLetters: DeadLetterLog;
  /** Publishes at QoS 1 through the broker; resolves once the message is handed over (not necessarily acknowledged). */
  publish: (topic: string, payload: string) => Promise<void>;
  metrics: IngestMetrics;
  logger: Logger;
  limits: IngestLimits;
  clock: () => number;
}

/**
 * One gateway message, step by step: decode → check against the registry → journal → forward
 * on the bus → tell the gateway what was refused. It resolves only once the accepted readings
 * are committed to the journal, and the broker sends the PUBACK only then; it rejects only when
 * the journal failed, so the gateway keeps the batch and sends it again. The store writer takes
 * them from the journal to the store. Bad input is never an error here: it is acknowledged,
 * kept in the dead-letter table and told to the gateway.
 */
export class IngestPipeline {
  private readonly seqs = new SeqTracker();
  private readonly acceptedJson = new AcceptedReadingsJson();

  constructor(private readonly deps: IngestPipelineDeps) {}

  async handleReadings(account: GatewayAccount, payload: Buffer): Promise<void> {
    const { clock, limits, parks } = this.deps;
    const receivedAt = clock();
    const registry = parks.get(account.parkId);
    if (registry === undefined) throw new Error(`park "${account.parkId}" is not loaded`);

    const decoded = decodeReadingBatch(payload);
    if (!decoded.ok) return this.refuseBatch(account, null, receivedAt, 'malformed-batch', decoded.reason, payload.toString('utf8'));
    if (decoded.readings.length + decoded.rejected.length > limits.maxReadingsPerBatch) {
      const reason = `the batch holds ${decoded.readings.length + decoded.rejected.length} readings; at most ${limits.maxReadingsPerBatch} are taken`;
      return this.refuseBatch(account, decoded.seq, receivedAt, 'batch-too-large', reason, payload.toString('utf8'));
    }

    this.watchSeq(account, decoded.seq);
    const checked = checkReadings(decoded.readings, account, registry, receivedAt, limits);
    if (checked.accepted.length > 0) {
      // one JSON text of the accepted readings, for the journal and for the bus
      const readingsJson = this.acceptedJson.text(account.parkId, checked.accepted);
      await this.journal(account, decoded.seq, receivedAt, checked.accepted, readingsJson);
      await this.forward(account, decoded.seq, receivedAt, readingsJson);
    }
    if (decoded.rejected.length + checked.rejected.length > 0) {
      const rejected = [...decoded.rejected, ...checked.rejected].sort((a, b) => a.index - b.index);
      await this.refuseReadings(account, decoded.seq, receivedAt, rejected, payload);
    }
  }

  private watchSeq(account: GatewayAccount, seq: number): void {
    const seen = this.seqs.observe(`${account.parkId}/${account.id}`, seq);
    if (seen.kind === 'gap') {
      this.deps.metrics.seqGaps.inc(seen.missing);
      this.deps.logger.warn({ park: account.parkId, gateway: account.id, seq, missing: seen.missing }, 'seq gap: batches of this gateway never arrived');
    } else if (seen.kind === 'replay') {
      this.deps.metrics.seqReplays.inc();
      this.deps.logger.info({ park: account.parkId, gateway: account.id, seq }, 'batch sent again (or the gateway restarted its seq): stored again, harmlessly');
    }
  }

  private async journal(account: GatewayAccount, seq: number, receivedAt: number, readings: AcceptedReading[], readingsJson: string): Promise<void> {
    await this.deps.backpressure.wait();
    try {
      await this.deps.journal.append({ park: account.parkId, gateway: account.id, seq, receivedAt, readings, readingsJson });
    } catch (error) {
      this.deps.logger.error({ err: error, park: account.parkId, gateway: account.id, seq }, 'journal append failed: batch not acknowledged');
      throw error;
    }
    this.deps.metrics.readingsAccepted.inc(readings.length);
  }

  /** The accepted batch on the bus (`AcceptedBatch` of @zeropark/contracts), its readings' JSON reused. */
  private async forward(account: GatewayAccount, seq: number, receivedAt: number, readingsJson: string): Promise<void> {
    const envelope = `{"v":${READING_BATCH_VERSION},"park":${JSON.stringify(account.parkId)},"gateway":${JSON.stringify(account.id)},"seq":${seq},"receivedAt":${receivedAt}`;
    await this.deps.publish(acceptedTopic(account.parkId), `${envelope},"readings":${readingsJson}}`);
  }

  private async refuseBatch(
    account: GatewayAccount,
    seq: number | null,
    receivedAt: number,
    rule: 'malformed-batch' | 'batch-too-large',
    reason: string,
    payload: string,
  ): Promise<void> {
    this.deps.metrics.batchesRejected.inc();
    this.deps.metrics.readingsRejected.inc({ reason: rule });
    this.deps.deadLetters.add([{ receivedAt, park: account.parkId, gateway: account.id, seq, readingIndex: null, meter: null, reason: `${rule}: ${reason}`, payload }]);
    this.deps.logger.warn({ park: account.parkId, gateway: account.id, seq, rule, reason }, 'batch refused');
    await this.tellGateway(account, { v: 1, seq, receivedAt, batch: { rule, reason }, readings: [] });
  }

  private async refuseReadings(account: GatewayAccount, seq: number, receivedAt: number, rejected: RejectedReading[], payload: Buffer): Promise<void> {
    const originals = originalReadings(payload);
    const letters: DeadLetter[] = rejected.map((reading) => ({
      receivedAt,
      park: account.parkId,
      gateway: account.id,
      seq,
      readingIndex: reading.index,
      meter: reading.meter ?? null,
      reason: `${reading.rule}: ${reading.reason}`,
      payload: JSON.stringify(originals[reading.index] ?? null),
    }));
    this.deps.deadLetters.add(letters);
    for (const reading of rejected) this.deps.metrics.readingsRejected.inc({ reason: reading.rule });
    this.deps.logger.warn({ park: account.parkId, gateway: account.id, seq, rejected }, 'readings refused');
    await this.tellGateway(account, { v: 1, seq, receivedAt, readings: rejected });
  }

  private async tellGateway(account: GatewayAccount, notice: RejectionNotice): Promise<void> {
    await this.deps.publish(gatewayTopic(account.parkId, account.id, 'rejected'), JSON.stringify(notice));
  }
}

/** The readings array of a payload whose envelope already decoded. */
function originalReadings(payload: Buffer): unknown[] {
  const parsed = JSON.parse(payload.toString('utf8')) as { readings: unknown[] };
  return parsed.readings;
}
