import { INGEST_BROKER_PASSWORD } from './external-broker-setup.js';
import { startServiceProcess, type ServiceProcess } from './service-process.js';

export type IngestProcess = ServiceProcess;

/** The built ingest (`apps/ingest/dist/main.js`) as its own process, ready when /readyz says so. */
export function startIngestProcess(env: Record<string, string>, httpPort: number): Promise<IngestProcess> {
  return startServiceProcess('ingest', env, httpPort);
}

/** The environment of an ingest behind Debian's Mosquitto (`startShippedMosquitto`, with an account for `instance`), storing in InfluxDB. */
export function externalIngestOnInfluxdb(options: {
  registryFile: string;
  dataDir: string;
  influxUrl: string;
  database: string;
  brokerUrl: string;
  instance: string;
  subscription?: 'own' | 'shared';
}): Record<string, string> {
  return {
    ZEROPARK_REGISTRY: options.registryFile,
    ZEROPARK_DATA_DIR: options.dataDir,
    ZEROPARK_STORE: 'influxdb',
    ZEROPARK_INFLUX_URL: options.influxUrl,
    ZEROPARK_INFLUX_DATABASE: options.database,
    INGEST_BROKER_URL: options.brokerUrl,
    INGEST_BROKER_PASSWORD,
    INGEST_INSTANCE: options.instance,
    INGEST_BROKER_SUBSCRIPTION: options.subscription ?? 'own',
  };
}

/** The environment of an ingest with its embedded broker, storing in InfluxDB: what the reliability suites and the benchmark run. */
export function embeddedIngestOnInfluxdb(options: { registryFile: string; dataDir: string; influxUrl: string; database: string; mqttPort: number }): Record<string, string> {
  return {
    ZEROPARK_REGISTRY: options.registryFile,
    ZEROPARK_DATA_DIR: options.dataDir,
    ZEROPARK_BUS_SECRET: 'bus-secret-of-the-test-suites',
    ZEROPARK_STORE: 'influxdb',
    ZEROPARK_INFLUX_URL: options.influxUrl,
    ZEROPARK_INFLUX_DATABASE: options.database,
    INGEST_MQTT_PORT: String(options.mqttPort),
  };
}
