import { Inject, OnModuleDestroy } from '@nestjs/common';
import { ConnectedSocket, MessageBody, OnGatewayInit, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import { parkRoom, type ClientToServerEvents, type JoinParkResult, type ServerToClientEvents } from '@zeropark/contracts';
import type { Logger } from 'pino';
import { Server, Socket } from 'socket.io';
import { LOGGER } from '../config/injection-tokens.js';
import { CarbonMetrics } from '../metrics/carbon-metrics.js';
import { LiveStateService } from './live-state.service.js';

type LiveServer = Server<ClientToServerEvents, ServerToClientEvents>;
type LiveSocket = Socket<ClientToServerEvents, ServerToClientEvents>;

/**
 * Socket.IO: a dashboard joins a park's room and gets the last snapshot at once, then every
 * pushed snapshot. Events and payloads are those of `ClientToServerEvents` and
 * `ServerToClientEvents` in @zeropark/contracts.
 */
@WebSocketGateway({ serveClient: false })
export class LiveCarbonGateway implements OnGatewayInit<LiveServer>, OnModuleDestroy {
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly live: LiveStateService,
    private readonly metrics: CarbonMetrics,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  afterInit(server: LiveServer): void {
    this.unsubscribe = this.live.onSnapshot((snapshot) => {
      server.to(parkRoom(snapshot.parkId)).emit('park:snapshot', snapshot);
      this.metrics.snapshotsPushed.inc();
    });
    server.on('connection', (socket: LiveSocket) => {
      this.metrics.dashboardClients.inc();
      socket.on('disconnect', () => this.metrics.dashboardClients.dec());
    });
  }

  @SubscribeMessage('park:join')
  async join(@ConnectedSocket() socket: LiveSocket, @MessageBody() parkId: unknown): Promise<JoinParkResult> {
    const snapshot = typeof parkId === 'string' ? this.live.snapshot(parkId) : undefined;
    if (typeof parkId !== 'string' || snapshot === undefined) return { ok: false, reason: `no park "${String(parkId)}"` };
    await socket.join(parkRoom(parkId));
    this.logger.debug({ socket: socket.id, park: parkId }, 'dashboard joined');
    return { ok: true, snapshot };
  }

  @SubscribeMessage('park:leave')
  async leave(@ConnectedSocket() socket: LiveSocket, @MessageBody() parkId: unknown): Promise<void> {
    if (typeof parkId === 'string') await socket.leave(parkRoom(parkId));
  }

  onModuleDestroy(): void {
    this.unsubscribe?.();
  }
}
