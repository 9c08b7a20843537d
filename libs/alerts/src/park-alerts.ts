import {
  healthSilentAfterMs,
  serviceSubjectId,
  type Alert,
  type AlertRule,
  type AlertSubject,
  type AlertTransition,
  type ParkTopology,
  type RuleMute,
  type ServiceHealth,
  type ServiceHealthCondition,
  type ServiceProblem,
  type ThresholdCondition,
} from '@zeropark/contracts';
import { transition, type AlertEvent } from './alert-lifecycle.js';
import { describeDuration, describeValue } from './describe.js';
import { figureValue, type LiveFigures } from './live-figures.js';

/** An alert after one of its transitions: what the store keeps and the operators are told. */
export interface AlertChange {
  alert: Alert;
  transition: AlertTransition;
}

export type AcknowledgeOutcome = { ok: true; change: AlertChange } | { ok: false; refused: 'not-open' | 'already-acknowledged'; reason: string };

/**
 * The alerts of one park as a state machine with time passed in (`at`, epoch ms), no I/O and
 * no timers: the service feeds it what it hears and calls `evaluate` on its own tick, a spec
 * calls it with the minutes it wants. Each rule and subject has at most one open alert, so a
 * condition that holds fires once; it resolves by itself when the condition is over.
 *
 * - threshold: fires when the figure has stayed beyond its level for the rule's duration
 *   (one sample back on the right side starts the duration again: no flapping), resolves
 *   only past the hysteresis level;
 * - meter silent: a meter not heard for N expected intervals while its gateway is heard, counted
 *   from the gateway's return when the gateway itself was away (docs/alerts.md, `meter-silent`);
 * - gateway offline: its last will, or no batch for the rule's time; one alert for the
 *   gateway, and its meters raise no silence alerts of their own meanwhile;
 * - implausible data: counter intervals the accounting refused, until none for a while;
 * - service health (the platform rules): a problem a service's health message lists, until a
 *   message no longer lists it; or no health message for three of its intervals. While a service
 *   is silent its other alerts neither fire nor resolve: what it last said is not known to hold.
 *
 * "Heard again since the alert fired" resolves a silence or offline alert, so one restored
 * after a restart stays open until the meter or gateway really speaks.
 */
export class ParkAlerts {
  private readonly open = new Map<string, Alert>();
  /** Since when each threshold has been beyond its level; absent while it is not. */
  private readonly breachedSince = new Map<string, number>();
  private readonly meterHeard = new Map<string, number>();
  private readonly gatewayHeard = new Map<string, number>();
  private readonly gatewayWill = new Map<string, number>();
  /** When each gateway was last heard again after being away (its last will, or silent past `awayAfterMs`). */
  private readonly gatewayBack = new Map<string, number>();
  /** Silent this long, a gateway was away: the shortest time any offline or silence rule allows it. */
  private readonly awayAfterMs: number;
  private readonly implausibleAt = new Map<string, number>();
  private readonly mutes = new Map<string, RuleMute>();
  /** Each service instance's last health message, by subject id (`ingest/ingest-1`), and when it was heard. */
  private readonly services = new Map<string, { heardAt: number; everyMs: number; problems: ReadonlyMap<string, ServiceProblem> }>();
  private readonly gatewayOf: ReadonlyMap<string, string>;
  private readonly gateways: readonly string[];
  private readonly rules: ReadonlyMap<string, AlertRule>;

  /** `startedAt`: when watching began; what has not been heard since counts as silent from then. */
  constructor(
    private readonly topology: ParkTopology,
    rules: readonly AlertRule[],
    private readonly startedAt: number,
  ) {
    this.rules = new Map(rules.map((rule) => [rule.id, rule]));
    this.gatewayOf = new Map(topology.meters.map((meter) => [meter.id, meter.gateway]));
    this.gateways = [...new Set(topology.meters.map((meter) => meter.gateway))];
    const silences = rules.map(({ condition }) =>
      condition.kind === 'gateway-offline' ? condition.silentForMs : condition.kind === 'meter-silent' ? condition.everyMs * condition.intervals : Infinity,
    );
    this.awayAfterMs = Math.min(...silences);
  }

