import { BUS_USERNAME, FEED_USERNAME, GATEWAY_STATUS, parseGatewayTopic } from '@zeropark/contracts';
import { verifySecret } from '@zeropark/registry';
import { Aedes, type AuthenticateError, type Client, type PublishPacket } from 'aedes';
import { createServer, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer, type TLSSocket } from 'node:tls';
import type { Logger } from 'pino';
import { isBusSecret } from './bus-account.js';
import type { ClientIdentity } from './client-identity.js';
import { clientIdRefusal, MAX_CLIENT_ID_LENGTH, sessionKey } from './client-id-policy.js';
import type { GatewayDirectory } from './gateway-directory.js';
import type { IngestMetrics } from './ingest-metrics.js';
import type { IngestPipeline } from './ingest-pipeline.js';
import { GuardedConnection } from './guarded-connection.js';
import { boundForLog } from './log-bound.js';
import { RateLimiter } from '@zeropark/service-runtime';
import type { TlsListenerSettings } from './tls-listener-files.js';
import { mayPublish, maySubscribe } from './topic-acl.js';

export interface EmbeddedBrokerLimits {
  maxPacketBytes: number;
  messagesPerSecond: number;
  connectionsPerSecond: number;
}

export interface EmbeddedBrokerDeps {
  gateways: GatewayDirectory;
  busSecret: string;
  /** Password of the grid-intensity feed account; undefined: no feed account. */
  feedSecret: string | undefined;
  metrics: IngestMetrics;
  logger: Logger;
  limits: EmbeddedBrokerLimits;
}

/** MQTT 3.1.1 CONNACK return codes [MQTT-3.2.2-3]. */
const IDENTIFIER_REJECTED = 2;
const SERVER_UNAVAILABLE = 3;
const BAD_USERNAME_OR_PASSWORD = 4;
const NOT_AUTHORIZED = 5;

/** The protocol levels aedes 1.2 takes: 3 (MQTT 3.1) and 4 (MQTT 3.1.1); it refuses 5 (MQTT 5). */
const SPOKEN_PROTOCOL_LEVELS: readonly number[] = [3, 4];

/** Bursts of this many times the rate are let through. */
const BURST = 4;

/**
 * The embedded aedes broker with the ingest in its hooks. aedes sends a QoS 1 PUBACK after
 * `authorizePublish` calls back and before its own publish path runs (lib/handlers/publish.js:
 * `publishActions = [authorizePublish, enqueuePublish]`), so the batch is checked and stored
 * inside that hook: a PUBACK means durable. A refused publish disconnects the client, since
 * MQTT 3.1.1 has no negative PUBACK.
 */
export class EmbeddedBroker {
  private readonly identities = new WeakMap<Client, ClientIdentity>();
  private readonly messageRate: RateLimiter;
  private readonly connectionRate: RateLimiter;
  private readonly servers: Server[] = [];
  private pipeline: IngestPipeline | undefined;
  /**
   * The common name of the certificate each connection of a TLS listener that asks for one showed
   * (verified against its authority by then): it must be the client's user name.
   */
  private readonly certificateNames = new WeakMap<object, string | null>();

  private constructor(
    readonly aedes: Aedes,
    private readonly deps: EmbeddedBrokerDeps,
  ) {
    this.messageRate = new RateLimiter(deps.limits.messagesPerSecond, deps.limits.messagesPerSecond * BURST);
    this.connectionRate = new RateLimiter(deps.limits.connectionsPerSecond, deps.limits.connectionsPerSecond * BURST);
  }

