// `npm run bench:ingest`: the ingest's throughput beside its peers, in one run on this machine:
//   1. InfluxDB's own raw ingest limit: line protocol in 5 000-line batches straight to /write;
//   2. the broker alone: Mosquitto, QoS 1, one mqtt.js subscriber;
//   3. end to end: QoS 1 publishers, 50 readings a message → embedded broker → journal → InfluxDB,
//      with every acknowledged reading checked in InfluxDB afterwards (zero loss); the InfluxDB is
//      on loopback, so the ingest sends its writes uncompressed, as InfluxDB's raw limit was measured;
//   4. the same with the writes gzipped (level 1), as toward an InfluxDB on another machine.
// Prints one JSON line per figure and rewrites its section of docs/benchmarks.md.
// BENCH_SECONDS (15) sets the length of each phase, BENCH_GATEWAYS (16) the number of gateways.
// BENCH_END_TO_END_ONLY=1, for trying a change: phase 3 alone, its figures printed, the docs left as they are.
import { readingToLine, type ReadingPoint } from '@zeropark/timeseries';
import { freePort, type InfluxdbServer, startInfluxdb, temporaryDirectory } from '@zeropark/test-servers';
import mqtt from 'mqtt';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { startShippedMosquitto, INGEST_BROKER_PASSWORD } from '../support/external-broker-setup.js';
import { embeddedIngestOnInfluxdb, startIngestProcess } from '../support/ingest-process.js';
import { ingestMetric, journalDrained } from '../support/ingest-metrics.js';
import { writeLoadPark, type LoadPark } from '../support/load-park.js';
import { report, writeSection, type Figure } from './bench-report.js';
import { ClosedLoopPublisher, percentile } from './closed-loop-publisher.js';
import { settleDisk } from './settle-disk.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const END_TO_END_ONLY = process.env.BENCH_END_TO_END_ONLY === '1';
const READINGS_PER_MESSAGE = 50;
// a park has dozens of gateways; each is one connection, and the ingest takes a connection's packets in order
const GATEWAYS = Number(process.env.BENCH_GATEWAYS ?? 16);
const WINDOW = 16;
const BATCH_LINES = 5000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const progress = (text: string) => process.stderr.write(`bench:ingest ${text}\n`);

async function influxRaw(influx: InfluxdbServer, park: LoadPark): Promise<{ linesPerSecond: number; influxCpuMicroseconds: number }> {
  await influx.query('CREATE DATABASE raw');
  const meters = park.gateways.flatMap((gateway) => gateway.meters);
  let step = 0;
  let lines = 0;
  const influxCpuBefore = influx.cpuSeconds();
  const deadline = performance.now() + SECONDS * 1000;
  const started = performance.now();
  const writer = async () => {
    while (performance.now() < deadline) {
      const batch: string[] = [];
      for (let index = 0; index < BATCH_LINES; index += 1) {
        step += 1;
        const point: ReadingPoint = { park: park.parkId, building: 'B1', meter: meters[step % meters.length] ?? '', role: 'building_submeter', carrier: 'electricity', ts: 1_700_000_000_000 + step, values: { power_kw: step } };
        batch.push(readingToLine(point));
      }
      const response = await fetch(`${influx.url}/write?db=raw&precision=ms`, { method: 'POST', body: batch.join('\n') });
      if (response.status !== 204) throw new Error(`raw write failed: ${response.status} ${await response.text()}`);
      lines += BATCH_LINES;
    }
  };
  await Promise.all([writer(), writer()]); // two writers: the ingest's writer is one, but the raw limit should not be undersold
  return { linesPerSecond: lines / ((performance.now() - started) / 1000), influxCpuMicroseconds: ((influx.cpuSeconds() - influxCpuBefore) * 1e6) / lines };
}

