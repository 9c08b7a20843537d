import { figureValue, liveFiguresOf } from '@zeropark/alerts';
import type { Alert, AlertRule, ClientToServerEvents, MeterSnapshot, ParkSnapshot, QuantityValues, ServerToClientEvents } from '@zeropark/contracts';
import type { Socket } from 'socket.io-client';
import type { Api } from '../api.js';
import { parkDays } from '../days.js';
import { button, element, row, setText } from '../dom.js';
import { i18n } from '../i18n.js';
import { mayAcknowledge, type Session } from '../session.js';
import { describeAcknowledgement, describeRule, describeSince, describeSubject, describeTransitions, describeValue, watchedFigure } from './alert-words.js';
import './alerts.css';

const SEVERITY_ORDER = { critical: 0, major: 1, minor: 2, info: 3 } as const;

/** What the page shows live, for an alert's value now: the park's snapshot and the meters of the building on screen. */
export interface LiveView {
  snapshot(): ParkSnapshot | undefined;
  meters(): readonly MeterSnapshot[];
}

/**
 * Alerts of the park: the open ones, pushed live (joined over Socket.IO), each with its rule in
 * words, the value when it fired and now, how long it has lasted and who acknowledged it, with an
 * acknowledge button for operators and admins; a banner on the overview while a critical one
 * fires; and the history, filtered by the park's days, from REST. Times are the park's.
 */
export class AlertsView {
  private readonly open = new Map<string, Alert>();
  private rules = new Map<string, AlertRule>();
  private parkId: string | undefined;
  private timezone = 'UTC';
  private listeners: (() => void)[] = [];
  private readonly banner = document.createElement('div');

  constructor(
    private readonly api: Api,
    private readonly socket: Socket<ServerToClientEvents, ClientToServerEvents>,
    private readonly session: Session,
    private readonly live: LiveView,
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
    const role = i18n.t(`roles.${session.role}`);
    setText('alerts-role', i18n.t(mayAcknowledge(session) ? 'alerts.mayAcknowledge' : 'alerts.mayNotAcknowledge', { subject: session.subject, role }));
    this.banner.id = 'critical-banner';
    this.banner.className = 'critical-banner';
    this.banner.setAttribute('role', 'alert');
    this.banner.dataset.testid = 'critical-banner';
    this.banner.hidden = true;
    element('view-overview').prepend(this.banner);
    this.writeHeadings();
    // durations and values now move on between transitions
    setInterval(() => {
      if (this.open.size > 0) this.renderCurrent();
    }, 1000);
  }

  /** Called whenever the open alerts change (the building view marks silent meters by them). */
  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  openAlerts(): Alert[] {
    return [...this.open.values()];
  }

  /** Joins the park's alerts: its rules, the open ones now, each transition after. */
  async join(parkId: string, timezone: string): Promise<void> {
    if (this.parkId !== undefined && this.parkId !== parkId) this.socket.emit('alerts:leave', this.parkId);
    this.parkId = parkId;
    this.timezone = timezone;
    const [joined, rules] = await Promise.all([
      this.socket.emitWithAck('alerts:join', parkId),
      this.api.get<{ rules: { rule: AlertRule }[] }>(`/parks/${encodeURIComponent(parkId)}/alert-rules`).catch(() => ({ rules: [] })),
    ]);
    this.rules = new Map(rules.rules.map(({ rule }) => [rule.id, rule]));
    // the zone once on the page: every time below is the park's
    setText('alerts-zone', i18n.zone(timezone, Date.now()));
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
    // the park's days, as everywhere: from its midnight to the midnight after the last day
    if (from !== '') query.set('from', String(parkDays(from, from, this.timezone).from));
    if (to !== '') query.set('to', String(parkDays(to, to, this.timezone).to));
    const { alerts } = await this.api.get<{ alerts: Alert[] }>(`/parks/${encodeURIComponent(this.parkId)}/alerts?${query.toString()}`);
    element('alert-history').replaceChildren(
      ...alerts.map((alert) =>
        row(
          [i18n.dateTime(alert.firedAt, this.timezone), i18n.t(`severities.${alert.severity}`), alert.title, describeSubject(alert.subject, i18n), i18n.t(`alertStates.${alert.state}`), describeTransitions(alert, this.timezone, i18n)],
          { alert: alert.id, state: alert.state },
        ),
      ),
    );
  }

