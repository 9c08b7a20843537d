// `npm run bench:ingest`: the ingest's throughput beside its peers, in one run on this machine:
//   1. InfluxDB's own raw ingest limit: line protocol in 5 000-line batches straight to /write;
//   2. the broker alone: Mosquitto, QoS 1, one mqtt.js subscriber;
//   3. end to end: QoS 1 publishers, 50 readings a message → embedded broker → journal → InfluxDB,
//      with every acknowledged reading checked in InfluxDB afterwards (zero loss); the InfluxDB is
//      on loopback, so the ingest sends its writes uncompressed, as InfluxDB's raw limit was measured;
//   4. the same with the writes gzipped (level 1), as toward an InfluxDB on another machine.
// Prints one JSON line per figure and rewrites its section of docs/benchmarks.md.
// Each phase is measured after a warm-up (BENCH_WARMUP_SECONDS, 3), as a rate is: the first seconds of
// a process are spent compiling its hot code, and a gateway's scrypt login is not a reading's cost.
// BENCH_SECONDS (15) sets the measured length of each phase, BENCH_GATEWAYS (16) the number of gateways.
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
import { ClosedLoopPublisher } from './closed-loop-publisher.js';
import { settleDisk } from './settle-disk.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 3);
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
  const deadline = performance.now() + (WARMUP_SECONDS + SECONDS) * 1000;
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
  const writing = Promise.all([writer(), writer()]); // two writers: the ingest's writer is one, but the raw limit should not be undersold
  await sleep(WARMUP_SECONDS * 1000);
  const [started, linesBefore, influxCpuBefore] = [performance.now(), lines, influx.cpuSeconds()];
  await writing;
  const measured = lines - linesBefore;
  return { linesPerSecond: measured / ((performance.now() - started) / 1000), influxCpuMicroseconds: ((influx.cpuSeconds() - influxCpuBefore) * 1e6) / measured };
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
    await sleep(WARMUP_SECONDS * 1000);
    const [started, receivedBefore] = [performance.now(), received];
    await sleep(SECONDS * 1000);
    const countedAt = received;
    const elapsed = (performance.now() - started) / 1000;
    await publisher.stop();
    await subscriber.endAsync(true);
    return { readingsPerSecond: (countedAt - receivedBefore) / elapsed, p50: publisher.ackLatencyPercentile(50, started), p99: publisher.ackLatencyPercentile(99, started) };
  } finally {
    await mosquitto.stop();
  }
}