async function brokerAlone(dir: string, park: LoadPark): Promise<{ readingsPerSecond: number; p50: number; p99: number }> {
  const mosquitto = await startShippedMosquitto(dir, park);
  try {
    const subscriber = mqtt.connect(mosquitto.url, { clientId: 'bench-subscriber', username: 'zeropark-ingest', password: INGEST_BROKER_PASSWORD, reconnectPeriod: 0 });
    await new Promise<void>((resolve, reject) => {
      subscriber.once('connect', () => resolve());
      subscriber.once('error', reject);
    });
    let received = 0;
    subscriber.on('message', () => (received += READINGS_PER_MESSAGE));
    await subscriber.subscribeAsync('parks/+/gateways/+/readings', { qos: 1 });
    const publisher = new ClosedLoopPublisher({ brokerUrl: mosquitto.url, park, readingsPerMessage: READINGS_PER_MESSAGE, window: WINDOW, firstTs: Date.now() });
    await publisher.start();
    const started = performance.now();
    await sleep(SECONDS * 1000);
    const countedAt = received;
    const elapsed = (performance.now() - started) / 1000;
    await publisher.stop();
    await subscriber.endAsync(true);
    return { readingsPerSecond: countedAt / elapsed, p50: percentile(publisher.ackLatenciesMs, 50), p99: percentile(publisher.ackLatenciesMs, 99) };
  } finally {
    await mosquitto.stop();
  }
}

interface EndToEnd {
  readingsPerSecond: number;
  influxCpuMicroseconds: number;
  publisherCpuMicroseconds: number;
  batchesPerCommit: number;
  acknowledged: number;
  stored: number;
  cpuMicrosecondsPerReading: number;
  systemCpuMicrosecondsPerReading: number;
  rssMiB: number;
  p50: number;
  p99: number;
}


/** One end-to-end run into its own database `name`, the ingest started with `env` beside its usual settings. */
async function endToEnd(dir: string, park: LoadPark, influx: InfluxdbServer, name: string, env: Record<string, string> = {}): Promise<EndToEnd> {
  const [mqttPort, httpPort] = [await freePort(), await freePort()];
  const ingest = await startIngestProcess(
    { ...embeddedIngestOnInfluxdb({ registryFile: park.registryFile, dataDir: join(dir, name), influxUrl: influx.url, database: name, mqttPort }), INGEST_MAX_MESSAGES_PER_S: '1000000', ...env },
    httpPort,
  );
  try {
    const cpu = async () => ({ user: await ingestMetric(httpPort, 'process_cpu_user_seconds_total'), system: await ingestMetric(httpPort, 'process_cpu_system_seconds_total') });
    const cpuBefore = await cpu();
    const influxCpuBefore = influx.cpuSeconds();
    const publisherCpuBefore = process.cpuUsage();
    const publisher = new ClosedLoopPublisher({ brokerUrl: `mqtt://127.0.0.1:${mqttPort}`, park, readingsPerMessage: READINGS_PER_MESSAGE, window: WINDOW, firstTs: Date.now() - 3_600_000 });
    const started = performance.now();
    await publisher.start();
    await sleep(SECONDS * 1000);
    await publisher.stop();
    const publisherCpu = process.cpuUsage(publisherCpuBefore);
    progress(`e2e: ${publisher.acknowledgedReadings} readings acknowledged; waiting for the journal to drain into InfluxDB`);
    await journalDrained(httpPort, 300_000);
    const elapsed = (performance.now() - started) / 1000;
    const cpuAfter = await cpu();
    const [userSeconds, systemSeconds] = [cpuAfter.user - cpuBefore.user, cpuAfter.system - cpuBefore.system];
    const influxCpuSeconds = influx.cpuSeconds() - influxCpuBefore;
    const rssMiB = (await ingestMetric(httpPort, 'process_resident_memory_bytes')) / 1024 / 1024;
    const batchesPerCommit = publisher.acknowledgedReadings / READINGS_PER_MESSAGE / (await ingestMetric(httpPort, 'zeropark_ingest_journal_commits_total'));
    const counted = await influx.query(`SELECT count(power_kw) FROM reading WHERE park = '${park.parkId}'`, name);
    const stored = Number(counted.results[0]?.series?.[0]?.values[0]?.[1] ?? 0);
    return {
      readingsPerSecond: stored / elapsed,
      influxCpuMicroseconds: (influxCpuSeconds * 1e6) / stored,
      publisherCpuMicroseconds: (publisherCpu.user + publisherCpu.system) / stored,
      batchesPerCommit,
      acknowledged: publisher.acknowledgedReadings,
      stored,
      cpuMicrosecondsPerReading: ((userSeconds + systemSeconds) * 1e6) / stored,
      systemCpuMicrosecondsPerReading: (systemSeconds * 1e6) / stored,
      rssMiB,
      p50: percentile(publisher.ackLatenciesMs, 50),
      p99: percentile(publisher.ackLatenciesMs, 99),
    };
  } finally {
    await ingest.kill('SIGTERM');
  }
}