  get parkId(): string {
    return this.topology.park.id;
  }

  /** Alerts and mutes kept before a restart: still open alerts are not raised again. */
  restore(alerts: readonly Alert[], mutes: readonly RuleMute[]): void {
    for (const alert of alerts) {
      if (alert.state !== 'resolved' && this.rules.has(alert.rule)) this.open.set(keyOf(alert.rule, alert.subject), alert);
    }
    for (const mute of mutes) this.mutes.set(mute.rule, mute);
  }

  /** A batch from a gateway with readings of these meters. */
  heard(gateway: string, meters: Iterable<string>, at: number): void {
    this.noteReturn(gateway, at);
    this.gatewayHeard.set(gateway, at);
    for (const meter of meters) this.meterHeard.set(meter, at);
  }

  /** The gateway's retained status: `offline` is its last will. */
  gatewayStatus(gateway: string, status: 'online' | 'offline', at: number): void {
    if (status === 'offline') this.gatewayWill.set(gateway, at);
    else {
      this.noteReturn(gateway, at);
      this.gatewayWill.delete(gateway);
      this.gatewayHeard.set(gateway, at);
    }
  }

  /** A counter interval of this meter the accounting refused as implausible. */
  implausible(meter: string, at: number): void {
    this.implausibleAt.set(meter, at);
  }

  /** A service's health message, heard at `heardAt` (for a retained one, when it was made). */
  serviceHealth(health: ServiceHealth, heardAt: number): void {
    const id = serviceSubjectId(health.service, health.instance);
    const last = this.services.get(id);
    if (last !== undefined && last.heardAt > heardAt) return; // an older message than the one held
    this.services.set(id, { heardAt, everyMs: health.everyMs, problems: new Map(health.problems.map((problem) => [problem.kind, problem])) });
  }

  /** Every rule against the figures and what was heard, at `at`; the transitions it caused. */
  evaluate(figures: LiveFigures, at: number): AlertChange[] {
    const changes: AlertChange[] = [];
    for (const rule of this.rules.values()) {
      const { condition } = rule;
      if (condition.kind === 'threshold') this.threshold(rule, condition, figures, at, changes);
      else if (condition.kind === 'meter-silent') this.meterSilence(rule, condition.everyMs * condition.intervals, condition.meters, condition.everyMs, at, changes);
      else if (condition.kind === 'gateway-offline') this.gatewayOffline(rule, condition.silentForMs, condition.gateways, at, changes);
      else if (condition.kind === 'service-health') this.serviceProblem(rule, condition, at, changes);
      else this.implausibleData(rule, condition.clearAfterMs, at, changes);
    }
    return changes;
  }

  acknowledge(alertId: string, by: string, at: number): AcknowledgeOutcome {
    const alert = this.openAlerts().find((candidate) => candidate.id === alertId);
    if (alert === undefined) return { ok: false, refused: 'not-open', reason: `no open alert "${alertId}" in park "${this.parkId}" (resolved already, or never raised)` };
    const change = this.step(alert, { type: 'acknowledge', by, at });
    return change === undefined ? { ok: false, refused: 'already-acknowledged', reason: `alert "${alertId}" is already acknowledged` } : { ok: true, change };
  }

  /** Mutes a rule until `until`; a mute that ends now (`until` = `at`) lifts the one before. */
  mute(ruleId: string, until: number, by: string, reason: string, at: number): RuleMute | undefined {
    if (!this.rules.has(ruleId)) return undefined;
    const mute: RuleMute = { park: this.parkId, rule: ruleId, at, until, by, reason };
    this.mutes.set(ruleId, mute);
    return mute;
  }

  isMuted(ruleId: string, at: number): boolean {
    return (this.mutes.get(ruleId)?.until ?? -Infinity) > at;
  }

  activeMutes(at: number): RuleMute[] {
    return [...this.mutes.values()].filter((mute) => mute.until > at);
  }

  openAlerts(): Alert[] {
    return [...this.open.values()].sort((a, b) => a.firedAt - b.firedAt);
  }

  ruleList(): AlertRule[] {
    return [...this.rules.values()];
  }

