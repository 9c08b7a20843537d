import { BUS_USERNAME, GATEWAY_STATUS, parseGatewayTopic } from '@zeropark/contracts';
import { verifySecret } from '@zeropark/registry';
import { Aedes, type AuthenticateError, type Client, type PublishPacket } from 'aedes';
import { createServer, type Server } from 'node:net';
import type { Logger } from 'pino';
import { isBusSecret } from './bus-account.js';
import type { ClientIdentity } from './client-identity.js';
import type { GatewayDirectory } from './gateway-directory.js';
import type { IngestMetrics } from './ingest-metrics.js';
import type { IngestPipeline } from './ingest-pipeline.js';
import { mayPublish, maySubscribe } from './topic-acl.js';

export interface EmbeddedBrokerDeps {
  gateways: GatewayDirectory;
  busSecret: string;
  pipeline: IngestPipeline;
  metrics: IngestMetrics;
  logger: Logger;
}

/** MQTT 3.1.1 CONNACK return code 4: bad user name or password. */
const BAD_USERNAME_OR_PASSWORD = 4;

/**
 * The embedded aedes broker with the ingest in its hooks. aedes sends a QoS 1 PUBACK after
 * `authorizePublish` calls back and before its own publish path runs (lib/handlers/publish.js:
 * `publishActions = [authorizePublish, enqueuePublish]`), so the batch is checked and stored
 * inside that hook: a PUBACK means durable. A refused publish disconnects the client, since
 * MQTT 3.1.1 has no negative PUBACK.
 */
export class EmbeddedBroker {
  private readonly identities = new WeakMap<Client, ClientIdentity>();
  private server: Server | undefined;

  private constructor(
    readonly aedes: Aedes,
    private readonly deps: EmbeddedBrokerDeps,
  ) {}

  static async create(deps: EmbeddedBrokerDeps): Promise<EmbeddedBroker> {
    const aedes = await Aedes.createBroker({ id: 'zeropark-ingest' });
    const broker = new EmbeddedBroker(aedes, deps);
    aedes.authenticate = (client, username, password, done) => {
      broker.authenticate(client, username, password).then(
        (ok) => done(ok ? null : authError(), ok),
        (error: unknown) => {
          deps.logger.error({ err: error, clientId: client.id }, 'authentication failed with an error');
          done(authError(), false);
        },
      );
    };
    aedes.authorizePublish = (client, packet, done) => {
      broker.authorizePublish(client, packet).then(() => done(null), (error: Error) => done(error));
    };
    aedes.authorizeSubscribe = (client, subscription, done) => {
      const identity = broker.identities.get(client);
      if (identity !== undefined && maySubscribe(identity, subscription.topic)) return done(null, subscription);
      deps.metrics.aclDenials.inc({ action: 'subscribe' });
      deps.logger.warn({ clientId: client.id, topic: subscription.topic }, 'subscription refused by the ACL');
      done(null, null); // a negative SUBACK (0x80), the connection stays
    };
    aedes.on('clientDisconnect', (client) => deps.logger.debug({ clientId: client.id }, 'client disconnected'));
    aedes.on('clientError', (client, error) => deps.logger.info({ clientId: client.id, reason: error.message }, 'client dropped'));
    return broker;
  }

  async listen(port: number, host: string): Promise<number> {
    const server = createServer((socket) => this.aedes.handle(socket));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    const address = server.address();
    return typeof address === 'object' && address !== null ? address.port : port;
  }

  /** Publishes at QoS 1 from the broker itself (the bus, rejections). */
  publish(topic: string, payload: string): Promise<void> {
    const packet: PublishPacket = { cmd: 'publish', topic, payload: Buffer.from(payload), qos: 1, retain: false, dup: false };
    return new Promise((resolve, reject) => this.aedes.publish(packet, (error) => (error ? reject(error) : resolve())));
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => (this.server === undefined ? resolve() : this.server.close(() => resolve())));
    await new Promise<void>((resolve) => this.aedes.close(() => resolve()));
  }

  private async authenticate(client: Client, username: string | undefined, password: Buffer | undefined): Promise<boolean> {
    const { gateways, busSecret, metrics, logger } = this.deps;
    if (username !== undefined && password !== undefined) {
      if (username === BUS_USERNAME && isBusSecret(password, busSecret)) {
        this.identities.set(client, { kind: 'bus' });
        logger.info({ clientId: client.id }, 'bus client connected');
        return true;
      }
      const account = gateways.find(username);
      if (account !== undefined && (await verifySecret(password.toString('utf8'), account.secretHash))) {
        this.identities.set(client, { kind: 'gateway', account });
        logger.info({ clientId: client.id, park: account.parkId, gateway: account.id }, 'gateway connected');
        return true;
      }
    }
    metrics.authFailures.inc();
    logger.warn({ clientId: client.id, username }, 'connection refused: bad user name or password');
    return false;
  }

  private async authorizePublish(client: Client | null, packet: PublishPacket): Promise<void> {
    if (client === null) return; // the broker's own publishes
    const identity = this.identities.get(client);
    if (identity === undefined || !mayPublish(identity, packet.topic)) {
      this.deps.metrics.aclDenials.inc({ action: 'publish' });
      this.deps.logger.warn({ clientId: client.id, topic: packet.topic }, 'publish refused by the ACL: client disconnected');
      throw new Error(`not authorized to publish to ${packet.topic}`);
    }
    if (identity.kind !== 'gateway') return;
    const topic = parseGatewayTopic(packet.topic);
    if (topic?.kind === 'readings') {
      const payload = Buffer.isBuffer(packet.payload) ? packet.payload : Buffer.from(packet.payload);
      await this.deps.pipeline.handleReadings(identity.account, payload);
    } else if (topic?.kind === 'status') {
      const status = packet.payload.toString();
      if (status !== GATEWAY_STATUS.online && status !== GATEWAY_STATUS.offline) {
        throw new Error(`a status is "online" or "offline", not "${status.slice(0, 40)}"`);
      }
    }
  }
}

function authError(): AuthenticateError {
  return Object.assign(new Error('bad user name or password'), { returnCode: BAD_USERNAME_OR_PASSWORD });
}