async function main(): Promise<void> {
  const dir = temporaryDirectory('bench');
  settleDisk(); // what the build before wrote
  const park = await writeLoadPark(dir, GATEWAYS, 10);
  const influx = await startInfluxdb();
  const figures: Figure[] = [];
  try {
    if (END_TO_END_ONLY) {
      const e2e = await endToEnd(dir, park, influx, 'e2e');
      report({ bench: 'ingest', figure: 'end_to_end_readings_per_s', value: Math.round(e2e.readingsPerSecond), unit: 'readings/s', note: `${e2e.acknowledged - Math.min(e2e.acknowledged, e2e.stored)} lost` });
      report({ bench: 'ingest', figure: 'ingest_cpu_per_reading', value: Number(e2e.cpuMicrosecondsPerReading.toFixed(2)), unit: 'µs', note: `of which system ${e2e.systemCpuMicrosecondsPerReading.toFixed(2)} µs` });
      return;
    }
    progress(`1/3 InfluxDB raw, ${SECONDS} s`);
    const { linesPerSecond: raw, influxCpuMicroseconds: rawInfluxCpu } = await influxRaw(influx, park);
    await influx.query('DROP DATABASE raw'); // its files go, and with them the compactions and writeback they would cost the next phases
    settleDisk();
    figures.push(report({ bench: 'ingest', figure: 'influxdb_raw_lines_per_s', value: Math.round(raw), unit: 'lines/s', note: `${BATCH_LINES}-line batches to /write, 2 writers` }));
    figures.push(report({ bench: 'ingest', figure: 'influxdb_cpu_per_line_raw', value: Number(rawInfluxCpu.toFixed(2)), unit: 'µs', note: 'influxd CPU ÷ lines, raw writes' }));
    progress(`2/3 Mosquitto alone, ${SECONDS} s`);
    const broker = await brokerAlone(dir, park);
    settleDisk();
    figures.push(report({ bench: 'ingest', figure: 'mosquitto_qos1_readings_per_s', value: Math.round(broker.readingsPerSecond), unit: 'readings/s', note: `${READINGS_PER_MESSAGE} readings a message; PUBACK p50 ${broker.p50.toFixed(1)} ms, p99 ${broker.p99.toFixed(1)} ms` }));
    progress(`3/4 end to end, ${SECONDS} s of load`);
    const e2e = await endToEnd(dir, park, influx, 'e2e');
    await influx.query('DROP DATABASE e2e');
    settleDisk();
    progress(`4/4 end to end with gzipped writes, ${SECONDS} s of load`);
    const gzipped = await endToEnd(dir, park, influx, 'e2e_gzip', { ZEROPARK_INFLUX_GZIP_LEVEL: '1' });
    figures.push(report({ bench: 'ingest', figure: 'end_to_end_readings_per_s', value: Math.round(e2e.readingsPerSecond), unit: 'readings/s', peer: 'influxdb_raw_lines_per_s', note: `${(e2e.readingsPerSecond / raw).toFixed(2)}× InfluxDB raw; target ≥ 0.8×` }));
    figures.push(report({ bench: 'ingest', figure: 'end_to_end_lost_readings', value: e2e.acknowledged - Math.min(e2e.acknowledged, e2e.stored), unit: 'readings', note: `${e2e.acknowledged} acknowledged, ${e2e.stored} in InfluxDB` }));
    figures.push(report({ bench: 'ingest', figure: 'ingest_cpu_per_reading', value: Number(e2e.cpuMicrosecondsPerReading.toFixed(2)), unit: 'µs', note: `ingest process CPU (user + system, of which system ${e2e.systemCpuMicrosecondsPerReading.toFixed(2)} µs) ÷ readings stored; target ≤ 4 µs` }));
    figures.push(report({ bench: 'ingest', figure: 'end_to_end_readings_per_s_gzip', value: Math.round(gzipped.readingsPerSecond), unit: 'readings/s', peer: 'end_to_end_readings_per_s', note: `writes gzipped at level 1, as toward a remote InfluxDB: ${(gzipped.readingsPerSecond / raw).toFixed(2)}× raw; ${gzipped.acknowledged - Math.min(gzipped.acknowledged, gzipped.stored)} lost` }));
    figures.push(report({ bench: 'ingest', figure: 'ingest_cpu_per_reading_gzip', value: Number(gzipped.cpuMicrosecondsPerReading.toFixed(2)), unit: 'µs', peer: 'ingest_cpu_per_reading', note: `the same, writes gzipped; InfluxDB ${gzipped.influxCpuMicroseconds.toFixed(2)} µs a reading` }));
    figures.push(report({ bench: 'ingest', figure: 'influxdb_cpu_per_reading_end_to_end', value: Number(e2e.influxCpuMicroseconds.toFixed(2)), unit: 'µs', peer: 'influxdb_cpu_per_line_raw', note: 'influxd CPU ÷ readings, in the end-to-end run' }));
    figures.push(report({ bench: 'ingest', figure: 'publishers_cpu_per_reading', value: Number(e2e.publisherCpuMicroseconds.toFixed(2)), unit: 'µs', note: 'the benchmark\'s own gateways, on the same 2 cores' }));
    figures.push(report({ bench: 'ingest', figure: 'ingest_puback_latency_p50', value: Number(e2e.p50.toFixed(1)), unit: 'ms', peer: 'mosquitto p50', note: `Mosquitto alone: ${broker.p50.toFixed(1)} ms` }));
    figures.push(report({ bench: 'ingest', figure: 'ingest_puback_latency_p99', value: Number(e2e.p99.toFixed(1)), unit: 'ms', peer: 'mosquitto p99', note: `Mosquitto alone: ${broker.p99.toFixed(1)} ms` }));
    figures.push(report({ bench: 'ingest', figure: 'ingest_batches_per_journal_commit', value: Number(e2e.batchesPerCommit.toFixed(1)), unit: 'batches', note: 'group commit: messages that shared one fsync' }));
    figures.push(report({ bench: 'ingest', figure: 'ingest_rss', value: Math.round(e2e.rssMiB), unit: 'MiB', note: 'resident memory of the ingest at the end of the run' }));
  } finally {
    await influx.stop();
  }
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}; InfluxDB 1.6 and Mosquitto 2.0 from Debian on the same machine`;
  const table = ['| figure | value | beside |', '| --- | --- | --- |', ...figures.map((figure) => `| ${figure.figure} | ${figure.value.toLocaleString('en-US')} ${figure.unit} | ${figure.note ?? ''} |`)].join('\n');
  writeSection(
    'ingest',
    'npm run bench:ingest',
    machine,
    `${GATEWAYS} gateways, each keeping ${WINDOW} QoS 1 messages of ${READINGS_PER_MESSAGE} readings in flight, for ${SECONDS} s per phase. End to end counts readings found in InfluxDB over the time from the first publish until the journal was empty.\n\n${table}`,
  );
  progress('wrote docs/benchmarks.md');
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