  private threshold(rule: AlertRule, condition: ThresholdCondition, figures: LiveFigures, at: number, changes: AlertChange[]): void {
    const subject = subjectOf(condition, this.parkId);
    const key = keyOf(rule.id, subject);
    const value = figureValue(figures, condition);
    if (value === null) return; // nothing known: neither fire nor clear on a missing figure
    const beyond = condition.direction === 'above' ? value > condition.level : value < condition.level;
    const open = this.open.get(key);
    if (open !== undefined) {
      const back = condition.direction === 'above' ? value < condition.clearAt : value > condition.clearAt;
      if (back) this.resolve(open, at, changes);
      return;
    }
    if (!beyond) {
      this.breachedSince.delete(key);
      return;
    }
    const since = this.breachedSince.get(key) ?? at;
    this.breachedSince.set(key, since);
    if (at - since < condition.forMs || this.isMuted(rule.id, at)) return;
    this.breachedSince.delete(key);
    const unit = condition.figure.split('.')[1] ?? '';
    const message =
      `${condition.figure} of ${subject.kind} ${subject.id} is ${describeValue(value, unit)}, ${condition.direction} ${describeValue(condition.level, unit)}` +
      ` for ${describeDuration(at - since)}; clears ${condition.direction === 'above' ? 'below' : 'above'} ${describeValue(condition.clearAt, unit)}`;
    this.fire(rule, subject, message, value, at, changes);
  }

  private meterSilence(rule: AlertRule, silentMs: number, watched: readonly string[] | undefined, everyMs: number, at: number, changes: AlertChange[]): void {
    for (const meter of watched ?? this.gatewayOf.keys()) {
      const subject: AlertSubject = { kind: 'meter', id: meter };
      const open = this.open.get(keyOf(rule.id, subject));
      const heard = this.meterHeard.get(meter);
      if (open !== undefined) {
        if (heard !== undefined && heard >= open.firedAt) this.resolve(open, at, changes);
        continue;
      }
      const gateway = this.gatewayOf.get(meter) ?? '';
      const gatewayHeard = this.gatewayHeard.get(gateway);
      // a meter of a gateway that was away is silent only if its gateway has been back a whole silence
      const since = Math.max(heard ?? this.startedAt, this.gatewayBack.get(gateway) ?? -Infinity);
      // the gateway's own silence is its offline alert, not one alert per meter
      const gatewayAlive = gatewayHeard !== undefined && at - gatewayHeard < silentMs && !this.gatewayWill.has(gateway);
      if (at - since < silentMs || !gatewayAlive || this.isMuted(rule.id, at)) continue;
      const message = `meter ${meter} not heard for ${describeDuration(at - since)} (expected every ${describeDuration(everyMs)}) while its gateway ${gateway} is`;
      this.fire(rule, subject, message, null, at, changes);
    }
  }

  /** A gateway heard again after its last will, or after a silence longer than `awayAfterMs`, has returned. */
  private noteReturn(gateway: string, at: number): void {
    const heard = this.gatewayHeard.get(gateway);
    if (this.gatewayWill.has(gateway) || (heard !== undefined && at - heard >= this.awayAfterMs)) this.gatewayBack.set(gateway, at);
  }

  private gatewayOffline(rule: AlertRule, silentForMs: number, watched: readonly string[] | undefined, at: number, changes: AlertChange[]): void {
    for (const gateway of watched ?? this.gateways) {
      const subject: AlertSubject = { kind: 'gateway', id: gateway };
      const open = this.open.get(keyOf(rule.id, subject));
      const heard = this.gatewayHeard.get(gateway);
      if (open !== undefined) {
        if (heard !== undefined && heard >= open.firedAt && !this.gatewayWill.has(gateway)) this.resolve(open, at, changes);
        continue;
      }
      const will = this.gatewayWill.get(gateway);
      const lastWill = will !== undefined && will >= (heard ?? -Infinity);
      const silentFor = at - (heard ?? this.startedAt);
      if ((!lastWill && silentFor < silentForMs) || this.isMuted(rule.id, at)) continue;
      const meters = this.topology.meters.filter((meter) => meter.gateway === gateway).map((meter) => meter.id);
      const why = lastWill ? 'its last will says offline' : `no batch for ${describeDuration(silentFor)}`;
      this.fire(rule, subject, `gateway ${gateway} is offline: ${why}; its meters ${meters.join(', ')} are not heard`, null, at, changes);
    }
  }

