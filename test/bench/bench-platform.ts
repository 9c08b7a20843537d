import { issueAccessToken } from '@zeropark/access';
import { freePort, processCpuSeconds } from '@zeropark/test-servers';
import { ingestReadingsRejected, journalDrained, ingestMetric as serviceMetric, serviceHistogram, type HistogramBuckets } from '../support/ingest-metrics.js';
import { startIngestProcess } from '../support/ingest-process.js';
import { startServiceProcess, type ServiceProcess } from '../support/service-process.js';

const TOKEN_SECRET = 'the-token-secret-of-the-live-bench-32';

export interface BenchPlatform {
  mqttUrl: string;
  carbonUrl: string;
  carbon: ServiceProcess;
  /** Seconds from spawning the carbon service until its /readyz answered (state rebuilt, bus open). */
  carbonStartSeconds: number;
  /** CPU seconds the carbon service has used so far (user + system). */
  carbonCpuSeconds(): number;
  /** Readings the ingest refused so far: a load it refuses is not the load a figure claims. */
  ingestReadingsRejected(): Promise<number>;
  /** Readings the ingest's store has confirmed so far. */
  ingestReadingsStored(): Promise<number>;
  /** The ingest's journal commit times so far (`zeropark_ingest_journal_commit_seconds`). */
  ingestJournalCommits(): Promise<HistogramBuckets>;
  /** Resolves when the ingest's journal is empty. */
  ingestJournalDrained(timeoutMs: number): Promise<void>;
  /**
   * The longest each service's event loop was late since the last call, in ms: prom-client starts
   * its event-loop histogram anew at each scrape of /metrics.
   */
  serviceLoopDelaysMs(): Promise<{ ingest: number; carbon: number }>;
  token(): Promise<string>;
  stop(): Promise<void>;
}

/** The ingest (embedded broker, SQLite store) and the carbon service as processes, for the live benchmarks. */
export async function startBenchPlatform(registryFile: string, dataDir: string, carbonEnv: Record<string, string> = {}, ingestEnv: Record<string, string> = {}): Promise<BenchPlatform> {
  const [mqttPort, ingestPort, carbonPort] = [await freePort(), await freePort(), await freePort()];
  const shared = { ZEROPARK_REGISTRY: registryFile, ZEROPARK_DATA_DIR: dataDir, ZEROPARK_BUS_SECRET: 'bus-secret-of-the-live-bench' };
  const ingest = await startIngestProcess({ ...shared, INGEST_MQTT_PORT: String(mqttPort), INGEST_MAX_MESSAGES_PER_S: '1000000', ...ingestEnv }, ingestPort);
  const carbonStarted = performance.now();
  const carbon = await startServiceProcess('carbon', { ...shared, ZEROPARK_BUS_URL: `mqtt://127.0.0.1:${mqttPort}`, CARBON_TOKEN_SECRET: TOKEN_SECRET, ...carbonEnv }, carbonPort);
  return {
    mqttUrl: `mqtt://127.0.0.1:${mqttPort}`,
    carbonUrl: `http://127.0.0.1:${carbonPort}`,
    carbon,
    carbonStartSeconds: (performance.now() - carbonStarted) / 1000,
    carbonCpuSeconds: () => processCpuSeconds(carbon.process.pid),
    ingestReadingsRejected: () => ingestReadingsRejected(ingestPort),
    ingestReadingsStored: () => serviceMetric(ingestPort, 'zeropark_ingest_readings_stored_total'),
    ingestJournalCommits: () => serviceHistogram(ingestPort, 'zeropark_ingest_journal_commit_seconds'),
    ingestJournalDrained: (timeoutMs) => journalDrained(ingestPort, timeoutMs),
    serviceLoopDelaysMs: async () => ({
      ingest: 1000 * (await serviceMetric(ingestPort, 'nodejs_eventloop_lag_max_seconds')),
      carbon: 1000 * (await serviceMetric(carbonPort, 'nodejs_eventloop_lag_max_seconds')),
    }),
    token: () => issueAccessToken(TOKEN_SECRET, { subject: 'bench', role: 'viewer', parks: ['*'], ttlSeconds: 3600 }),
    async stop() {
      await carbon.kill('SIGTERM');
      await ingest.kill('SIGTERM');
    },
  };
}
