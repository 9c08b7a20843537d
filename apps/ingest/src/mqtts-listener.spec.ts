import { ConfigError } from '@zeropark/contracts';
import { temporaryDirectory } from '@zeropark/test-servers';
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadIngestConfig } from './ingest.config.js';
import { startIngest, type RunningIngest } from './ingest-service.js';
import { connectClient } from './spec-ingest.fixture.js';
import { makeTestAuthority, type TestAuthority } from './test-certificates.fixture.js';
import { writeSpecRegistry } from './spec-registry.fixture.js';
import { readTlsListenerSettings } from './tls-listener-files.js';

async function startTlsIngest(authority: TestAuthority, clientCa: boolean): Promise<RunningIngest> {
  const dataDir = temporaryDirectory('ingest-tls');
  const config = loadIngestConfig({
    ZEROPARK_REGISTRY: await writeSpecRegistry(dataDir),
    ZEROPARK_DATA_DIR: dataDir,
    ZEROPARK_BUS_SECRET: 'bus-secret-for-the-spec',
    INGEST_MQTT_PORT: '0',
    INGEST_MQTTS_PORT: '0',
    INGEST_HTTP_PORT: '0',
    INGEST_TLS_CERT_FILE: authority.server.certFile,
    INGEST_TLS_KEY_FILE: authority.server.keyFile,
    ...(clientCa ? { INGEST_TLS_CLIENT_CA_FILE: authority.caFile } : {}),
  });
  return startIngest(config, pino({ level: 'silent' }));
}

/** Connects over TLS, trusting the spec's authority; resolves with the client, or rejects with why it was refused. */
function connectTls(port: number, authority: TestAuthority, options: IClientOptions): Promise<MqttClient> {
  return connectClient(port, { ca: authority.ca, rejectUnauthorized: true, clientId: `tls-${Math.random()}`, ...options }, 'mqtts');
}

const reading = (power: number) => JSON.stringify({ v: 1, seq: power, readings: [{ meter: 'B01-MAIN', ts: Date.now(), values: { power_kw: power } }] });

describe('the ingest over TLS (INGEST_MQTTS_PORT)', () => {
  let authority: TestAuthority;

  beforeAll(() => {
    authority = makeTestAuthority('ingest');
  });

  describe('with a server certificate only', () => {
    let ingest: RunningIngest;

    beforeAll(async () => {
      ingest = await startTlsIngest(authority, false);
    });
    afterAll(() => ingest.stop());

    it('should take a gateway\'s readings over TLS, the gateway known by its secret', async () => {
      const gateway = await connectTls(ingest.mqttsPort!, authority, { username: 'g1', password: 'g1-secret' });
      await gateway.publishAsync('parks/p1/gateways/g1/readings', reading(1), { qos: 1 });
      await gateway.endAsync();
      const metrics = await (await fetch(`http://127.0.0.1:${ingest.httpPort}/metrics`)).text();
      expect(metrics).toMatch(/^zeropark_ingest_readings_accepted_total 1$/m);
    });

    it('should refuse a wrong secret over TLS as over plain MQTT', async () => {
      await expect(connectTls(ingest.mqttsPort!, authority, { username: 'g1', password: 'g2-secret' })).rejects.toThrow(/Bad username or password/i);
    });

    it('should keep the plain listener beside it', async () => {
      const gateway = await mqtt.connectAsync(`mqtt://127.0.0.1:${ingest.mqttPort}`, { username: 'g2', password: 'g2-secret', reconnectPeriod: 0 });
      await gateway.endAsync();
    });
  });

  describe('with a gateway authority (INGEST_TLS_CLIENT_CA_FILE)', () => {
    let ingest: RunningIngest;

    beforeAll(async () => {
      ingest = await startTlsIngest(authority, true);
    });
    afterAll(() => ingest.stop());

    it('should take a gateway whose certificate names it', async () => {
      const gateway = await connectTls(ingest.mqttsPort!, authority, { username: 'g1', password: 'g1-secret', ...authority.client('g1') });
      await gateway.publishAsync('parks/p1/gateways/g1/readings', reading(2), { qos: 1 });
      await gateway.endAsync();
    });

    it('should refuse in the handshake a client with no certificate', async () => {
      await expect(connectTls(ingest.mqttsPort!, authority, { username: 'g1', password: 'g1-secret' })).rejects.toThrow();
    });

    it('should refuse a certificate the authority did not sign', async () => {
      const stranger = makeTestAuthority('stranger');
      await expect(connectTls(ingest.mqttsPort!, authority, { username: 'g1', password: 'g1-secret', ...stranger.client('g1') })).rejects.toThrow();
    });

    it('should refuse a gateway whose certificate names another gateway, even with its own secret', async () => {
      await expect(connectTls(ingest.mqttsPort!, authority, { username: 'g1', password: 'g1-secret', ...authority.client('g2') })).rejects.toThrow(/Not authorized/i);
      const metrics = await (await fetch(`http://127.0.0.1:${ingest.httpPort}/metrics`)).text();
      expect(metrics).toMatch(/^zeropark_ingest_auth_failures_total [1-9]/m);
    });
  });
});

