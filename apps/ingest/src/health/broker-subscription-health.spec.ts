import { INGEST_HEALTH_TOPIC_FILTER, serviceHealthSchema, type ServiceHealth } from '@zeropark/contracts';
import { temporaryDirectory } from '@zeropark/test-servers';
import { Aedes, type Client } from 'aedes';
import mqtt from 'mqtt';
import { once } from 'node:events';
import { createServer, type Server } from 'node:net';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { startIngest, type RunningIngest } from '../ingest-service.js';
import { loadIngestConfig } from '../ingest.config.js';
import { writeSpecRegistry } from '../spec-registry.fixture.js';

describe('the ingest behind an external broker that withholds its subscription', () => {
  let broker: Aedes | undefined;
  let server: Server | undefined;
  let ingest: RunningIngest | undefined;
  let reader: mqtt.MqttClient | undefined;

  afterAll(async () => {
    await reader?.endAsync();
    await ingest?.stop();
    await new Promise<void>((resolve) => (broker === undefined ? resolve() : broker.close(() => resolve())));
    server?.close();
  });

  it('should list the subscription as a problem in its health message while the broker refuses it, and drop it once granted', async () => {
    // a real broker (aedes) whose ACL refuses the gateways' readings until the spec allows them: SUBACK 0x80
    let grant = false;
    const ingestClients: Client[] = [];
    broker = await Aedes.createBroker();
    broker.authorizeSubscribe = (client, subscription, done) => done(null, grant || !subscription.topic.startsWith('parks/') ? subscription : null);
    broker.on('client', (client) => {
      if (client.id.startsWith('zeropark-ingest-')) ingestClients.push(client);
    });
    server = createServer((socket) => broker?.handle(socket)).listen(0, '127.0.0.1');
    await once(server, 'listening');
    const url = `mqtt://127.0.0.1:${(server.address() as { port: number }).port}`;
    const dataDir = temporaryDirectory('ingest-unsubscribed');
    const config = loadIngestConfig({
      ZEROPARK_REGISTRY: await writeSpecRegistry(dataDir),
      ZEROPARK_DATA_DIR: dataDir,
      INGEST_BROKER_URL: url,
      INGEST_BROKER_PASSWORD: 'ingest-password-of-the-spec',
      INGEST_INSTANCE: 'ingest-7',
      INGEST_HTTP_PORT: '0',
      INGEST_PROBLEM_AFTER_S: '0',
      INGEST_HEALTH_INTERVAL_MS: '200',
    });
    ingest = await startIngest(config, pino({ level: 'silent' }));

    const heard: ServiceHealth[] = [];
    reader = await mqtt.connectAsync(url, { reconnectPeriod: 0 });
    reader.on('message', (_topic, payload) => heard.push(serviceHealthSchema.parse(JSON.parse(payload.toString()))));
    await reader.subscribeAsync(INGEST_HEALTH_TOPIC_FILTER, { qos: 1 });
    await expect.poll(() => heard.at(-1)?.problems.map((problem) => [problem.kind, problem.reason.replace(/for \d+ s/, 'for N s')]), { timeout: 5000 }).toEqual([
      ['broker-unsubscribed', 'the external broker has not granted the subscription to the gateways\' readings for N s: the broker refused it (SUBACK 0x80): check its ACL for zeropark-ingest-ingest-7'],
    ]);
    expect((await fetch(`http://127.0.0.1:${ingest.httpPort}/readyz`)).status).toBe(503);

    // the broker's ACL now grants it; the ingest subscribes again when it reconnects
    grant = true;
    for (const client of ingestClients.splice(0)) client.close();
    await expect.poll(() => heard.at(-1)?.problems, { timeout: 5000 }).toEqual([]);
    expect((await fetch(`http://127.0.0.1:${ingest.httpPort}/readyz`)).status).toBe(200);
  }, 20_000);
});