  static async create(deps: EmbeddedBrokerDeps): Promise<EmbeddedBroker> {
    const aedes = await Aedes.createBroker({ id: 'zeropark-ingest' });
    const broker = new EmbeddedBroker(aedes, deps);
    aedes.preConnect = (client, packet, done) => {
      const address = remoteAddress(client);
      if (packet.protocolVersion === undefined || !SPOKEN_PROTOCOL_LEVELS.includes(packet.protocolVersion)) {
        // aedes answers it with return code 1 [MQTT-3.1.2-2] and no word in the log: say why, and where it is taken
        deps.metrics.connectionsRefused.inc({ reason: 'protocol-version' });
        deps.logger.warn(
          { address, clientId: boundForLog(packet.clientId), protocolVersion: packet.protocolVersion },
          `connection refused: MQTT ${packet.protocolVersion === 5 ? '5' : `protocol level ${packet.protocolVersion}`} is not spoken by the embedded broker, which takes MQTT 3.1.1 and 3.1; MQTT 5 gateways connect through an external broker (deploy/README.md)`,
        );
        return done(null, true);
      }
      if (broker.connectionRate.allow(address)) return done(null, true);
      deps.metrics.connectionsRefused.inc({ reason: 'rate' });
      deps.logger.warn({ address }, 'connection refused: too many new connections from this address');
      done(Object.assign(new Error('connection rate exceeded'), { returnCode: SERVER_UNAVAILABLE }), false);
    };
    aedes.authenticate = (client, username, password, done) => {
      broker.authenticate(client, username, password).then(
        (refusal) => done(refusal === undefined ? null : connackError(refusal), refusal === undefined),
        (error: unknown) => {
          deps.logger.error({ err: error, clientId: boundForLog(client.id) }, 'authentication failed with an error');
          done(connackError(BAD_USERNAME_OR_PASSWORD), false);
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
      deps.logger.warn({ clientId: boundForLog(client.id), topic: boundForLog(subscription.topic) }, 'subscription refused by the ACL');
      done(null, null); // a negative SUBACK (0x80), the connection stays
    };
    aedes.on('clientDisconnect', (client) => deps.logger.debug({ clientId: boundForLog(client.id) }, 'client disconnected'));
    aedes.on('clientError', (client, error) => deps.logger.info({ clientId: boundForLog(client.id), reason: boundForLog(error.message) }, 'client dropped'));
    return broker;
  }

  /** Starts taking connections; every accepted batch goes through `pipeline`. */
  async listen(port: number, host: string, pipeline: IngestPipeline): Promise<number> {
    this.pipeline = pipeline;
    return this.serve(createServer((socket) => this.accept(socket)), port, host);
  }

  /**
   * Also takes connections over TLS (MQTT over TLS, usually port 8883), after `listen`. With a
   * client authority, the TLS handshake refuses a client without a certificate it signed, and the
   * CONNACK one whose certificate names another user.
   */
  async listenTls(settings: TlsListenerSettings): Promise<number> {
    const requireCertificate = settings.clientCa !== undefined;
    const server = createTlsServer(
      { cert: settings.cert, key: settings.key, minVersion: 'TLSv1.2', ...(requireCertificate ? { ca: settings.clientCa, requestCert: true, rejectUnauthorized: true } : {}) },
      (socket: TLSSocket) => {
        const connection = this.accept(socket);
        if (requireCertificate) this.certificateNames.set(connection, commonName(socket));
      },
    );
    server.on('tlsClientError', (error, socket) => this.deps.logger.warn({ address: socket.remoteAddress, reason: error.message }, 'TLS handshake refused'));
    return this.serve(server, settings.port, settings.host);
  }

  private accept(socket: Socket): GuardedConnection {
    socket.setNoDelay(true);
    const connection = new GuardedConnection(socket, this.deps.limits.maxPacketBytes, (problem) => {
      this.deps.metrics.connectionsRefused.inc({ reason: 'packet-size' });
      this.deps.logger.warn({ address: socket.remoteAddress, reason: problem.message }, 'connection closed by the packet guard');
    });
    this.aedes.handle(connection);
    return connection;
  }

  private async serve(server: Server, port: number, host: string): Promise<number> {
    this.servers.push(server);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    const address = server.address();
    return typeof address === 'object' && address !== null ? address.port : port;
  }

  /** Publishes at QoS 1 from the broker itself (the bus, rejections; retained: the ingest's health). */
  publish(topic: string, payload: string, retain = false): Promise<void> {
    const packet: PublishPacket = { cmd: 'publish', topic, payload: Buffer.from(payload), qos: 1, retain, dup: false };
    return new Promise((resolve, reject) => this.aedes.publish(packet, (error) => (error ? reject(error) : resolve())));
  }

  async close(): Promise<void> {
    await Promise.all(this.servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
    await new Promise<void>((resolve) => this.aedes.close(() => resolve()));
  }

  /** Undefined when the client may connect, else the CONNACK return code that refuses it. */
  private async authenticate(client: Client, username: string | undefined, password: Buffer | undefined): Promise<number | undefined> {
    if (client.id.length > MAX_CLIENT_ID_LENGTH) {
      // a server may refuse a client id it does not take, with return code 2 [MQTT-3.1.3-9]
      this.deps.metrics.connectionsRefused.inc({ reason: 'client-id' });
      this.deps.logger.warn({ clientId: boundForLog(client.id), username: boundForLog(username), maxLength: MAX_CLIENT_ID_LENGTH }, 'connection refused: identifier rejected: the client id is too long');
      return IDENTIFIER_REJECTED;
    }
    const identity = await this.identify(username, password);
    if (identity === undefined) {
      this.deps.metrics.authFailures.inc();
      this.deps.logger.warn({ clientId: boundForLog(client.id), username: boundForLog(username) }, 'connection refused: bad user name or password');
      return BAD_USERNAME_OR_PASSWORD;
    }
    const certificateName = this.certificateNames.get(client.conn);
    if (certificateName !== undefined && certificateName !== username) {
      this.deps.metrics.authFailures.inc();
      this.deps.logger.warn({ clientId: boundForLog(client.id), username: boundForLog(username), certificateName: boundForLog(certificateName ?? undefined) }, 'connection refused: the client certificate names another user');
      return NOT_AUTHORIZED;
    }
    const refusal = clientIdRefusal(client.id, identity, this.deps.gateways);
    if (refusal !== undefined) {
      this.deps.metrics.connectionsRefused.inc({ reason: 'client-id' });
      this.deps.logger.warn({ clientId: boundForLog(client.id), username: boundForLog(username), reason: refusal }, 'connection refused: identifier rejected');
      return IDENTIFIER_REJECTED;
    }
    // aedes registers the client, takes over a live connection of the same id and finds its
    // session by `client.id`, all after this hook: keyed by identity, an id is never another's
    client.id = sessionKey(identity, client.id);
    if (this.liveClient(client.id) !== undefined) {
      this.deps.logger.warn({ clientId: boundForLog(client.id), username: boundForLog(username) }, 'client id taken over by a new connection of the same identity [MQTT-3.1.4-2]');
    }
    this.identities.set(client, identity);
    this.deps.logger.info({ clientId: boundForLog(client.id), ...(identity.kind === 'gateway' ? { park: identity.account.parkId, gateway: identity.account.id } : { service: identity.kind }) }, 'client connected');
    return undefined;
  }

  private async identify(username: string | undefined, password: Buffer | undefined): Promise<ClientIdentity | undefined> {
    if (username === undefined || password === undefined) return undefined;
    if (username === BUS_USERNAME) return isBusSecret(password, this.deps.busSecret) ? { kind: 'bus' } : undefined;
    if (username === FEED_USERNAME) return this.deps.feedSecret !== undefined && isBusSecret(password, this.deps.feedSecret) ? { kind: 'feed' } : undefined;
    const account = this.deps.gateways.find(username);
    if (account === undefined || !(await verifySecret(password.toString('utf8'), account.secretHash))) return undefined;
    return { kind: 'gateway', account };
  }

  /** The connected client holding a session key, if any (aedes keeps them by `client.id` at run time). */
  private liveClient(key: string): Client | undefined {
    const clients = (this.aedes as unknown as { clients: Record<string, Client | undefined> }).clients;
    return clients[key];
  }

  private async authorizePublish(client: Client | null, packet: PublishPacket): Promise<void> {
    if (client === null) return; // the broker's own publishes
    const identity = this.identities.get(client);
    if (identity === undefined || !mayPublish(identity, packet.topic)) {
      this.deps.metrics.aclDenials.inc({ action: 'publish' });
      this.deps.logger.warn({ clientId: boundForLog(client.id), topic: boundForLog(packet.topic) }, 'publish refused by the ACL: client disconnected');
      throw new Error(`not authorized to publish to ${boundForLog(packet.topic)}`);
    }
    if (identity.kind !== 'gateway') return;
    if (!this.messageRate.allow(`${identity.account.parkId}/${identity.account.id}`)) {
      this.deps.metrics.aclDenials.inc({ action: 'rate' });
      this.deps.logger.warn({ clientId: boundForLog(client.id), gateway: identity.account.id }, 'message rate exceeded: client disconnected');
      throw new Error('message rate exceeded');
    }
    const topic = parseGatewayTopic(packet.topic);
    if (topic?.kind === 'readings') {
      const payload = Buffer.isBuffer(packet.payload) ? packet.payload : Buffer.from(packet.payload);
      if (this.pipeline === undefined) throw new Error('the broker is not listening yet');
      await this.pipeline.handleReadings(identity.account, payload);
    } else if (topic?.kind === 'status') {
      const status = packet.payload.toString();
      if (status !== GATEWAY_STATUS.online && status !== GATEWAY_STATUS.offline) {
        throw new Error(`a status is "online" or "offline", not "${status.slice(0, 40)}"`);
      }
    }
  }
}

function connackError(returnCode: number): AuthenticateError {
  return Object.assign(new Error(`connection refused (CONNACK ${returnCode})`), { returnCode });
}

function remoteAddress(client: Client): string {
  const connection = (client as unknown as { conn?: { remoteAddress?: string } }).conn;
  return connection?.remoteAddress ?? 'unknown';
}

/** The common name (CN) of the certificate a TLS client showed, or null when it has none. */
function commonName(socket: TLSSocket): string | null {
  const cn = socket.getPeerCertificate().subject?.CN;
  return typeof cn === 'string' ? cn : null;
}
