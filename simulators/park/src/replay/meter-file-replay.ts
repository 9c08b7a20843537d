import { gatewayTopic, type ReadingBatch, type RejectionNotice } from '@zeropark/contracts';
import mqtt from 'mqtt';
import type { CounterReading } from './counter-readings.js';

export interface MeterFileReplayTarget {
  brokerUrl: string;
  parkId: string;
  gatewayId: string;
  secret: string;
  meterId: string;
  /** Readings a message. */
  batchSize: number;
}

/** A reading the ingest refused, with the line of the file it came from. */
export interface RefusedLine {
  line: number;
  rule: string;
  reason: string;
}

export interface MeterFileReplayOutcome {
  sent: number;
  refused: RefusedLine[];
}

/** How long the gateway listens for rejections after the last PUBACK. */
const REJECTIONS_SETTLE_MS = 1_000;

/**
 * Publishes a meter's counter readings as its gateway does: QoS 1 batches with a rising `seq`,
 * one at a time, each sent once the one before was acknowledged (accepted means kept). It listens
 * on the gateway's `rejected` topic and gives each refusal back with the line of the file.
 */
export async function replayCounterReadings(
  readings: readonly CounterReading[],
  target: MeterFileReplayTarget,
  onProgress: (sent: number, total: number) => void = () => undefined,
): Promise<MeterFileReplayOutcome> {
  const client = await mqtt.connectAsync(target.brokerUrl, {
    clientId: `replay-${target.gatewayId}-${process.pid}`,
    username: target.gatewayId,
    password: target.secret,
    clean: true,
    reconnectPeriod: 0,
  });
  const linesOfBatch = new Map<number, number[]>();
  const refused: RefusedLine[] = [];
  client.on('message', (_topic, payload) => {
    const notice = JSON.parse(payload.toString('utf8')) as RejectionNotice;
    const lines = notice.seq === null ? undefined : linesOfBatch.get(notice.seq);
    if (notice.batch !== undefined) for (const line of lines ?? [0]) refused.push({ line, rule: notice.batch.rule, reason: notice.batch.reason });
    for (const reading of notice.readings) refused.push({ line: lines?.[reading.index] ?? 0, rule: reading.rule, reason: reading.reason });
  });
  try {
    await client.subscribeAsync(gatewayTopic(target.parkId, target.gatewayId, 'rejected'), { qos: 1 });
    const topic = gatewayTopic(target.parkId, target.gatewayId, 'readings');
    // seq from the clock: a later replay by the same gateway goes on rising
    const firstSeq = Math.floor(Date.now() / 1000);
    let sent = 0;
    for (let start = 0, seq = firstSeq; start < readings.length; start += target.batchSize, seq += 1) {
      const slice = readings.slice(start, start + target.batchSize);
      linesOfBatch.set(seq, slice.map((reading) => reading.line));
      const batch: ReadingBatch = { v: 1, seq, readings: slice.map((reading) => ({ meter: target.meterId, ts: reading.ts, values: { energy_import_kwh: reading.energyImportKwh } })) };
      await client.publishAsync(topic, JSON.stringify(batch), { qos: 1 });
      sent += slice.length;
      onProgress(sent, readings.length);
    }
    await new Promise((resolve) => setTimeout(resolve, REJECTIONS_SETTLE_MS));
    return { sent, refused: refused.sort((a, b) => a.line - b.line) };
  } finally {
    await client.endAsync();
  }
}