  private writeHeadings(): void {
    const current = element('current-alerts').closest('table')?.tHead?.rows[0];
    current?.replaceChildren(...(['severity', 'alert', 'rule', 'valueThen', 'valueNow', 'since', 'state'] as const).map((key) => Object.assign(document.createElement('th'), { textContent: i18n.t(`alerts.${key}`) })), document.createElement('th'));
  }

  /** The value a threshold alert watches, now; a dash for the other kinds, and a note when this page does not have it. */
  private valueNow(alert: Alert): string {
    const rule = this.rules.get(alert.rule);
    const figure = watchedFigure(rule);
    const snapshot = this.live.snapshot();
    if (figure === undefined || rule?.condition.kind !== 'threshold') return '–';
    if (snapshot === undefined) return i18n.t('alerts.unknownNow');
    const meters = new Map<string, QuantityValues>(this.live.meters().flatMap((meter) => (meter.powerKw === null ? [] : [[meter.meterId, { power_kw: meter.powerKw }]])));
    const value = figureValue(liveFiguresOf(snapshot, meters), rule.condition);
    return value === null && figure.startsWith('meter.') ? i18n.t('alerts.unknownNow') : describeValue(value, figure, i18n);
  }

  private renderCurrent(): void {
    const now = Date.now();
    const alerts = this.openAlerts().sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || b.firedAt - a.firedAt);
    const count = element('alert-count');
    count.hidden = alerts.length === 0;
    count.textContent = String(alerts.length);
    element('no-alerts').hidden = alerts.length > 0;
    element('current-alerts').replaceChildren(
      ...alerts.map((alert) => {
        const rule = this.rules.get(alert.rule);
        const figure = watchedFigure(rule);
        const severity = document.createElement('span');
        severity.className = `severity severity-${alert.severity}`;
        severity.textContent = i18n.t(`severities.${alert.severity}`);
        const title = document.createElement('span');
        title.append(Object.assign(document.createElement('strong'), { textContent: alert.title }), document.createElement('br'), describeSubject(alert.subject, i18n));
        // the server's record of what it saw, for whoever wants the exact words (webhooks carry the same)
        title.title = alert.message;
        const acknowledged = describeAcknowledgement(alert, this.timezone, i18n);
        const state = i18n.t(`alertStates.${alert.state}`) + (acknowledged === undefined ? '' : ` · ${acknowledged}`);
        const action = alert.state === 'firing' && mayAcknowledge(this.session) ? button(i18n.t('alerts.acknowledge'), () => void this.acknowledge(alert.id), 'acknowledge') : document.createTextNode('');
        const then = figure === undefined ? '–' : describeValue(alert.value, figure, i18n);
        return row([severity, title, rule === undefined ? alert.message : describeRule(rule, i18n), then, this.valueNow(alert), describeSince(alert, now, this.timezone, i18n), state, action], { alert: alert.id, rule: alert.rule, state: alert.state });
      }),
    );
    this.renderBanner(alerts);
    for (const listener of this.listeners) listener();
  }

  /** Firing critical alerts stand above the overview, not only as a count in the navigation. */
  private renderBanner(alerts: readonly Alert[]): void {
    const critical = alerts.filter((alert) => alert.severity === 'critical' && alert.state === 'firing');
    this.banner.hidden = critical.length === 0;
    if (critical.length === 0) return;
    const link = Object.assign(document.createElement('a'), { href: '#/alerts', textContent: i18n.t('overview.openAlerts') });
    this.banner.replaceChildren(`${i18n.t('overview.criticalBanner', { count: critical.length, titles: critical.map((alert) => alert.title).join(' · ') })} `, link);
  }

  private async acknowledge(alertId: string): Promise<void> {
    if (this.parkId === undefined) return;
    const result = await this.socket.emitWithAck('alert:acknowledge', this.parkId, alertId);
    if (!result.ok) window.alert(result.reason);
  }
}
