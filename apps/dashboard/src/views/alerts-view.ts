import type { Alert, ClientToServerEvents, ServerToClientEvents } from '@zeropark/contracts';
import type { Socket } from 'socket.io-client';
import type { Api } from '../api.js';
import { button, element, row, setText } from '../dom.js';
import { mayAcknowledge, type Session } from '../session.js';
import { describeSubject } from './alert-subject.js';

const SEVERITY_ORDER = { critical: 0, major: 1, minor: 2, info: 3 } as const;

/**
 * Alerts of the park: the open ones, pushed live (joined over Socket.IO), with an
 * acknowledge button for operators and admins; and the history, filtered, from REST.
 */
export class AlertsView {
  private readonly open = new Map<string, Alert>();
  private parkId: string | undefined;
  private listeners: (() => void)[] = [];

  constructor(
    private readonly api: Api,
    private readonly socket: Socket<ServerToClientEvents, ClientToServerEvents>,
    private readonly session: Session,
  ) {
    socket.on('alert', (alert) => {
      if (alert.park !== this.parkId) return;
      if (alert.state === 'resolved') this.open.delete(alert.id);
      else this.open.set(alert.id, alert);
      this.renderCurrent();
      // the history on screen follows the transitions too
      if (!element('view-alerts').hidden) void this.loadHistory();
    });
    element('alert-filters').addEventListener('submit', (event) => {
      event.preventDefault();
      void this.loadHistory();
    });
    setText('alerts-role', mayAcknowledge(session) ? `Signed in as ${session.subject} (${session.role}): you can acknowledge.` : `Signed in as ${session.subject} (${session.role}): acknowledging needs the operator role.`);
  }

  /** Called whenever the open alerts change (the building view marks silent meters by them). */
  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  openAlerts(): Alert[] {
    return [...this.open.values()];
  }

  /** Joins the park's alerts: the open ones now, each transition after. */
  async join(parkId: string): Promise<void> {
    if (this.parkId !== undefined && this.parkId !== parkId) this.socket.emit('alerts:leave', this.parkId);
    this.parkId = parkId;
    const joined = await this.socket.emitWithAck('alerts:join', parkId);
    this.open.clear();
    if (joined.ok) for (const alert of joined.alerts) this.open.set(alert.id, alert);
    this.renderCurrent();
  }

  async loadHistory(): Promise<void> {
    if (this.parkId === undefined) return;
    const query = new URLSearchParams();
    const state = element<HTMLSelectElement>('alert-state').value;
    const severity = element<HTMLSelectElement>('alert-severity').value;
    const from = element<HTMLInputElement>('alert-from').value;
    const to = element<HTMLInputElement>('alert-to').value;
    if (state !== '') query.set('state', state);
    if (severity !== '') query.set('severity', severity);
    if (from !== '') query.set('from', `${from}T00:00:00Z`);
    if (to !== '') query.set('to', `${to}T23:59:59Z`);
    const { alerts } = await this.api.get<{ alerts: Alert[] }>(`/parks/${encodeURIComponent(this.parkId)}/alerts?${query.toString()}`);
    element('alert-history').replaceChildren(
      ...alerts.map((alert) =>
        row(
          [new Date(alert.firedAt).toLocaleString(), alert.severity, alert.title, describeSubject(alert.subject), alert.state, alert.transitions.map((step) => `${step.to} ${new Date(step.at).toLocaleTimeString()}${step.by === null ? '' : ` by ${step.by}`}`).join(' → ')],
          { alert: alert.id, state: alert.state },
        ),
      ),
    );
  }

  private renderCurrent(): void {
    const alerts = this.openAlerts().sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || b.firedAt - a.firedAt);
    const count = element('alert-count');
    count.hidden = alerts.length === 0;
    count.textContent = String(alerts.length);
    element('no-alerts').hidden = alerts.length > 0;
    element('current-alerts').replaceChildren(
      ...alerts.map((alert) => {
        const severity = document.createElement('span');
        severity.className = `severity severity-${alert.severity}`;
        severity.textContent = alert.severity;
        const action = alert.state === 'firing' && mayAcknowledge(this.session) ? button('Acknowledge', () => void this.acknowledge(alert.id), 'acknowledge') : document.createTextNode(alert.state === 'acknowledged' ? `by ${alert.transitions.at(-1)?.by ?? '?'}` : '');
        return row([severity, alert.title, describeSubject(alert.subject), alert.message, new Date(alert.firedAt).toLocaleTimeString(), alert.state, action], { alert: alert.id, rule: alert.rule, state: alert.state });
      }),
    );
    for (const listener of this.listeners) listener();
  }

  private async acknowledge(alertId: string): Promise<void> {
    if (this.parkId === undefined) return;
    const result = await this.socket.emitWithAck('alert:acknowledge', this.parkId, alertId);
    if (!result.ok) window.alert(result.reason);
  }
}
