// `npm run bench:live`: the live path beside its peers, in one run on this machine:
//   1. the live state alone: readings per second one core applies, and heap per meter, for a
//      park of 10 000 meters with its live window full; and a gateway's backlog of 50 days caught
//      up a slice at a time, as the service does, beside the same backlog all at once;
//   2. the ingest's maximum in the form these phases run it (embedded broker, SQLite store, the
//      carbon service on the bus); then publish → browser latency, p50 and p99, at half of it, with
//      the push interval at its default (1 s) and at 100 ms;
//   3. dashboards held at 1 Hz and the carbon service's CPU, beside raw `ws` broadcasting the same
//      frames to as many clients, pinging them as Socket.IO does, and once more with no heartbeat:
//      the three in turn, in rounds, each measured over whole heartbeat intervals (25 s);
//   4. restart time to full state for 10 000 meters, beside the same start with an empty store.
// Prints one JSON line per figure and rewrites its section of docs/benchmarks.md.
// BENCH_SECONDS (15) sets the length of the timed phases (the dashboards' rounded to whole
// heartbeat intervals), BENCH_LATENCY_SECONDS (45) that of each latency phase, BENCH_CLIENTS
// (10000) the dashboards, BENCH_FANOUT_ROUNDS (3) their rounds,
// BENCH_LIVE_LOAD (readings/s) the latency phases' load instead of half the measured maximum.
// For trying a change, one phase alone, its figures printed, the docs left as they are:
// BENCH_LATENCY_ONLY=1 (phase 2, at 100 ms), BENCH_FANOUT_ONLY=1 (phase 3).
import { BACKLOG_MINUTES_PER_TURN } from '@zeropark/carbon';
import { temporaryDirectory } from '@zeropark/test-servers';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { writeLoadPark } from '../support/load-park.js';
import { startBenchPlatform } from './bench-platform.js';
import { report, writeSection, type Figure } from './bench-report.js';
import { measureBacklog } from './ledger-backlog.js';
import { measureLedger } from './ledger-state.js';
import { measureIngestMaximum } from './ingest-maximum.js';
import { measurePushLatency } from './push-latency.js';
import { measureRestart } from './restart-time.js';
import { settleDisk } from './settle-disk.js';
import { SOCKET_IO_PING_INTERVAL_MS, type Fanout } from './dashboard-fanout.js';
import { framesPerCpuSecond, heartbeatWindowSeconds, measureFanoutRounds, median, type FanoutRound } from './fanout-rounds.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
/**
 * A p99 is the time the slowest 1 % of probes took. In 15 s one stall of 200 ms is 1.3 % of the
 * time and alone makes the p99 (one whole run had the ingest's PUBACK p99 at 213 ms, where the
 * runs around it had 51–69 ms); over 45 s the figure says how often such stalls come, not
 * whether one came.
 */
const LATENCY_SECONDS = Number(process.env.BENCH_LATENCY_SECONDS ?? 45);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 10_000);
const LIVE_LOAD = process.env.BENCH_LIVE_LOAD === undefined ? undefined : Number(process.env.BENCH_LIVE_LOAD);
const LATENCY_ONLY = process.env.BENCH_LATENCY_ONLY === '1';
const FANOUT_ONLY = process.env.BENCH_FANOUT_ONLY === '1';
const FANOUT_ROUNDS = Number(process.env.BENCH_FANOUT_ROUNDS ?? 3);
const GATEWAYS = 16;
const READINGS_PER_MESSAGE = 50;
const progress = (text: string) => process.stderr.write(`bench:live ${text}\n`);
/** A histogram's bucket bound (s) in words: "10 ms", or beyond the last bucket. */
const msOf = (seconds: number) => (Number.isFinite(seconds) ? `${Number((seconds * 1000).toPrecision(3))} ms` : 'more than 1 s');

