import type { Alert, AlertRecord, AlertSeverity, AlertState } from '@zeropark/contracts';

export interface AlertListFilter {
  /** Alerts open at any time in [from, to), epoch ms. */
  from: number;
  to: number;
  states?: readonly AlertState[];
  severities?: readonly AlertSeverity[];
}

/**
 * The alerts of a park for a list: each as it stands now, built from the `alert` series since
 * `from` (each record carries its whole alert) and the alerts open now (which may have fired
 * before `from` and not moved since), newest first.
 */
export function listAlerts(recordsSinceFrom: readonly AlertRecord[], openNow: readonly Alert[], filter: AlertListFilter): Alert[] {
  const latest = new Map<string, Alert>();
  for (const record of recordsSinceFrom) {
    if (record.kind !== 'transition') continue;
    const seen = latest.get(record.alert.id);
    if (seen === undefined || seen.transitions.length <= record.alert.transitions.length) latest.set(record.alert.id, record.alert);
  }
  for (const alert of openNow) latest.set(alert.id, alert);
  return [...latest.values()]
    .filter((alert) => alert.firedAt < filter.to && (alert.state !== 'resolved' || (alert.transitions.at(-1)?.at ?? alert.firedAt) >= filter.from))
    .filter((alert) => filter.states === undefined || filter.states.includes(alert.state))
    .filter((alert) => filter.severities === undefined || filter.severities.includes(alert.severity))
    .sort((a, b) => b.firedAt - a.firedAt);
}
