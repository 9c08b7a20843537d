import { temporaryDirectory } from '@zeropark/test-servers';
import { issueAccessToken, type Role } from '@zeropark/access';
import { acceptedTopic, type AcceptedBatch } from '@zeropark/contracts';
import { loadRegistries } from '@zeropark/registry';
import { Aedes } from 'aedes';
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { pino, type Logger } from 'pino';
import { loadCarbonConfig } from './carbon.config.js';
import { startCarbon, type RunningCarbon } from './carbon-app.js';

const REGISTRY = join(import.meta.dirname, '../../../config/example-park.yaml');
export const SPEC_TOKEN_SECRET = 'the-token-secret-of-this-spec-32-chars';

const OTHER_PARK = `park: { id: other-park, name: Other park, timezone: Europe/Berlin, gridRegion: national }
buildings: [{ id: H1, name: Hall }]
meters: [{ id: H1-MAIN, role: building_submeter, building: H1 }]
gateways: [{ id: gw-h1, secretHash: "scrypt$N=16384,r=8,p=1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", meters: [H1-MAIN] }]
`;

export interface CarbonOnBus {
  carbon: RunningCarbon;
  url: string;
  /** An access token of this service, 600 s unless said. */
  tokenFor(parks: string[], role?: Role, ttlSeconds?: number): Promise<string>;
  /** Puts a message on the bus at QoS 1. */
  publish(topic: string, payload: string, retain?: boolean): Promise<void>;
  /** Puts an accepted batch on the bus, as the ingest does. */
  publishBatch(batch: AcceptedBatch): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The carbon service on a real MQTT bus (an aedes broker in this process), with the example park
 * and a second park, so a dashboard of one can be shown to hear nothing of the other; ready once
 * its bus is connected.
 */
export async function startCarbonOnBus(environment: Record<string, string> = {}, options: { clock?: () => number; logger?: Logger } = {}): Promise<CarbonOnBus> {
  const logger = options.logger ?? pino({ level: 'silent' });
  const broker = await Aedes.createBroker();
  const brokerServer = createServer((socket) => broker.handle(socket)).listen(0, '127.0.0.1');
  await once(brokerServer, 'listening');
  const brokerPort = (brokerServer.address() as { port: number }).port;
  const otherPark = join(temporaryDirectory('other'), 'other-park.yaml');
  writeFileSync(otherPark, OTHER_PARK);
  const config = loadCarbonConfig({
    ZEROPARK_REGISTRY: `${REGISTRY},${otherPark}`,
    ZEROPARK_BUS_URL: `mqtt://127.0.0.1:${brokerPort}`,
    ZEROPARK_BUS_SECRET: 'bus-secret-for-the-spec',
    CARBON_HTTP_PORT: '0',
    CARBON_PUSH_INTERVAL_MS: '100',
    CARBON_TOKEN_SECRET: SPEC_TOKEN_SECRET,
    CARBON_SERIES_INTERVAL_MS: '1000',
    ZEROPARK_DATA_DIR: temporaryDirectory('carbon'),
    ...environment,
  });
  const carbon = await startCarbon({ config, parks: await loadRegistries(config.ZEROPARK_REGISTRY), logger, ...(options.clock === undefined ? {} : { clock: options.clock }) });
  const url = `http://127.0.0.1:${carbon.port}`;
  for (let tries = 0; (await fetch(`${url}/readyz`)).status !== 200; tries += 1) {
    if (tries > 100) throw new Error('the carbon service never became ready');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const publish = (topic: string, payload: string, retain = false) =>
    new Promise<void>((resolve, reject) =>
      broker.publish({ cmd: 'publish', topic, payload: Buffer.from(payload), qos: 1, retain, dup: false }, (error) => (error ? reject(error) : resolve())),
    );
  return {
    carbon,
    url,
    tokenFor: (parks, role = 'viewer', ttlSeconds = 600) => issueAccessToken(SPEC_TOKEN_SECRET, { subject: 'spec', role, parks, ttlSeconds }),
    publish,
    publishBatch: (batch) => publish(acceptedTopic(batch.park), JSON.stringify(batch)),
    async stop() {
      await carbon.stop();
      await new Promise<void>((resolve) => broker.close(() => resolve()));
      brokerServer.close();
    },
  };
}