  private implausibleData(rule: AlertRule, clearAfterMs: number, at: number, changes: AlertChange[]): void {
    for (const [meter, last] of this.implausibleAt) {
      const subject: AlertSubject = { kind: 'meter', id: meter };
      const open = this.open.get(keyOf(rule.id, subject));
      if (at - last >= clearAfterMs) {
        if (open !== undefined) this.resolve(open, at, changes);
        this.implausibleAt.delete(meter);
        continue;
      }
      if (open !== undefined || this.isMuted(rule.id, at)) continue;
      const message = `meter ${meter}: a counter jump above its rated power × time was refused as implausible; the interval is left out of the figures`;
      this.fire(rule, subject, message, null, at, changes);
    }
  }

  private serviceProblem(rule: AlertRule, condition: ServiceHealthCondition, at: number, changes: AlertChange[]): void {
    for (const [service, health] of this.services) {
      const subject: AlertSubject = { kind: 'service', id: service };
      const open = this.open.get(keyOf(rule.id, subject));
      const silentFor = at - health.heardAt;
      const silent = silentFor >= healthSilentAfterMs(health.everyMs);
      if (condition.problem === 'silent') {
        if (open !== undefined) {
          if (!silent) this.resolve(open, at, changes);
        } else if (silent && !this.isMuted(rule.id, at)) {
          const message = `${service} has sent no health message for ${describeDuration(silentFor)} (it sends one every ${describeDuration(health.everyMs)}): it, or the bus to it, is down, and readings may not be reaching the store`;
          this.fire(rule, subject, message, null, at, changes);
        }
        continue;
      }
      if (silent) continue;
      const problem = health.problems.get(condition.problem);
      if (open !== undefined) {
        if (problem === undefined) this.resolve(open, at, changes);
        continue;
      }
      if (problem === undefined || this.isMuted(rule.id, at)) continue;
      this.fire(rule, subject, `${service}: ${problem.reason} (since ${new Date(problem.since).toISOString()})`, null, at, changes);
    }
  }

  private fire(rule: AlertRule, subject: AlertSubject, message: string, value: number | null, at: number, changes: AlertChange[]): void {
    const firing: AlertTransition = { from: null, to: 'firing', at, by: null };
    const alert: Alert = {
      // one URL path segment (POST …/alerts/{id}/acknowledge): a service's `ingest/x` becomes `ingest.x`
      id: `${rule.id}~${subject.kind}-${subject.id.replaceAll('/', '.')}~${at.toString(36)}`,
      park: this.parkId,
      rule: rule.id,
      kind: rule.condition.kind,
      title: rule.title,
      severity: rule.severity,
      subject,
      message,
      value,
      state: 'firing',
      firedAt: at,
      transitions: [firing],
    };
    this.open.set(keyOf(rule.id, subject), alert);
    changes.push({ alert, transition: firing });
  }

  private resolve(alert: Alert, at: number, changes: AlertChange[]): void {
    const change = this.step(alert, { type: 'clear', at });
    if (change !== undefined) changes.push(change);
  }

  /** Applies a lifecycle event to an open alert; undefined when it does not apply. */
  private step(alert: Alert, event: AlertEvent): AlertChange | undefined {
    const result = transition(alert.state, event);
    if (!result.ok) return undefined;
    const next: Alert = { ...alert, state: result.transition.to, transitions: [...alert.transitions, result.transition] };
    const key = keyOf(alert.rule, alert.subject);
    if (next.state === 'resolved') this.open.delete(key);
    else this.open.set(key, next);
    return { alert: next, transition: result.transition };
  }
}

function keyOf(rule: string, subject: AlertSubject): string {
  return `${rule}|${subject.kind}:${subject.id}`;
}

function subjectOf(condition: ThresholdCondition, parkId: string): AlertSubject {
  if (condition.meter !== undefined) return { kind: 'meter', id: condition.meter };
  if (condition.building !== undefined) return { kind: 'building', id: condition.building };
  return { kind: 'park', id: parkId };
}
