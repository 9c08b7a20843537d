import { temporaryDirectory } from '@zeropark/test-servers';
import { BUS_USERNAME, FEED_USERNAME, GATEWAY_STATUS_TOPIC_FILTER, GRID_INTENSITY_TOPIC_FILTER, gridIntensityTopic, INGEST_HEALTH_TOPIC_FILTER, serviceHealthSchema, serviceHealthTopic } from '@zeropark/contracts';
import { SqliteStore } from '@zeropark/timeseries';
import Database from 'better-sqlite3';
import mqtt, { type MqttClient } from 'mqtt';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeadLetterLog } from './dead-letter-log.js';
import { loadIngestConfig } from './ingest.config.js';
import { startIngest, type RunningIngest } from './ingest-service.js';
import { writeSpecRegistry } from './spec-registry.fixture.js';

const BUS_SECRET = 'bus-secret-for-the-spec';
const FEED_SECRET = 'feed-secret-for-the-spec';

function connect(port: number, username: string, password: string, clientId = `${username}-${Math.random()}`): Promise<MqttClient> {
  const client = mqtt.connect(`mqtt://127.0.0.1:${port}`, { username, password, reconnectPeriod: 0, clientId });
  return new Promise((resolve, reject) => {
    client.once('connect', () => resolve(client));
    client.once('error', (error) => {
      client.end(true);
      reject(error);
    });
  });
}

function nextMessage(client: MqttClient, topic: string): Promise<unknown> {
  return new Promise((resolve) => {
    const onMessage = (received: string, payload: Buffer) => {
      if (received !== topic) return;
      client.off('message', onMessage);
      resolve(JSON.parse(payload.toString()));
    };
    client.on('message', onMessage);
  });
}

const NOW = Date.now();

