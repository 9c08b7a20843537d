// `npm run bench:dashboard`: the dashboard as a wall display. `npm start` with the simulated park
// (a batch per gateway every 500 ms) and the page open in Debian's Chromium for
// BENCH_DASHBOARD_MINUTES (20 by default): the page's weight, how fast it is live, and whether
// its heap, DOM and listeners stay flat, sampled after a forced garbage collection.
// Prints one JSON line per figure and rewrites its section of docs/benchmarks.md.
import { readdirSync, readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchChromium } from '../support/chromium.js';
import { REPO_ROOT, startPlatform } from '../support/platform-process.js';
import { report, writeSection, type Figure } from './bench-report.js';

const MINUTES = Number(process.env.BENCH_DASHBOARD_MINUTES ?? 20);
const progress = (text: string) => console.error(`bench:dashboard: ${text}`);

/** The built page's assets: bytes, and bytes gzipped as a server would send them. */
function pageWeight(): { bytes: number; gzipped: number } {
  const assets = join(REPO_ROOT, 'apps/dashboard/dist/assets');
  const files = [join(REPO_ROOT, 'apps/dashboard/dist/index.html'), ...readdirSync(assets).filter((name) => !name.endsWith('.map')).map((name) => join(assets, name))];
  return files.reduce((sum, file) => {
    const content = readFileSync(file);
    return { bytes: sum.bytes + content.length, gzipped: sum.gzipped + gzipSync(content).length };
  }, { bytes: 0, gzipped: 0 });
}

/** Heap growth in bytes per hour: the least-squares slope of the samples. */
function slopePerHour(samples: readonly { at: number; heap: number }[]): number {
  const n = samples.length;
  if (n < 2) return 0;
  const meanAt = samples.reduce((sum, one) => sum + one.at, 0) / n;
  const meanHeap = samples.reduce((sum, one) => sum + one.heap, 0) / n;
  const covariance = samples.reduce((sum, one) => sum + (one.at - meanAt) * (one.heap - meanHeap), 0);
  const variance = samples.reduce((sum, one) => sum + (one.at - meanAt) ** 2, 0);
  return (covariance / variance) * 3_600_000;
}

async function main(): Promise<void> {
  const figures: Figure[] = [];
  const weight = pageWeight();
  figures.push(report({ bench: 'dashboard', figure: 'page_weight', value: Math.round(weight.gzipped / 1024), unit: 'KiB gzipped', peer: 'uncompressed', note: `${Math.round(weight.bytes / 1024)} KiB uncompressed: HTML, JS (uPlot and Socket.IO included) and CSS` }));

  progress('starting the platform (npm start) with the simulated park');
  const platform = await startPlatform({ SIM_INTERVAL_MS: '500' });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const started = performance.now();
    await page.goto(`http://127.0.0.1:${platform.carbonPort}/#token=${platform.token}`);
    await page.waitForSelector('[data-testid=connection][data-state=live]');
    await page.waitForFunction("document.querySelector('[data-testid=park-power]')?.textContent !== '–'");
    const liveMs = performance.now() - started;
    const loadedMs = Number(await page.evaluate("performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd"));
    figures.push(report({ bench: 'dashboard', figure: 'open_to_live_figures', value: Math.round(liveMs), unit: 'ms', peer: 'page loaded', note: `from navigation to the first live snapshot on screen (Socket.IO connected, park joined); the page itself was loaded (DOMContentLoaded) after ${Math.round(loadedMs)} ms` }));

    const sample = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      const { usedSize } = await cdp.send('Runtime.getHeapUsage');
      const { metrics } = await cdp.send('Performance.getMetrics');
      const metric = (name: string) => metrics.find((entry) => entry.name === name)?.value ?? 0;
      const points = Number(await page.getByTestId('live-chart').getAttribute('data-points'));
      return { at: performance.now(), heap: usedSize, nodes: metric('Nodes'), listeners: metric('JSEventListeners'), points };
    };
    // a minute to settle (history loaded, the first pushes), then the baseline
    await page.waitForTimeout(60_000);
    const first = await sample();
    const samples = [first];
    for (let minute = 1; minute < MINUTES; minute += 1) {
      await page.waitForTimeout(60_000);
      const next = await sample();
      samples.push(next);
      progress(`${minute + 1}/${MINUTES} min: heap ${(next.heap / 2 ** 20).toFixed(2)} MiB, ${next.nodes} DOM nodes, ${next.listeners} listeners, ${next.points} chart points`);
    }
    const last = samples.at(-1) ?? first;
    // least squares over the second half: the first minutes hold warm-up (JIT, caches), not a leak
    const growthPerHour = slopePerHour(samples.slice(Math.floor(samples.length / 2)));
    const wholeRunPerHour = slopePerHour(samples);
    // past its first 10 minutes the chart adds a point a minute: three numbers a point, at least 8 bytes each
    const chartPerHour = 60 * 3 * 8;
    figures.push(report({ bench: 'dashboard', figure: 'heap_after_gc', value: Number((last.heap / 2 ** 20).toFixed(2)), unit: 'MiB', peer: 'after the first minute', note: `${(first.heap / 2 ** 20).toFixed(2)} MiB after the first minute; ${MINUTES} min open` }));
    figures.push(report({ bench: 'dashboard', figure: 'heap_growth_per_hour', value: Math.round(growthPerHour / 1024), unit: 'KiB/h', peer: "the 24-hour chart's own points", note: `least squares over the second half of the run (the whole run, warm-up included: ${Math.round(wholeRunPerHour / 1024)} KiB/h); the chart keeps seconds for 10 min and minutes after, so it grows by 60 points an hour (about ${Math.round(chartPerHour / 1024)} KiB) until it holds 24 h, then stays flat` }));
    figures.push(report({ bench: 'dashboard', figure: 'dom_nodes', value: last.nodes, unit: 'nodes', peer: 'after the first minute', note: `${first.nodes} after the first minute` }));
    figures.push(report({ bench: 'dashboard', figure: 'event_listeners', value: last.listeners, unit: 'listeners', peer: 'after the first minute', note: `${first.listeners} after the first minute` }));
  } finally {
    await browser.close();
    await platform.stop();
  }

  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, Chromium (Debian); every process on the same machine`;
  const table = ['| figure | value | beside |', '| --- | --- | --- |', ...figures.map((figure) => `| ${figure.figure} | ${figure.value.toLocaleString('en-US')} ${figure.unit} | ${figure.note ?? ''} |`)].join('\n');
  writeSection(
    'dashboard',
    'npm run bench:dashboard',
    machine,
    `The page open at 1920×1080 against \`npm start\` (simulated park, a batch per gateway every 500 ms) for ${MINUTES} min; heap, DOM nodes and listeners from the Chrome DevTools Protocol after a forced garbage collection.\n\n${table}`,
  );
  progress('wrote docs/benchmarks.md');
}

await main();