describe('the TLS settings', () => {
  const base = { ZEROPARK_BUS_SECRET: 'bus-secret-for-the-spec' };
  const problemsOf = (run: () => unknown): readonly string[] => {
    try {
      run();
    } catch (error) {
      if (error instanceof ConfigError) return error.problems;
      throw error;
    }
    return [];
  };

  it('should refuse a TLS port without its certificate and key, naming both', () => {
    expect(problemsOf(() => loadIngestConfig({ ...base, INGEST_MQTTS_PORT: '8883' }))).toEqual([
      'INGEST_TLS_CERT_FILE: is missing: INGEST_MQTTS_PORT needs it',
      'INGEST_TLS_KEY_FILE: is missing: INGEST_MQTTS_PORT needs it',
    ]);
  });

  it('should refuse a TLS port behind an external broker, which has no TLS listener of the ingest\'s', () => {
    expect(problemsOf(() => loadIngestConfig({ ...base, INGEST_BROKER_URL: 'mqtt://broker:1883', INGEST_BROKER_PASSWORD: 'p', INGEST_MQTTS_PORT: '8883', INGEST_TLS_CERT_FILE: 'c', INGEST_TLS_KEY_FILE: 'k' }))).toEqual([
      'INGEST_MQTTS_PORT: opens a TLS listener on the embedded broker, which INGEST_BROKER_URL replaces with an external one',
    ]);
  });

  it('should refuse TLS files without a TLS port, rather than listen in the clear unnoticed', () => {
    expect(problemsOf(() => loadIngestConfig({ ...base, INGEST_TLS_CERT_FILE: 'server.crt', INGEST_TLS_KEY_FILE: 'server.key' }))).toEqual([
      'INGEST_TLS_CERT_FILE: has no effect without INGEST_MQTTS_PORT',
      'INGEST_TLS_KEY_FILE: has no effect without INGEST_MQTTS_PORT',
    ]);
  });

  it('should name the file it cannot read, and the one that is not PEM', () => {
    const dir = temporaryDirectory('tls-settings');
    const notPem = join(dir, 'key.txt');
    writeFileSync(notPem, 'not a key');
    const config = loadIngestConfig({ ...base, INGEST_MQTTS_PORT: '8883', INGEST_TLS_CERT_FILE: join(dir, 'missing.crt'), INGEST_TLS_KEY_FILE: notPem });
    expect(problemsOf(() => readTlsListenerSettings(config))).toEqual([
      expect.stringMatching(/^INGEST_TLS_CERT_FILE: cannot read .*missing\.crt: ENOENT/),
      `INGEST_TLS_KEY_FILE: ${notPem} is not a PEM file (no "-----BEGIN" line)`,
    ]);
  });
});