interface EndToEnd {
  readingsPerSecond: number;
  /** Readings a second over the whole phase, from the first publish: warm-up included. */
  readingsPerSecondFromFirstPublish: number;
  /** The ingest's CPU a reading over the whole phase: the gateways' logins and the warm-up included. */
  cpuMicrosecondsPerReadingWholePhase: number;
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
    const storedByIngest = () => ingestMetric(httpPort, 'zeropark_ingest_readings_stored_total');
    const publisher = new ClosedLoopPublisher({ brokerUrl: `mqtt://127.0.0.1:${mqttPort}`, park, readingsPerMessage: READINGS_PER_MESSAGE, window: WINDOW, firstTs: Date.now() - 3_600_000 });
    const cpuAtStart = await cpu();
    await publisher.connect();
    const firstPublish = performance.now();
    publisher.publish();
    await sleep(WARMUP_SECONDS * 1000);
    // the measured window: from here until the journal is empty; what the store confirms in it is its throughput
    const [cpuBefore, storedBefore] = [await cpu(), await storedByIngest()];
    const [started, influxCpuBefore, publisherCpuBefore] = [performance.now(), influx.cpuSeconds(), process.cpuUsage()];
    await sleep(SECONDS * 1000);
    await publisher.stop();
    const publisherCpu = process.cpuUsage(publisherCpuBefore);
    progress(`e2e: ${publisher.acknowledgedReadings} readings acknowledged; waiting for the journal to drain into InfluxDB`);
    await journalDrained(httpPort, 300_000);
    const finished = performance.now();
    const [cpuAfter, storedAfter] = [await cpu(), await storedByIngest()];
    const influxCpuSeconds = influx.cpuSeconds() - influxCpuBefore;
    const [userSeconds, systemSeconds] = [cpuAfter.user - cpuBefore.user, cpuAfter.system - cpuBefore.system];
    const measured = storedAfter - storedBefore;
    const rssMiB = (await ingestMetric(httpPort, 'process_resident_memory_bytes')) / 1024 / 1024;
    const batchesPerCommit = publisher.acknowledgedReadings / READINGS_PER_MESSAGE / (await ingestMetric(httpPort, 'zeropark_ingest_journal_commits_total'));
    const counted = await influx.query(`SELECT count(power_kw) FROM reading WHERE park = '${park.parkId}'`, name);
    const stored = Number(counted.results[0]?.series?.[0]?.values[0]?.[1] ?? 0);
    return {
      readingsPerSecond: measured / ((finished - started) / 1000),
      readingsPerSecondFromFirstPublish: stored / ((finished - firstPublish) / 1000),
      influxCpuMicroseconds: (influxCpuSeconds * 1e6) / measured,
      publisherCpuMicroseconds: (publisherCpu.user + publisherCpu.system) / measured,
      batchesPerCommit,
      acknowledged: publisher.acknowledgedReadings,
      stored,
      cpuMicrosecondsPerReading: ((userSeconds + systemSeconds) * 1e6) / measured,
      cpuMicrosecondsPerReadingWholePhase: ((cpuAfter.user - cpuAtStart.user + cpuAfter.system - cpuAtStart.system) * 1e6) / stored,
      systemCpuMicrosecondsPerReading: (systemSeconds * 1e6) / measured,
      rssMiB,
      p50: publisher.ackLatencyPercentile(50, started),
      p99: publisher.ackLatencyPercentile(99, started),
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
      report({ bench: 'ingest', figure: 'end_to_end_readings_per_s', value: Math.round(e2e.readingsPerSecond), unit: 'readings/s', note: `${e2e.acknowledged - Math.min(e2e.acknowledged, e2e.stored)} lost; from the first publish ${Math.round(e2e.readingsPerSecondFromFirstPublish)}` });
      report({ bench: 'ingest', figure: 'ingest_cpu_per_reading', value: Number(e2e.cpuMicrosecondsPerReading.toFixed(2)), unit: 'µs', note: `of which system ${e2e.systemCpuMicrosecondsPerReading.toFixed(2)} µs; whole phase ${e2e.cpuMicrosecondsPerReadingWholePhase.toFixed(2)} µs` });
      report({ bench: 'ingest', figure: 'influxdb_cpu_per_reading_end_to_end', value: Number(e2e.influxCpuMicroseconds.toFixed(2)), unit: 'µs' });
      report({ bench: 'ingest', figure: 'publishers_cpu_per_reading', value: Number(e2e.publisherCpuMicroseconds.toFixed(2)), unit: 'µs' });
      return;
    }
    progress(`1/4 InfluxDB raw, ${WARMUP_SECONDS} + ${SECONDS} s`);
    const { linesPerSecond: raw, influxCpuMicroseconds: rawInfluxCpu } = await influxRaw(influx, park);
    await influx.query('DROP DATABASE raw'); // its files go, and with them the compactions and writeback they would cost the next phases
    settleDisk();
    figures.push(report({ bench: 'ingest', figure: 'influxdb_raw_lines_per_s', value: Math.round(raw), unit: 'lines/s', note: `${BATCH_LINES}-line batches to /write, 2 writers` }));
    figures.push(report({ bench: 'ingest', figure: 'influxdb_cpu_per_line_raw', value: Number(rawInfluxCpu.toFixed(2)), unit: 'µs', note: 'influxd CPU ÷ lines, raw writes' }));
    progress(`2/4 Mosquitto alone, ${WARMUP_SECONDS} + ${SECONDS} s`);
    const broker = await brokerAlone(dir, park);
    settleDisk();
    figures.push(report({ bench: 'ingest', figure: 'mosquitto_qos1_readings_per_s', value: Math.round(broker.readingsPerSecond), unit: 'readings/s', note: `${READINGS_PER_MESSAGE} readings a message; PUBACK p50 ${broker.p50.toFixed(1)} ms, p99 ${broker.p99.toFixed(1)} ms` }));
    progress(`3/4 end to end, ${WARMUP_SECONDS} + ${SECONDS} s of load`);
    const e2e = await endToEnd(dir, park, influx, 'e2e');
    await influx.query('DROP DATABASE e2e');
    settleDisk();
    progress(`4/4 end to end with gzipped writes, ${WARMUP_SECONDS} + ${SECONDS} s of load`);
    const gzipped = await endToEnd(dir, park, influx, 'e2e_gzip', { ZEROPARK_INFLUX_GZIP_LEVEL: '1' });
    figures.push(report({ bench: 'ingest', figure: 'end_to_end_readings_per_s', value: Math.round(e2e.readingsPerSecond), unit: 'readings/s', peer: 'influxdb_raw_lines_per_s', note: `${(e2e.readingsPerSecond / raw).toFixed(2)}× InfluxDB raw; target ≥ 0.8×; over the whole phase, warm-up included, ${Math.round(e2e.readingsPerSecondFromFirstPublish).toLocaleString('en-US')} readings/s` }));
    figures.push(report({ bench: 'ingest', figure: 'end_to_end_lost_readings', value: e2e.acknowledged - Math.min(e2e.acknowledged, e2e.stored), unit: 'readings', note: `${e2e.acknowledged} acknowledged, ${e2e.stored} in InfluxDB` }));
    figures.push(report({ bench: 'ingest', figure: 'ingest_cpu_per_reading', value: Number(e2e.cpuMicrosecondsPerReading.toFixed(2)), unit: 'µs', note: `ingest process CPU (user + system, of which system ${e2e.systemCpuMicrosecondsPerReading.toFixed(2)} µs) ÷ readings stored; target ≤ 4 µs; over the whole phase, logins and warm-up included, ${e2e.cpuMicrosecondsPerReadingWholePhase.toFixed(2)} µs` }));
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
    `${GATEWAYS} gateways, each keeping ${WINDOW} QoS 1 messages of ${READINGS_PER_MESSAGE} readings in flight. Each phase runs ${WARMUP_SECONDS} s of warm-up, then ${SECONDS} s measured. End to end counts the readings the store confirmed from the end of the warm-up until the journal was empty, over that time; every acknowledged reading is then counted in InfluxDB.\n\n${table}`,
  );
  progress('wrote docs/benchmarks.md');
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
