import type { ServiceProblemKind } from './service-health.js';

/**
 * Alerts (docs/alerts.md): what the rules of a park's registry say, the alerts they raise,
 * and the `alert` series that keeps every transition. One place for the types the rule engine
 * (libs/alerts), the store, the carbon service and the dashboard share.
 */

export const ALERT_SEVERITIES = ['info', 'minor', 'major', 'critical'] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

/** `firing → acknowledged → resolved`, or `firing → resolved` without acknowledgement. */
export type AlertState = 'firing' | 'acknowledged' | 'resolved';

/** The live figures a threshold rule can watch (docs/alerts.md explains each). */
export const PARK_FIGURES = [
  'park.consumptionKw',
  'park.gridKw',
  'park.generationKw',
  'park.intensityGPerKwh',
  'park.intensityTodayGPerKwh',
  'park.emissionsRateKgPerH',
  'park.emissionsTodayKg',
  'park.budgetUsedShare',
] as const;
export const BUILDING_FIGURES = ['building.powerKw', 'building.emissionsTodayKg'] as const;
/** A meter's latest value of a quantity, e.g. `meter.power_kw`. */
export const METER_FIGURES = ['meter.power_kw', 'meter.energy_import_kwh', 'meter.energy_export_kwh', 'meter.gas_m3', 'meter.heat_gj', 'meter.diesel_l'] as const;

export type ParkFigure = (typeof PARK_FIGURES)[number];
export type BuildingFigure = (typeof BUILDING_FIGURES)[number];
export type MeterFigure = (typeof METER_FIGURES)[number];
export type LiveFigure = ParkFigure | BuildingFigure | MeterFigure;

/** What an alert is about; a `service` is a platform service instance, e.g. `ingest/ingest-1`. */
export interface AlertSubject {
  kind: 'park' | 'building' | 'meter' | 'gateway' | 'service';
  id: string;
}

/** A threshold crossed in one direction for a duration, cleared at the hysteresis level. */
export interface ThresholdCondition {
  kind: 'threshold';
  figure: LiveFigure;
  /** The building or meter of a building or meter figure; absent for park figures. */
  building?: string;
  meter?: string;
  /** `above`: fires above `level`, clears below `clearAt`; `below`: the mirror image. */
  direction: 'above' | 'below';
  level: number;
  clearAt: number;
  /** How long the figure must stay beyond the level before the alert fires, ms. */
  forMs: number;
}

/** A meter not heard for `intervals` × `everyMs` while its gateway is. */
export interface MeterSilentCondition {
  kind: 'meter-silent';
  everyMs: number;
  intervals: number;
  /** The meters watched; every meter of the park when absent. */
  meters?: string[];
}

/** A gateway gone: its last will (`offline` status) or no batch for `silentForMs`. One alert per gateway. */
export interface GatewayOfflineCondition {
  kind: 'gateway-offline';
  silentForMs: number;
  /** The gateways watched; every gateway of the park when absent. */
  gateways?: string[];
}

/** Counter intervals refused as implausible (above rated power × time); clears after `clearAfterMs` without one. */
export interface ImplausibleDataCondition {
  kind: 'implausible-data';
  clearAfterMs: number;
}

/**
 * A platform rule (platform-alert-rules.ts): a problem a service lists in its health message, or
 * `silent`, its health message not heard for three of its intervals. One alert per service instance.
 */
export interface ServiceHealthCondition {
  kind: 'service-health';
  problem: ServiceProblemKind | 'silent';
}

export type AlertCondition = ThresholdCondition | MeterSilentCondition | GatewayOfflineCondition | ImplausibleDataCondition | ServiceHealthCondition;

export interface AlertRule {
  id: string;
  /** One line an operator reads on the pager, e.g. "Assembly hall draws more than its feeder allows". */
  title: string;
  severity: AlertSeverity;
  condition: AlertCondition;
}

/** A webhook of a park: every alert transition of its rules (all of the park's when `rules` is null). */
export interface AlertWebhook {
  id: string;
  url: string;
  /** Name of the environment variable holding the HMAC-SHA256 signing secret. */
  secretEnv: string;
  rules: string[] | null;
}

/** One step of an alert's life, with who (null: the system) and when. */
export interface AlertTransition {
  from: AlertState | null;
  to: AlertState;
  at: number;
  by: string | null;
}

export interface Alert {
  id: string;
  park: string;
  rule: string;
  /** What kind of rule raised it. */
  kind: AlertCondition['kind'];
  title: string;
  severity: AlertSeverity;
  subject: AlertSubject;
  /** What was seen when it fired, in words. */
  message: string;
  /** The figure's value when it fired; null for silence and offline alerts. */
  value: number | null;
  state: AlertState;
  firedAt: number;
  transitions: AlertTransition[];
}

/** A rule muted for a window: it raises no new alert until `until` (epoch ms). */
export interface RuleMute {
  park: string;
  rule: string;
  at: number;
  until: number;
  by: string;
  reason: string;
}

/**
 * One point of the `alert` series: a transition of an alert (with the whole alert as it then
 * was, so each point stands alone), or a mute of a rule. The key is park + alert id + state +
 * time, so no point overwrites another.
 */
export type AlertRecord = { kind: 'transition'; alert: Alert; transition: AlertTransition } | { kind: 'mute'; mute: RuleMute };

/** Socket.IO room of the alerts of a park. */
export function alertsRoom(parkId: string): string {
  return `alerts:${parkId}`;
}

export type JoinAlertsResult = { ok: true; alerts: Alert[] } | { ok: false; reason: string };
export type AcknowledgeResult = { ok: true; alert: Alert } | { ok: false; reason: string };
