import type { LoadPark } from '../support/load-park.js';
import type { BenchPlatform } from './bench-platform.js';
import { ClosedLoopPublisher } from './closed-loop-publisher.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const WARM_UP_MS = 3000;

/**
 * The ingest's maximum in the form the live phases run it (embedded broker, SQLite store, the
 * carbon service reading the bus): closed-loop gateways as in bench:ingest, and the readings the
 * store confirmed a second, from the end of a warm-up until the journal was empty.
 */
export async function measureIngestMaximum(platform: BenchPlatform, park: LoadPark, options: { seconds: number; readingsPerMessage: number }): Promise<number> {
  const publisher = new ClosedLoopPublisher({ brokerUrl: platform.mqttUrl, park, readingsPerMessage: options.readingsPerMessage, window: 16, firstTs: Date.now() - 3_600_000 });
  await publisher.start();
  await sleep(WARM_UP_MS);
  const [storedBefore, started] = [await platform.ingestReadingsStored(), performance.now()];
  await sleep(options.seconds * 1000);
  await publisher.stop();
  await platform.ingestJournalDrained(300_000);
  return ((await platform.ingestReadingsStored()) - storedBefore) / ((performance.now() - started) / 1000);
}
