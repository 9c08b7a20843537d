// `npm run bench:history`: a long history asked of the embedded store, as the carbon service
// asks it for a dashboard's History or a report. Its park's `carbon` series, BENCH_HISTORY_DAYS
// (120) days of a point a minute for the park and four buildings, summed in 15-minute buckets
// (what a day-resolution history sums): how long the sum takes, and how late the event loop
// that pushes the snapshots is meanwhile, with the store's calls in a worker thread
// (`StoreInWorker`, as the carbon service opens it) beside the same file's store on the event
// loop (`SqliteStore`). Prints one JSON line per figure and rewrites its section of
// docs/benchmarks.md.
import type { CarbonPoint } from '@zeropark/contracts';
import { temporaryDirectory } from '@zeropark/test-servers';
import { SqliteStore, StoreInWorker, type CarbonSumQuery, type TimeseriesStore } from '@zeropark/timeseries';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { report, writeSection, type Figure } from './bench-report.js';
import { percentile } from './closed-loop-publisher.js';

const DAYS = Number(process.env.BENCH_HISTORY_DAYS ?? 120);
const ROUNDS = 3;
const MINUTE = 60_000;
const FIRST = Date.UTC(2026, 0, 1);
const BUILDINGS = ['B01', 'B02', 'B03', 'B04'];
const progress = (text: string) => console.error(`bench:history: ${text}`);

/** A day of the series: a point a minute for the park and for each building, as the carbon service writes them. */
function dayOfPoints(day: number): CarbonPoint[] {
  const points: CarbonPoint[] = [];
  for (let minute = 0; minute < 1440; minute += 1) {
    const ts = FIRST + (day * 1440 + minute) * MINUTE;
    points.push({
      park: 'bench-park',
      building: null,
      ts,
      factorVersion: 'cn-mee-nbs-2023.2',
      fields: { gridImportKwh: 6, gridExportKwh: 0.5, generationKwh: 2.5, submeteredKwh: 6, scope2LocationKg: 3.3, scope2MarketKg: 3.6576, scope1Kg: 1.081, gasM3: 0.5, electricityConsumedKwh: 8, emissionsLocationKg: 4.381, emissionsMarketKg: 4.7386, intensityGPerKwh: 412.5, renewableShare: 0.25 },
    });
    for (const building of BUILDINGS) points.push({ park: 'bench-park', building, ts, factorVersion: 'cn-mee-nbs-2023.2', fields: { electricityKwh: 1.5, electricityKg: 0.61875 } });
  }
  return points;
}

/** One history asked of the store: its time, and the longest the event loop was late meanwhile. */
async function sumOnce(store: TimeseriesStore, query: CarbonSumQuery): Promise<{ ms: number; loopLateMs: number; buckets: number }> {
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  // a few turns first: the monitor's timer measures each turn from the one before, so a block at
  // once would go unseen
  await new Promise((resolve) => setTimeout(resolve, 20));
  const started = performance.now();
  const sums = await store.sumCarbon(query);
  const ms = performance.now() - started;
  // one more turn, so that a loop blocked to the end is counted
  await new Promise((resolve) => setTimeout(resolve, 10));
  delay.disable();
  return { ms, loopLateMs: delay.max / 1e6, buckets: sums.length };
}

async function main(): Promise<void> {
  const dataDir = temporaryDirectory('bench-history');
  progress(`writing ${DAYS} days of the carbon series (park + ${BUILDINGS.length} buildings, a point a minute)`);
  const writer = new SqliteStore(join(dataDir, 'zeropark.db'));
  for (let day = 0; day < DAYS; day += 1) await writer.writeCarbon(dayOfPoints(day));
  await writer.close();

  const fields = Object.keys(dayOfPoints(0)[0]?.fields ?? {});
  const query: CarbonSumQuery = { park: 'bench-park', building: null, from: FIRST, to: FIRST + DAYS * 1440 * MINUTE, bucketMs: 15 * MINUTE, fields };
  const inWorker = await StoreInWorker.open({ kind: 'sqlite', dataDir });
  const onLoop = new SqliteStore(join(dataDir, 'zeropark.db'));
  const runs: Record<'worker' | 'loop', { ms: number; loopLateMs: number; buckets: number }[]> = { worker: [], loop: [] };
  try {
    // interleaved, after one of each to warm the page cache and the code
    await sumOnce(inWorker, query);
    await sumOnce(onLoop, query);
    for (let round = 1; round <= ROUNDS; round += 1) {
      runs.worker.push(await sumOnce(inWorker, query));
      runs.loop.push(await sumOnce(onLoop, query));
      progress(`round ${round}/${ROUNDS}: worker ${Math.round(runs.worker.at(-1)?.ms ?? 0)} ms, on the loop ${Math.round(runs.loop.at(-1)?.ms ?? 0)} ms`);
    }
  } finally {
    await inWorker.close();
    await onLoop.close();
  }
  const median = (values: number[]) => percentile(values, 50);
  const buckets = runs.worker[0]?.buckets ?? 0;
  const figures: Figure[] = [
    report({
      bench: 'history',
      figure: 'event_loop_late_during_history',
      value: Number(median(runs.worker.map((run) => run.loopLateMs)).toFixed(1)),
      unit: 'ms',
      peer: 'store on the event loop',
      note: `the longest the event loop was late while the worker summed ${DAYS} days (${buckets} buckets); the store on the event loop: ${Math.round(median(runs.loop.map((run) => run.loopLateMs)))} ms; medians of ${ROUNDS}`,
    }),
    report({
      bench: 'history',
      figure: 'history_sum_time',
      value: Math.round(median(runs.worker.map((run) => run.ms))),
      unit: 'ms',
      peer: 'store on the event loop',
      note: `${DAYS} days of a park's series (${DAYS * 1440} minutes) in 15-minute buckets, made by the worker; on the event loop: ${Math.round(median(runs.loop.map((run) => run.ms)))} ms; medians of ${ROUNDS}`,
    }),
  ];
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  const table = ['| figure | value | beside |', '| --- | --- | --- |', ...figures.map((figure) => `| ${figure.figure} | ${figure.value.toLocaleString('en-US')} ${figure.unit} | ${figure.note ?? ''} |`)].join('\n');
  writeSection(
    'history',
    'npm run bench:history',
    machine,
    `The carbon service's embedded store (SQLite) asked for ${DAYS} days of a park's \`carbon\` series, a point a minute for the park and ${BUILDINGS.length} buildings, as a day-resolution history or a report asks: through \`StoreInWorker\`, as the carbon service opens it, beside \`SqliteStore\` on the event loop, on the same file, interleaved.\n\n${table}`,
  );
  progress('wrote docs/benchmarks.md');
}

await main();
