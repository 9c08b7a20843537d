import type { Alert, AlertRule, AlertSubject, LiveFigure } from '@zeropark/contracts';
import type { Message, Translator } from '@zeropark/i18n';

/**
 * An alert as an operator reads it, in the page's language: what it is about, its rule in words,
 * a watched value with its unit, how long it has lasted and who acknowledged it. The server's
 * `message` is the record (English, for webhooks and the series); the page words it from the
 * alert's fields and its rule (docs/alerts.md), so a Chinese page reads Chinese.
 */

/** `building B01`; a platform alert's subject is a service instance, which concerns every meter. */
export function describeSubject(subject: AlertSubject, i18n: Translator): string {
  return i18n.t(`subjects.${subject.kind}`, { id: subject.id });
}

const UNIT_OF_FIGURE: Partial<Record<LiveFigure, Message>> = {
  'park.consumptionKw': 'units.kw',
  'park.gridKw': 'units.kw',
  'park.generationKw': 'units.kw',
  'park.intensityGPerKwh': 'units.gPerKwh',
  'park.intensityTodayGPerKwh': 'units.gPerKwh',
  'park.emissionsRateKgPerH': 'units.kgCo2PerH',
  'park.emissionsTodayKg': 'units.kgCo2',
  'building.powerKw': 'units.kw',
  'building.emissionsTodayKg': 'units.kgCo2',
  'meter.power_kw': 'units.kw',
  'meter.energy_import_kwh': 'units.kwh',
  'meter.energy_export_kwh': 'units.kwh',
  'meter.gas_m3': 'units.m3',
  'meter.heat_gj': 'units.gj',
  'meter.diesel_l': 'units.l',
};

/** A watched figure's value with its unit: `812.4 kW`, `91.2 %` for the budget's share. */
export function describeValue(value: number | null, figure: LiveFigure, i18n: Translator): string {
  if (value === null) return '–';
  if (figure === 'park.budgetUsedShare') return i18n.share(value);
  const unit = UNIT_OF_FIGURE[figure];
  const number = i18n.number(value, Math.abs(value) >= 100 ? 1 : 2);
  return unit === undefined ? number : `${number} ${i18n.t(unit)}`;
}

/** The rule in words: `park power consumed (kW) above 1,000.0 kW for 1 min (clears below 900.0 kW)`. */
export function describeRule(rule: AlertRule, i18n: Translator): string {
  const condition = rule.condition;
  switch (condition.kind) {
    case 'threshold':
      return i18n.t(`conditions.${condition.direction}`, {
        figure: i18n.t(`liveFigures.${condition.figure}` as Message),
        level: describeValue(condition.level, condition.figure, i18n),
        clearAt: describeValue(condition.clearAt, condition.figure, i18n),
        duration: i18n.duration(condition.forMs),
      });
    case 'meter-silent':
      return i18n.t('conditions.meterSilent', { intervals: condition.intervals, every: i18n.duration(condition.everyMs) });
    case 'gateway-offline':
      return i18n.t('conditions.gatewayOffline', { duration: i18n.duration(condition.silentForMs) });
    case 'implausible-data':
      return i18n.t('conditions.implausibleData', { duration: i18n.duration(condition.clearAfterMs) });
    case 'service-health':
      return i18n.t('conditions.serviceHealth', { problem: i18n.t(`serviceProblems.${condition.problem}`) });
  }
}

/** The figure a threshold alert watches; undefined for the other kinds, which watch none. */
export function watchedFigure(rule: AlertRule | undefined): LiveFigure | undefined {
  return rule?.condition.kind === 'threshold' ? rule.condition.figure : undefined;
}

/** `2026-12-07 21:06 (3 h 5 min)`: when it fired in the park's zone, and for how long it has lasted (or lasted). */
export function describeSince(alert: Alert, now: number, timezone: string, i18n: Translator): string {
  const end = alert.state === 'resolved' ? (alert.transitions.findLast((step) => step.to === 'resolved')?.at ?? now) : now;
  return i18n.t('alerts.sinceFor', { at: i18n.dateTime(alert.firedAt, timezone), duration: i18n.duration(end - alert.firedAt) });
}

/** `live-suite-operator at 2026-12-07 21:08`; undefined when nobody acknowledged it. */
export function describeAcknowledgement(alert: Alert, timezone: string, i18n: Translator): string | undefined {
  const step = alert.transitions.findLast((transition) => transition.to === 'acknowledged');
  return step === undefined ? undefined : i18n.t('alerts.acknowledgedBy', { who: step.by ?? '?', at: i18n.dateTime(step.at, timezone) });
}

/** The history's transitions: `firing 21:06:05 → acknowledged 21:08:11 by ops`, times in the park's zone. */
export function describeTransitions(alert: Alert, timezone: string, i18n: Translator): string {
  return alert.transitions
    .map((step) => {
      const values = { state: i18n.t(`alertStates.${step.to}`), at: i18n.dateTime(step.at, timezone, true), who: step.by ?? '' };
      return step.by === null ? i18n.t('alerts.transition', values) : i18n.t('alerts.transitionBy', values);
    })
    .join(' → ');
}
