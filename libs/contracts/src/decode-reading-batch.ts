import { describeIssues } from './describe-issues.js';
import type { QuantityValues } from './quantities.js';
import { readingBatchEnvelopeSchema, readingSchema } from './reading-batch.schema.js';
import { isValidReading } from './reading-check.js';
import { toEpochMilliseconds } from './timestamp.js';

/** A reading that passed the payload schema, its time in epoch milliseconds. */
const utf8 = new TextDecoder('utf-8', { fatal: true });

export interface DecodedReading {
  /** Position in the batch, so a rejection can name it. */
  index: number;
  meter: string;
  ts: number;
  values: QuantityValues;
}

/** Rules a reading can break, named in rejections, dead letters and metrics. */
export type RejectionRule =
  | 'schema'
  | 'unknown-meter'
  | 'meter-of-another-gateway'
  | 'quantity-not-for-role'
  | 'counter-beyond-modulus'
  | 'timestamp-in-future'
  | 'timestamp-too-old';

export interface RejectedReading {
  index: number;
  meter?: string;
  rule: RejectionRule;
  reason: string;
}

export type DecodedBatch =
  | { ok: true; seq: number; readings: DecodedReading[]; rejected: RejectedReading[] }
  | { ok: false; reason: string };

/**
 * Decodes one gateway message. The envelope must be whole; each reading is then checked on its
 * own, so the valid readings of a partly bad batch are kept and each bad one gets its reason.
 */
export function decodeReadingBatch(payload: Uint8Array | string): DecodedBatch {
  let text: string;
  try {
    text = typeof payload === 'string' ? payload : utf8.decode(payload);
  } catch {
    return { ok: false, reason: 'payload is not valid UTF-8' };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, reason: `payload is not valid JSON: ${(error as Error).message}` };
  }
  const envelope = readingBatchEnvelopeSchema.safeParse(json);
  if (!envelope.success) return { ok: false, reason: describeIssues(envelope.error).join('; ') };

  const readings: DecodedReading[] = [];
  const rejected: RejectedReading[] = [];
  envelope.data.readings.forEach((candidate, index) => {
    // the in-place check takes a valid reading as it is; the schema runs only to explain a refusal
    if (isValidReading(candidate)) {
      readings.push({ index, meter: candidate.meter, ts: toEpochMilliseconds(candidate.ts), values: candidate.values });
      return;
    }
    const reading = readingSchema.safeParse(candidate);
    if (reading.success) {
      const { meter, ts, values } = reading.data;
      readings.push({ index, meter, ts: toEpochMilliseconds(ts), values });
    } else {
      const meter = meterOf(candidate);
      rejected.push({
        index,
        ...(meter === undefined ? {} : { meter }),
        rule: 'schema',
        reason: describeIssues(reading.error, ['readings', index]).join('; '),
      });
    }
  });
  return { ok: true, seq: envelope.data.seq, readings, rejected };
}

function meterOf(candidate: unknown): string | undefined {
  if (typeof candidate !== 'object' || candidate === null || !('meter' in candidate)) return undefined;
  return typeof candidate.meter === 'string' ? candidate.meter : undefined;
}
