import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';

/** What `/metrics` shows of the carbon service (Prometheus text format). */
@Injectable()
export class CarbonMetrics {
  readonly registry = new Registry();
  readonly batchesReceived = new Counter({ name: 'zeropark_carbon_batches_received_total', help: 'Accepted batches taken from the bus', registers: [this.registry] });
  readonly batchesRefused = new Counter({
    name: 'zeropark_carbon_batches_refused_total',
    help: 'Bus messages that were not a valid accepted batch, or named an unknown park',
    registers: [this.registry],
  });
  readonly snapshotsPushed = new Counter({ name: 'zeropark_carbon_snapshots_pushed_total', help: 'Park snapshots pushed to Socket.IO rooms', registers: [this.registry] });
  readonly dashboardFrames = new Counter({
    name: 'zeropark_carbon_dashboard_frames_total',
    help: 'Frames of broadcasts to one room (with CARBON_DIRECT_FRAMES=on), by path: direct (the ready WebSocket frame) or engine (Socket.IO\'s own path)',
    labelNames: ['path'],
    registers: [this.registry],
  });
  readonly dashboardClients = new Gauge({ name: 'zeropark_carbon_dashboard_clients', help: 'Socket.IO clients connected', registers: [this.registry] });
  readonly carbonPointsWritten = new Counter({ name: 'zeropark_carbon_series_points_written_total', help: 'Points written to the carbon series', registers: [this.registry] });
  readonly backlogMinutes = new Gauge({
    name: 'zeropark_carbon_backlog_minutes',
    help: 'Minutes of late readings (a gateway\'s backlog) still to account, by park: the service catches up a slice at a time',
    labelNames: ['park'],
    registers: [this.registry],
  });
  readonly carbonWriteFailures = new Counter({ name: 'zeropark_carbon_series_write_failures_total', help: 'Failed writes of the carbon series (kept and tried again)', registers: [this.registry] });
  readonly handshakesRefused = new Counter({ name: 'zeropark_carbon_handshakes_refused_total', help: 'WebSocket handshakes refused, by reason (token, origin)', labelNames: ['reason'], registers: [this.registry] });
  readonly joinsRefused = new Counter({ name: 'zeropark_carbon_joins_refused_total', help: 'Room joins and alert actions refused: the token does not name the park, or has expired', registers: [this.registry] });
  readonly sessionsEnded = new Counter({
    name: 'zeropark_carbon_sessions_ended_total',
    help: 'Dashboard connections the service closed, by reason (token-expired, event-budget)',
    labelNames: ['reason'],
    registers: [this.registry],
  });
  readonly gridIntensitiesReceived = new Counter({ name: 'zeropark_carbon_grid_intensities_received_total', help: 'Live grid intensities applied', registers: [this.registry] });
  readonly gridIntensitiesRefused = new Counter({ name: 'zeropark_carbon_grid_intensities_refused_total', help: 'Grid intensity messages that were not valid', registers: [this.registry] });
  readonly alertTransitions = new Counter({ name: 'zeropark_carbon_alert_transitions_total', help: 'Alert transitions, by park, state reached and severity', labelNames: ['park', 'to', 'severity'], registers: [this.registry] });
  readonly alertsOpen = new Gauge({ name: 'zeropark_carbon_alerts_open', help: 'Alerts firing or acknowledged, by park', labelNames: ['park'], registers: [this.registry] });
  readonly alertWriteFailures = new Counter({ name: 'zeropark_carbon_alert_write_failures_total', help: 'Failed writes of the alert series (kept and tried again)', registers: [this.registry] });
  readonly webhookDeliveries = new Counter({ name: 'zeropark_carbon_webhook_attempts_total', help: 'Webhook attempts by outcome (delivered, failed, abandoned)', labelNames: ['webhook', 'outcome'], registers: [this.registry] });
  readonly webhooksOwed = new Gauge({ name: 'zeropark_carbon_webhook_deliveries_owed', help: 'Webhook deliveries queued and not yet delivered', labelNames: ['webhook'], registers: [this.registry] });
  readonly busConnected = new Gauge({ name: 'zeropark_carbon_bus_connected', help: '1 while connected to the bus', registers: [this.registry] });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }
}
