import type { ClientToServerEvents, ServerToClientEvents } from '@zeropark/contracts';
import mqtt from 'mqtt';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { io, type Socket } from 'socket.io-client';
import { MARKER, type LoadPark } from '../support/load-park.js';
import { BackgroundLoad } from './background-load.js';
import type { BenchPlatform } from './bench-platform.js';
import { histogramBetween } from '../support/ingest-metrics.js';
import { percentile } from './closed-loop-publisher.js';

export interface PushLatency {
  p50: number;
  p99: number;
  /** The marker's publish → PUBACK (the ingest's part: journal commit), p50 and p99. */
  pubackP50: number;
  pubackP99: number;
  /** The ingest's journal commits while probing (each with its fsync, what a PUBACK waits for the disk): how many, and the bucket bounds (s) holding 99 % and all of them. */
  journalCommits: { count: number; p99AtMost: number; maxAtMost: number };
  probes: number;
  /** Background readings acknowledged per second while probing. */
  loadReadingsPerSecond: number;
  /** The carbon service's CPU over the probing, in cores. */
  carbonCores: number;
  /** The longest the probes' own event loop was late while probing: what the measuring adds at most to a probe. */
  probeLoopDelayMaxMs: number;
  /** The longest each service's event loop was late while probing. */
  serviceLoopDelayMaxMs: { ingest: number; carbon: number };
}

/**
 * How long the probes and the load run before probes count. The load starts at its full rate at
 * once, and both services take a few seconds to meet it (code not yet optimized, the store's
 * files growing from nothing): in one run at 100 ms, the slowest probe of each second after the
 * load started was 390, 473, 401 and 317 ms, then 141 and 94–173 ms for the next 45 s. With 3 s
 * of warm-up the measured window began inside those seconds.
 */
const WARM_UP_MS = 10_000;

/**
 * Publish → browser: a marker gateway publishes its meter's power every 50 ms (a new value
 * each time) while the load park's gateways publish in the background, from a process of their
 * own (`BackgroundLoad`); a Socket.IO client in the marker's building room notes when the first
 * snapshot holding each value arrives.
 */
export async function measurePushLatency(platform: BenchPlatform, park: LoadPark, options: { seconds: number; loadMessagesPerSecond: number; readingsPerMessage: number }): Promise<PushLatency> {
  const dashboard: Socket<ServerToClientEvents, ClientToServerEvents> = io(platform.carbonUrl, { transports: ['websocket'], auth: { token: await platform.token() } });
  await new Promise<void>((resolve, reject) => {
    dashboard.once('connect', () => resolve());
    dashboard.once('connect_error', reject);
  });
  const joined = await dashboard.emitWithAck('building:join', park.parkId, MARKER.building);
  if (!joined.ok) throw new Error(joined.reason);
  // a probe counts when it was sent in the measured window, however late its snapshot comes
  const sentAt = new Map<number, { at: number; counted: boolean }>();
  const latencies: number[] = [];
  const pubacks: number[] = [];
  let measuring = false;
  dashboard.on('building:snapshot', (snapshot) => {
    const now = performance.now();
    for (const [value, sent] of sentAt) {
      if (value > snapshot.powerKw) continue;
      if (sent.counted) latencies.push(now - sent.at);
      sentAt.delete(value);
    }
  });
  const countedLeft = () => [...sentAt.values()].some((sent) => sent.counted);
  const marker = await mqtt.connectAsync(platform.mqttUrl, { clientId: 'bench-marker', username: MARKER.gateway, password: MARKER.secret, reconnectPeriod: 0 });
  const load = await BackgroundLoad.start({ brokerUrl: platform.mqttUrl, park, readingsPerMessage: options.readingsPerMessage, messagesPerSecond: options.loadMessagesPerSecond, firstTs: Date.now() - 60_000 });
  let value = 0;
  const probe = setInterval(() => {
    value += 1;
    const sent = performance.now();
    const counted = measuring;
    sentAt.set(value, { at: sent, counted });
    void marker
      .publishAsync(`parks/${park.parkId}/gateways/${MARKER.gateway}/readings`, JSON.stringify({ v: 1, seq: value, readings: [{ meter: MARKER.meter, ts: Date.now(), values: { power_kw: value } }] }), { qos: 1 })
      .then(() => {
        if (counted) pubacks.push(performance.now() - sent);
      });
  }, 50);
  await new Promise((resolve) => setTimeout(resolve, WARM_UP_MS));
  measuring = true;
  const probeLoopDelay = monitorEventLoopDelay({ resolution: 5 });
  probeLoopDelay.enable();
  await platform.serviceLoopDelaysMs(); // starts their histograms anew
  const ackedBefore = await load.acknowledged();
  const commitsBefore = await platform.ingestJournalCommits();
  const cpuBefore = platform.carbonCpuSeconds();
  const started = performance.now();
  await new Promise((resolve) => setTimeout(resolve, options.seconds * 1000));
  measuring = false;
  const elapsed = (performance.now() - started) / 1000;
  const cpu = platform.carbonCpuSeconds() - cpuBefore;
  const serviceLoopDelayMaxMs = await platform.serviceLoopDelaysMs();
  const acked = (await load.acknowledged()) - ackedBefore;
  const journalCommits = histogramBetween(commitsBefore, await platform.ingestJournalCommits());
  probeLoopDelay.disable();
  const answeredBy = performance.now() + 5000; // the probes of the window's end wait for their snapshot, as those of its start did
  while (countedLeft() && performance.now() < answeredBy) await new Promise((resolve) => setTimeout(resolve, 20));
  clearInterval(probe);
  if (countedLeft()) throw new Error('a probe of the measured window got no snapshot within 5 s of its end');
  await load.stop(2000);
  await marker.endAsync();
  dashboard.close();
  const rejected = await platform.ingestReadingsRejected();
  if (rejected > 0) throw new Error(`the ingest refused ${rejected} readings of the load: the latency would not be measured under the load claimed`);
  return { p50: percentile(latencies, 50), p99: percentile(latencies, 99), pubackP50: percentile(pubacks, 50), pubackP99: percentile(pubacks, 99), journalCommits, probes: latencies.length, loadReadingsPerSecond: acked / elapsed, carbonCores: cpu / elapsed, probeLoopDelayMaxMs: probeLoopDelay.max / 1e6, serviceLoopDelayMaxMs };
}