describe('the ingest with its embedded broker', () => {
  let dataDir: string;
  let ingest: RunningIngest;
  let mqttPort: number;
  let bus: MqttClient;
  let gateway: MqttClient;

  beforeAll(async () => {
    dataDir = temporaryDirectory('ingest');
    const config = loadIngestConfig({
      ZEROPARK_REGISTRY: await writeSpecRegistry(dataDir),
      ZEROPARK_DATA_DIR: dataDir,
      ZEROPARK_BUS_SECRET: BUS_SECRET,
      ZEROPARK_FEED_SECRET: FEED_SECRET,
      INGEST_MQTT_PORT: '0',
      INGEST_HTTP_PORT: '0',
      INGEST_MAX_READINGS_PER_BATCH: '3',
      INGEST_MAX_PACKET_BYTES: '4096',
      INGEST_MAX_MESSAGES_PER_S: '5', // bursts of 20
    });
    ingest = await startIngest(config, pino({ level: 'silent' }));
    mqttPort = ingest.mqttPort ?? 0;
    bus = await connect(mqttPort, BUS_USERNAME, BUS_SECRET);
    await bus.subscribeAsync('zeropark/v1/accepted/+', { qos: 1 });
    gateway = await connect(mqttPort, 'g1', 'g1-secret');
    await gateway.subscribeAsync('parks/p1/gateways/g1/rejected', { qos: 1 });
  });

  afterAll(async () => {
    await Promise.all([bus?.endAsync(), gateway?.endAsync()]);
    await ingest?.stop();
  });

  it('should store an accepted batch and forward it on the bus, normalized and enriched', async () => {
    const forwarded = nextMessage(bus, 'zeropark/v1/accepted/p1');
    await gateway.publishAsync(
      'parks/p1/gateways/g1/readings',
      JSON.stringify({ v: 1, seq: 1, readings: [{ meter: 'B01-MAIN', ts: new Date(NOW).toISOString(), values: { energy_import_kwh: 100.5, power_kw: 12 } }] }),
      { qos: 1 },
    );
    // the PUBACK came back: the batch is durable, in the journal or already in the store
    const stored = { park: 'p1', meter: 'B01-MAIN', ts: NOW, building: 'B01', role: 'building_submeter', carrier: 'electricity', values: { energy_import_kwh: 100.5, power_kw: 12 } };
    const journal = new Database(join(dataDir, 'ingest.db'), { readonly: true });
    const journaled = (journal.prepare('SELECT park, readings_json FROM journal').all() as { park: string; readings_json: string }[]).flatMap((row) =>
      (JSON.parse(row.readings_json) as object[]).map((reading) => ({ ...reading, park: row.park })),
    );
    journal.close();
    const store = new SqliteStore(join(dataDir, 'zeropark.db'));
    expect([...journaled, ...(await store.queryReadings({ park: 'p1', from: NOW, to: NOW + 1 }))]).toContainEqual(stored);
    // and the store writer moves it to the store
    await expect.poll(() => store.queryReadings({ park: 'p1', from: NOW, to: NOW + 1 })).toEqual([stored]);
    await store.close();
    expect(await forwarded).toMatchObject({
      v: 1,
      park: 'p1',
      gateway: 'g1',
      seq: 1,
      readings: [{ meter: 'B01-MAIN', building: 'B01', role: 'building_submeter', carrier: 'electricity', ts: NOW }],
    });
  });

  it('should keep the good readings of a partly bad batch and tell the gateway which were refused and why', async () => {
    const notice = nextMessage(gateway, 'parks/p1/gateways/g1/rejected');
    const forwarded = nextMessage(bus, 'zeropark/v1/accepted/p1');
    await gateway.publishAsync(
      'parks/p1/gateways/g1/readings',
      JSON.stringify({
        v: 1,
        seq: 2,
        readings: [
          { meter: 'B01-MAIN', ts: NOW + 1000, values: { power_kw: 13 } },
          { meter: 'GRID', ts: NOW + 1000, values: { power_kw: 1 } },
          { meter: 'B01-GAS', ts: Math.round(NOW / 1000), values: { gas_m3: 5 } },
        ],
      }),
      { qos: 1 },
    );
    expect(((await forwarded) as { readings: { meter: string }[] }).readings.map((reading) => reading.meter)).toEqual(['B01-MAIN']);
    expect(await notice).toMatchObject({
      seq: 2,
      readings: [
        { index: 1, meter: 'GRID', rule: 'meter-of-another-gateway', reason: 'readings[1]: meter "GRID" is not read by gateway "g1" in the registry' },
        { index: 2, meter: 'B01-GAS', rule: 'schema', reason: expect.stringContaining('readings[2].ts: looks like epoch seconds') as string },
      ],
    });
    const letters = new DeadLetterLog(join(dataDir, 'dead-letters.db'));
    expect(letters.list('p1').map((letter) => letter.reason)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^meter-of-another-gateway: /), expect.stringMatching(/^schema: /)]),
    );
    letters.close();
  });

  it('should refuse a reading with a quantity its meter cannot report', async () => {
    const notice = nextMessage(gateway, 'parks/p1/gateways/g1/rejected');
    await gateway.publishAsync('parks/p1/gateways/g1/readings', JSON.stringify({ v: 1, seq: 3, readings: [{ meter: 'B01-GAS', ts: NOW, values: { power_kw: 5 } }] }), { qos: 1 });
    expect(await notice).toMatchObject({ readings: [{ rule: 'quantity-not-for-role', reason: 'readings[0]: a gas meter does not report power_kw (it may report gas_m3)' }] });
  });

  it('should acknowledge malformed JSON, so it does not loop, and say why', async () => {
    const notice = nextMessage(gateway, 'parks/p1/gateways/g1/rejected');
    await gateway.publishAsync('parks/p1/gateways/g1/readings', '{"v":1,', { qos: 1 });
    expect(await notice).toMatchObject({ seq: null, batch: { rule: 'malformed-batch', reason: expect.stringMatching(/^payload is not valid JSON/) as string } });
  });

  it('should refuse a batch over the limit whole', async () => {
    const notice = nextMessage(gateway, 'parks/p1/gateways/g1/rejected');
    const readings = Array.from({ length: 4 }, (_, index) => ({ meter: 'B01-MAIN', ts: NOW + index, values: { power_kw: index } }));
    await gateway.publishAsync('parks/p1/gateways/g1/readings', JSON.stringify({ v: 1, seq: 9, readings }), { qos: 1 });
    expect(await notice).toMatchObject({ seq: 9, batch: { rule: 'batch-too-large', reason: 'the batch holds 4 readings; at most 3 are taken' } });
  });

  it('should keep a batch after a gap in seq, and one sent again, counting both', async () => {
    // g1 sent seq 1, 2 and 3 so far: 7 leaves out 4, 5 and 6
    const batch = JSON.stringify({ v: 1, seq: 7, readings: [{ meter: 'B01-MAIN', ts: NOW + 4000, values: { power_kw: 14 } }] });
    await gateway.publishAsync('parks/p1/gateways/g1/readings', batch, { qos: 1 });
    await gateway.publishAsync('parks/p1/gateways/g1/readings', batch, { qos: 1 });
    const store = new SqliteStore(join(dataDir, 'zeropark.db'));
    await expect.poll(() => store.queryReadings({ park: 'p1', from: NOW + 4000, to: NOW + 4001 })).toHaveLength(1);
    await store.close();
  });

  it('should refuse a wrong password', async () => {
    await expect(connect(mqttPort, 'g1', 'wrong')).rejects.toThrow(/Bad username or password/i);
  });

  it('should refuse the bus account with a wrong secret', async () => {
    await expect(connect(mqttPort, BUS_USERNAME, 'wrong-bus-secret-xx')).rejects.toThrow(/Bad username or password/i);
  });

  it('should disconnect a gateway that writes under another gateway, and store nothing of it', async () => {
    const intruder = await connect(mqttPort, 'g1', 'g1-secret');
    const closed = new Promise<void>((resolve) => intruder.once('close', () => resolve()));
    intruder.publish('parks/p1/gateways/g2/readings', JSON.stringify({ v: 1, seq: 1, readings: [{ meter: 'GRID', ts: NOW + 5000, values: { power_kw: 666 } }] }), { qos: 1 });
    await closed;
    intruder.end(true);
    const store = new SqliteStore(join(dataDir, 'zeropark.db'));
    expect(await store.queryReadings({ park: 'p1', meter: 'GRID', from: 0, to: NOW * 2 })).toEqual([]);
    await store.close();
  });

  it('should carry the grid-intensity feed from the feed account to the bus account, retained', async () => {
    const feed = await connect(mqttPort, FEED_USERNAME, FEED_SECRET);
    const intensity = { v: 1, kgCo2PerKwh: 0.48, from: NOW, to: NOW + 3_600_000, source: 'spec feed' };
    await feed.publishAsync(gridIntensityTopic('east-china'), JSON.stringify(intensity), { qos: 1, retain: true });
    const reader = await connect(mqttPort, BUS_USERNAME, BUS_SECRET);
    const received = nextMessage(reader, gridIntensityTopic('east-china'));
    await reader.subscribeAsync(GRID_INTENSITY_TOPIC_FILTER, { qos: 1 });
    expect(await received).toEqual(intensity);
    reader.end(true);
    // the feed account writes nothing else
    const closed = new Promise<void>((resolve) => feed.once('close', () => resolve()));
    feed.publish('parks/p1/gateways/g1/readings', JSON.stringify({ v: 1, seq: 1, readings: [] }), { qos: 1 });
    await closed;
    feed.end(true);
  });

  it("should let the bus account read every gateway's retained status, for offline alerts", async () => {
    const g2 = await connect(mqttPort, 'g2', 'g2-secret');
    await g2.publishAsync('parks/p1/gateways/g2/status', 'offline', { qos: 1, retain: true });
    const reader = await connect(mqttPort, BUS_USERNAME, BUS_SECRET);
    const received = new Promise<string>((resolve) => reader.on('message', (topic, payload) => topic === 'parks/p1/gateways/g2/status' && resolve(payload.toString())));
    await reader.subscribeAsync(GATEWAY_STATUS_TOPIC_FILTER, { qos: 1 });
    expect(await received).toBe('offline');
    await g2.publishAsync('parks/p1/gateways/g2/status', 'online', { qos: 1, retain: true });
    await Promise.all([reader.endAsync(), g2.endAsync()]);
  });

  it("should give the bus account the ingest's retained health, for the platform alerts, and no gateway read or write it", async () => {
    const reader = await connect(mqttPort, BUS_USERNAME, BUS_SECRET);
    const received = new Promise<{ topic: string; retain: boolean; payload: string }>((resolve) => reader.on('message', (topic, payload, packet) => resolve({ topic, retain: packet.retain, payload: payload.toString() })));
    await reader.subscribeAsync(INGEST_HEALTH_TOPIC_FILTER, { qos: 1 });
    const { topic, retain, payload } = await received;
    const health = serviceHealthSchema.parse(JSON.parse(payload));
    expect({ topic, retain, problems: health.problems }).toEqual({ topic: serviceHealthTopic('ingest', health.instance), retain: true, problems: [] });
    await reader.endAsync();
    await expect(gateway.subscribeAsync(INGEST_HEALTH_TOPIC_FILTER, { qos: 1 })).rejects.toMatchObject({ packet: { granted: [128] } });
    const forger = await connect(mqttPort, 'g2', 'g2-secret');
    const closed = new Promise<void>((resolve) => forger.once('close', () => resolve()));
    forger.publish(topic, JSON.stringify({ ...health, problems: [] }), { qos: 1, retain: true });
    await closed;
    forger.end(true);
  });

  it('should disconnect a gateway that writes a grid intensity', async () => {
    const forger = await connect(mqttPort, 'g2', 'g2-secret');
    const closed = new Promise<void>((resolve) => forger.once('close', () => resolve()));
    forger.publish(gridIntensityTopic('east-china'), JSON.stringify({ v: 1, kgCo2PerKwh: 0, from: NOW, to: NOW + 1, source: 'forged' }), { qos: 1 });
    await closed;
    forger.end(true);
  });

  it('should refuse a gateway subscribing to the bus or to everything', async () => {
    // MQTT 3.1.1: return code 0x80 in the SUBACK is a refusal; the connection stays
    for (const filter of ['zeropark/#', '#', 'parks/p1/gateways/g2/rejected', GATEWAY_STATUS_TOPIC_FILTER]) {
      await expect(gateway.subscribeAsync(filter, { qos: 1 })).rejects.toMatchObject({ packet: { granted: [128] } });
    }
    expect(gateway.connected).toBe(true);
  });

  it('should close a connection whose packet is over the size limit, and store nothing of it', async () => {
    const client = await connect(mqttPort, 'g1', 'g1-secret');
    const closed = new Promise<void>((resolve) => client.once('close', () => resolve()));
    const readings = Array.from({ length: 3 }, (_, index) => ({ meter: 'B01-MAIN', ts: NOW + 7000 + index, values: { power_kw: 1 }, padding: 'x'.repeat(2000) }));
    client.publish('parks/p1/gateways/g1/readings', JSON.stringify({ v: 1, seq: 50, readings }), { qos: 1 });
    await closed;
    client.end(true);
    const store = new SqliteStore(join(dataDir, 'zeropark.db'));
    expect(await store.queryReadings({ park: 'p1', from: NOW + 7000, to: NOW + 8000 })).toEqual([]);
    await store.close();
  });

  it('should serve health and Prometheus metrics', async () => {
    const base = `http://127.0.0.1:${ingest.httpPort}`;
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toMatch(/^zeropark_ingest_readings_accepted_total 4$/m); // 1 + 1 + the batch of seq 7, twice
    expect(metrics).toMatch(/^zeropark_ingest_readings_stored_total 4$/m);
    expect(metrics).toMatch(/^zeropark_ingest_journal_readings 0$/m);
    expect(metrics).toMatch(/^zeropark_ingest_journal_commit_seconds_count [1-9]/m);
    expect(metrics).toMatch(/^zeropark_ingest_seq_gap_batches_total 3$/m);
    expect(metrics).toMatch(/^zeropark_ingest_seq_replays_total 1$/m);
    expect(metrics).toMatch(/^zeropark_ingest_readings_rejected_total\{reason="schema"\} 1$/m);
  });

  it('should disconnect a gateway publishing faster than its rate allows', async () => {
    const flooder = await connect(mqttPort, 'g2', 'g2-secret');
    const closed = new Promise<void>((resolve) => flooder.once('close', () => resolve()));
    for (let seq = 0; seq < 40; seq += 1) {
      flooder.publish('parks/p1/gateways/g2/readings', JSON.stringify({ v: 1, seq, readings: [{ meter: 'GRID', ts: NOW + seq, values: { power_kw: seq } }] }), { qos: 0 });
    }
    await closed;
    flooder.end(true);
    const metrics = await (await fetch(`http://127.0.0.1:${ingest.httpPort}/metrics`)).text();
    expect(metrics).toMatch(/^zeropark_ingest_acl_denials_total\{action="rate"\} [1-9]/m);
  });
});