async function main(): Promise<void> {
  const figures: Figure[] = [];
  const dir = temporaryDirectory('live-bench');
  settleDisk(); // what the build before wrote

  if (!LATENCY_ONLY && !FANOUT_ONLY) {
    progress('1/4 live state of 10 000 meters');
    const ledger = measureLedger(100, 100, 30, 45);
    figures.push(report({ bench: 'live', figure: 'ledger_readings_per_s', value: Math.round(ledger.readingsPerSecond), unit: 'readings/s', note: `one core, ${ledger.meters} meters, a snapshot a minute` }));
    figures.push(report({ bench: 'live', figure: 'live_state_bytes_per_meter', value: Math.round(ledger.bytesPerMeter), unit: 'B', note: `heap after GC ÷ meters, 30-minute live window full; target ≤ 1024 B` }));
    progress('1/4 a backlog of 50 days, in slices and at once');
    const [sliced, atOnce] = [measureBacklog(50, BACKLOG_MINUTES_PER_TURN), measureBacklog(50, undefined)];
    figures.push(report({ bench: 'live', figure: 'ledger_backlog_longest_call', value: Math.round(sliced.longestCallMs), unit: 'ms', peer: 'all at once', note: `a gateway back after 50 days (2 meters, ${sliced.minutes.toLocaleString('en-US')} minutes each), ${BACKLOG_MINUTES_PER_TURN} minutes a call: ${sliced.calls} calls, ${sliced.totalSeconds.toFixed(1)} s in all; all at once: one call of ${Math.round(atOnce.longestCallMs)} ms, ${atOnce.totalSeconds.toFixed(1)} s in all` }));
  }

  const park = await writeLoadPark(dir, GATEWAYS, 10);
  let liveLoad = LIVE_LOAD ?? 0;
  if (!FANOUT_ONLY && LIVE_LOAD === undefined) {
    progress(`2/4 the ingest's maximum, embedded broker and SQLite store, ${SECONDS} s`);
    const maximumDir = join(dir, 'maximum');
    const platform = await startBenchPlatform(park.registryFile, maximumDir);
    try {
      const maximum = await measureIngestMaximum(platform, park, { seconds: SECONDS, readingsPerMessage: READINGS_PER_MESSAGE });
      liveLoad = Math.round(maximum / 2);
      figures.push(report({ bench: 'live', figure: 'ingest_readings_per_s_embedded', value: Math.round(maximum), unit: 'readings/s', note: `the ingest's maximum in this form (embedded broker, SQLite store, the carbon service on the bus), closed-loop gateways as in bench:ingest; the latency phases run at half: ${liveLoad} readings/s` }));
    } finally {
      await platform.stop();
      settleDisk(maximumDir);
    }
  }
  const messagesPerSecond = liveLoad / GATEWAYS / READINGS_PER_MESSAGE;
  for (const pushMs of FANOUT_ONLY ? [] : LATENCY_ONLY ? [100] : [1000, 100]) {
    progress(`2/4 publish → browser at ${liveLoad} readings/s, push every ${pushMs} ms, ${LATENCY_SECONDS} s`);
    const phaseDir = join(dir, `latency-${pushMs}`);
    const platform = await startBenchPlatform(park.registryFile, phaseDir, { CARBON_PUSH_INTERVAL_MS: String(pushMs) });
    try {
      const latency = await measurePushLatency(platform, park, { seconds: LATENCY_SECONDS, loadMessagesPerSecond: messagesPerSecond, readingsPerMessage: READINGS_PER_MESSAGE });
      const load = `background ${Math.round(latency.loadReadingsPerSecond)} readings/s acknowledged, carbon service ${latency.carbonCores.toFixed(2)} cores, ${latency.probes} probes; event loops at most late: the probes' ${latency.probeLoopDelayMaxMs.toFixed(0)} ms, the ingest's ${latency.serviceLoopDelayMaxMs.ingest.toFixed(0)} ms, the carbon service's ${latency.serviceLoopDelayMaxMs.carbon.toFixed(0)} ms`;
      figures.push(report({ bench: 'live', figure: `push_latency_p50_at_${pushMs}ms`, value: Number(latency.p50.toFixed(1)), unit: 'ms', note: load }));
      figures.push(report({ bench: 'live', figure: `push_latency_p99_at_${pushMs}ms`, value: Number(latency.p99.toFixed(1)), unit: 'ms', peer: `push interval ${pushMs} ms`, note: `target ≤ ${pushMs + 50} ms; of it, publish → PUBACK (the ingest's journal): p50 ${latency.pubackP50.toFixed(1)} ms, p99 ${latency.pubackP99.toFixed(1)} ms; the journal's ${latency.journalCommits.count} commits (each with its fsync): 99 % within ${msOf(latency.journalCommits.p99AtMost)}, all within ${msOf(latency.journalCommits.maxAtMost)}` }));
    } finally {
      await platform.stop();
      settleDisk(phaseDir);
    }
  }

  if (LATENCY_ONLY) return;

  progress(`3/4 ${CLIENTS} dashboards at 1 Hz, beside raw ws, ${FANOUT_ROUNDS} rounds of ${heartbeatWindowSeconds(SECONDS)} s a server`);
  const fanoutDir = join(dir, 'fanout');
  const fanoutPlatform = await startBenchPlatform(park.registryFile, fanoutDir);
  let fanout;
  try {
    fanout = await measureFanoutRounds(fanoutPlatform, park, dir, { clients: CLIENTS, seconds: SECONDS, rounds: FANOUT_ROUNDS, progress });
  } finally {
    await fanoutPlatform.stop();
    settleDisk(fanoutDir);
  }
  const { rounds, windowSeconds } = fanout;
  const each = (values: number[], digits: number) => values.map((value) => value.toFixed(digits)).join(', ');
  const percentOfCore = (pick: (round: FanoutRound) => Fanout) => rounds.map((round) => pick(round).cores * 100);
  const toRaw = rounds.map((round) => framesPerCpuSecond(round.socketIo) / framesPerCpuSecond(round.raw));
  const toBare = rounds.map((round) => framesPerCpuSecond(round.socketIo) / framesPerCpuSecond(round.rawBare));
  const pings = (pick: (round: FanoutRound) => Fanout) => each(rounds.map((round) => pick(round).pingsPerClient), 2);
  const window = `medians of ${rounds.length} rounds of ${windowSeconds} s a server, each round's in brackets`;
  const frameKb = (fanout.frameBytes / 1024).toFixed(1);
  figures.push(report({ bench: 'live', figure: 'dashboards_frames_per_s', value: Math.round(median(rounds.map((round) => round.socketIo.framesPerSecond))), unit: 'frames/s', peer: 'raw ws', note: `${CLIENTS} Socket.IO clients in one park room, ${frameKb} KiB snapshots, ${median(rounds.map((round) => round.socketIo.sendsPerSecond)).toFixed(2)} pushes/s; raw ws to as many: ${Math.round(median(rounds.map((round) => round.raw.framesPerSecond)))} frames/s` }));
  figures.push(report({ bench: 'live', figure: 'dashboards_cpu', value: Number(median(percentOfCore((round) => round.socketIo)).toFixed(1)), unit: '% of a core', peer: 'raw ws', note: `carbon service, whole process (${each(percentOfCore((round) => round.socketIo), 1)}); raw ws server sending the same frames, pinging each client every ${SOCKET_IO_PING_INTERVAL_MS / 1000} s as Socket.IO does: ${median(percentOfCore((round) => round.raw)).toFixed(1)} % (${each(percentOfCore((round) => round.raw), 1)}); with no heartbeat: ${median(percentOfCore((round) => round.rawBare)).toFixed(1)} % (${each(percentOfCore((round) => round.rawBare), 1)}); ${window}; pings a client in a window: Socket.IO ${pings((round) => round.socketIo)}, raw ws ${pings((round) => round.raw)}; target ≤ 25 %` }));
  figures.push(report({ bench: 'live', figure: 'dashboards_frames_per_cpu_second', value: Math.round(median(rounds.map((round) => framesPerCpuSecond(round.socketIo)))), unit: 'frames', peer: 'raw ws', note: `${median(toRaw).toFixed(2)}× raw ws with its heartbeat (${each(toRaw, 2)}); ${median(toBare).toFixed(2)}× raw ws with none (${each(toBare, 2)}); the ratio of each round's servers, ${window}; target ≥ 0.8×` }));
  const rss = { socketIo: median(rounds.map((round) => round.socketIo.rssBytesPerClient)), raw: median(rounds.map((round) => round.raw.rssBytesPerClient)) };
  if (FANOUT_ONLY) {
    report({ bench: 'live', figure: 'dashboards_rss_per_client', value: Math.round(rss.socketIo / 1024), unit: 'KiB', note: `raw ws: ${Math.round(rss.raw / 1024)} KiB` });
    return;
  }
  figures.push(report({ bench: 'live', figure: 'dashboards_rss_per_client', value: Math.round(rss.socketIo / 1024), unit: 'KiB', peer: 'raw ws', note: `carbon service's resident memory per client; raw ws: ${Math.round(rss.raw / 1024)} KiB` }));

  progress('4/4 restart with 10 000 meters in the store');
  const restart = await measureRestart(join(dir, 'restart'), 100, 100);
  figures.push(report({ bench: 'live', figure: 'restart_to_full_state', value: Number(restart.fullSeconds.toFixed(1)), unit: 's', peer: 'empty store', note: `${restart.meters} meters, ${restart.readingsStored.toLocaleString('en-US')} readings and ${restart.carbonPointsStored.toLocaleString('en-US')} carbon points stored; the same start on an empty store: ${restart.emptySeconds.toFixed(1)} s; target ≤ 10 s` }));

  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}; every process on the same machine`;
  const table = ['| figure | value | beside |', '| --- | --- | --- |', ...figures.map((figure) => `| ${figure.figure} | ${figure.value.toLocaleString('en-US')} ${figure.unit} | ${figure.note ?? ''} |`)].join('\n');
  writeSection('live', 'npm run bench:live', machine, `Ingest with its embedded broker and SQLite store, and the carbon service, as processes; ${GATEWAYS} load gateways of ${READINGS_PER_MESSAGE} readings a message; ${SECONDS} s per timed phase but those of latency, ${LATENCY_SECONDS} s each, and the dashboards', whole heartbeat intervals.\n\n${table}`);
  progress('wrote docs/benchmarks.md');
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
