import { Inject, OnModuleDestroy } from '@nestjs/common';
import { ConnectedSocket, MessageBody, OnGatewayInit, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import {
  buildingRoom,
  parkRoom,
  type ClientToServerEvents,
  type JoinBuildingResult,
  type JoinParkResult,
  type ServerToClientEvents,
} from '@zeropark/contracts';
import type { Logger } from 'pino';
import { Server, Socket } from 'socket.io';
import type { CarbonConfig } from '../carbon.config.js';
import { CARBON_CONFIG, CLOCK, LOGGER, type Clock } from '../config/injection-tokens.js';
import { CarbonMetrics } from '../metrics/carbon-metrics.js';
import { AccessDenied, type AccessGrant } from '@zeropark/access';
import { AccessTokensService } from '../auth/access-tokens.service.js';
import { isAllowedOrigin } from '../auth/origin-check.js';
import { parkRefusal } from '../auth/park-refusal.js';
import { RefusalLog } from '../auth/refusal-log.service.js';
import { watchDashboardSession, type EventBudget } from './dashboard-session.js';
import { LiveStateService } from './live-state.service.js';

/** What the handshake leaves on every socket of the server: the grant of its token. */
interface SocketData {
  access: AccessGrant;
}
export type LiveServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type LiveSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/**
 * Socket.IO: the handshake carries an access token (`auth.token`) and, from a browser, an Origin
 * the service allows; a dashboard then joins the rooms of the parks (and buildings) its token
 * names, gets the last snapshot at once and every pushed one after. Events and payloads are
 * those of `ClientToServerEvents` and `ServerToClientEvents` in @zeropark/contracts.
 */
@WebSocketGateway({ serveClient: false })
export class LiveCarbonGateway implements OnGatewayInit<LiveServer>, OnModuleDestroy {
  private unsubscribe: (() => void) | undefined;
  private readonly budget: EventBudget;

  constructor(
    private readonly live: LiveStateService,
    private readonly tokens: AccessTokensService,
    private readonly metrics: CarbonMetrics,
    private readonly refusals: RefusalLog,
    @Inject(CARBON_CONFIG) private readonly config: CarbonConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    // bursts of 4× the rate, as the ingest allows its gateways (docs/configuration.md)
    this.budget = { eventsPerSecond: config.CARBON_MAX_EVENTS_PER_S, burst: 4 * config.CARBON_MAX_EVENTS_PER_S };
  }

  afterInit(server: LiveServer): void {
    server.use((socket, next) => {
      const { origin, host } = socket.handshake.headers;
      if (!isAllowedOrigin(origin, host, this.config.CARBON_ALLOWED_ORIGINS)) {
        this.metrics.handshakesRefused.inc({ reason: 'origin' });
        this.logger.warn({ origin, address: socket.handshake.address }, 'WebSocket refused: origin not allowed');
        next(new Error(`origin ${origin ?? ''} is not allowed: add it to CARBON_ALLOWED_ORIGINS`));
        return;
      }
      const token: unknown = (socket.handshake.auth as { token?: unknown }).token;
      this.tokens.grantOf(typeof token === 'string' ? token : undefined).then(
        (grant) => {
          socket.data.access = grant;
          next();
        },
        (error: unknown) => {
          this.metrics.handshakesRefused.inc({ reason: 'token' });
          this.logger.warn({ reason: (error as Error).message, address: socket.handshake.address }, 'WebSocket refused: token');
          next(new Error(error instanceof AccessDenied ? error.message : 'the token could not be checked'));
        },
      );
    });
    this.unsubscribe = this.live.onSnapshot((snapshot) => {
      server.to(parkRoom(snapshot.parkId)).emit('park:snapshot', snapshot);
      this.metrics.snapshotsPushed.inc();
      for (const building of snapshot.buildings) {
        const room = buildingRoom(snapshot.parkId, building.buildingId);
        if ((server.sockets.adapter.rooms.get(room)?.size ?? 0) === 0) continue;
        const detail = this.live.buildingDetail(snapshot.parkId, building.buildingId);
        if (detail !== undefined) server.to(room).emit('building:snapshot', detail);
      }
    });
    server.on('connection', (socket: LiveSocket) => {
      this.metrics.dashboardClients.inc();
      socket.on('disconnect', () => this.metrics.dashboardClients.dec());
      watchDashboardSession(socket, this.budget, this.clock, (notice) => {
        this.metrics.sessionsEnded.inc({ reason: notice.reason });
        const fields = { socket: socket.id, subject: socket.data.access.subject, address: socket.handshake.address };
        if (notice.reason === 'token-expired') this.logger.info(fields, 'dashboard session ended: its token expired');
        else this.refusals.warn('event-budget', fields, 'dashboard connection closed: it sent more events than its budget');
      });
    });
  }

  @SubscribeMessage('park:join')
  async joinPark(@ConnectedSocket() socket: LiveSocket, @MessageBody() parkId: unknown): Promise<JoinParkResult> {
    const refused = this.refusal(socket, parkId);
    if (refused !== undefined) return { ok: false, reason: refused };
    const snapshot = this.live.snapshot(parkId as string);
    if (snapshot === undefined) return { ok: false, reason: `no park "${String(parkId)}"` };
    await socket.join(parkRoom(snapshot.parkId));
    this.logger.debug({ socket: socket.id, park: snapshot.parkId, subject: socket.data.access.subject }, 'dashboard joined');
    return { ok: true, snapshot };
  }

  @SubscribeMessage('park:leave')
  async leavePark(@ConnectedSocket() socket: LiveSocket, @MessageBody() parkId: unknown): Promise<void> {
    if (typeof parkId === 'string') await socket.leave(parkRoom(parkId));
  }

  @SubscribeMessage('building:join')
  async joinBuilding(@ConnectedSocket() socket: LiveSocket, @MessageBody() body: unknown): Promise<JoinBuildingResult> {
    const [parkId, buildingId] = Array.isArray(body) ? (body as unknown[]) : [];
    const refused = this.refusal(socket, parkId);
    if (refused !== undefined) return { ok: false, reason: refused };
    const building = typeof buildingId === 'string' ? this.live.buildingDetail(parkId as string, buildingId) : undefined;
    if (building === undefined) return { ok: false, reason: `no building "${String(buildingId)}" in park "${String(parkId)}"` };
    await socket.join(buildingRoom(building.parkId, building.buildingId));
    return { ok: true, snapshot: building };
  }

  @SubscribeMessage('building:leave')
  async leaveBuilding(@ConnectedSocket() socket: LiveSocket, @MessageBody() body: unknown): Promise<void> {
    const [parkId, buildingId] = Array.isArray(body) ? (body as unknown[]) : [];
    if (typeof parkId === 'string' && typeof buildingId === 'string') await socket.leave(buildingRoom(parkId, buildingId));
  }

  onModuleDestroy(): void {
    this.unsubscribe?.();
  }

  private refusal(socket: LiveSocket, parkId: unknown): string | undefined {
    return parkRefusal(socket, parkId, this.clock(), this.metrics, this.refusals);
  }
}
