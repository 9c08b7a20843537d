import { Inject, OnModuleDestroy } from '@nestjs/common';
import { ConnectedSocket, MessageBody, OnGatewayInit, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import { hasRole } from '@zeropark/access';
import { alertsRoom, type AcknowledgeResult, type JoinAlertsResult } from '@zeropark/contracts';
import { parkRefusal } from '../auth/park-refusal.js';
import { RefusalLog } from '../auth/refusal-log.service.js';
import { CLOCK, type Clock } from '../config/injection-tokens.js';
import { CarbonMetrics } from '../metrics/carbon-metrics.js';
import type { LiveServer as AlertsServer, LiveSocket as AlertsSocket } from '../live/live-carbon.gateway.js';
import { AlertsService } from './alerts.service.js';


/**
 * Alerts over the same Socket.IO server as the live figures (whose handshake checks the token
 * and the Origin): a client of a park joins its alerts room, gets the open alerts at once and
 * every transition after; operators and admins acknowledge here as over REST.
 */
@WebSocketGateway({ serveClient: false })
export class AlertsGateway implements OnGatewayInit<AlertsServer>, OnModuleDestroy {
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly alerts: AlertsService,
    private readonly metrics: CarbonMetrics,
    private readonly refusals: RefusalLog,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  afterInit(server: AlertsServer): void {
    this.unsubscribe = this.alerts.onAlert((alert) => server.to(alertsRoom(alert.park)).emit('alert', alert));
  }

  @SubscribeMessage('alerts:join')
  async join(@ConnectedSocket() socket: AlertsSocket, @MessageBody() parkId: unknown): Promise<JoinAlertsResult> {
    const refused = parkRefusal(socket, parkId, this.clock(), this.metrics, this.refusals);
    if (refused !== undefined) return { ok: false, reason: refused };
    const open = this.alerts.openAlerts(parkId as string);
    if (open === undefined) return { ok: false, reason: `no park "${parkId}"` };
    await socket.join(alertsRoom(parkId as string));
    return { ok: true, alerts: open };
  }

  @SubscribeMessage('alerts:leave')
  async leave(@ConnectedSocket() socket: AlertsSocket, @MessageBody() parkId: unknown): Promise<void> {
    if (typeof parkId === 'string') await socket.leave(alertsRoom(parkId));
  }

  @SubscribeMessage('alert:acknowledge')
  async acknowledge(@ConnectedSocket() socket: AlertsSocket, @MessageBody() body: unknown): Promise<AcknowledgeResult> {
    const [parkId, alertId] = Array.isArray(body) ? (body as unknown[]) : [];
    if (typeof parkId !== 'string' || typeof alertId !== 'string') return { ok: false, reason: 'name the park and the alert' };
    // the token as it stands now: an operator's token that expired since the handshake acknowledges nothing
    const refused = parkRefusal(socket, parkId, this.clock(), this.metrics, this.refusals);
    if (refused !== undefined) return { ok: false, reason: refused };
    const grant = socket.data.access;
    if (!hasRole(grant, 'operator')) {
      this.refusals.warn('acknowledge-role', { park: parkId, alert: alertId, subject: grant.subject, role: grant.role }, 'acknowledgement refused: role');
      return { ok: false, reason: `acknowledging needs the operator role; your token has ${grant.role}` };
    }
    const result = await this.alerts.acknowledge(parkId, alertId, grant);
    return result.ok ? { ok: true, alert: result.value } : { ok: false, reason: result.reason };
  }

  onModuleDestroy(): void {
    this.unsubscribe?.();
  }
}
