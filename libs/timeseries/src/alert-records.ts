import type { AlertRecord } from '@zeropark/contracts';

/**
 * How a record of the `alert` series is keyed in both stores: park + alert id + state + time,
 * so a transition never overwrites another and writing one again changes nothing. A mute is
 * keyed `mute~{rule}~{at}` with state `muted`.
 */
export interface AlertRecordKey {
  park: string;
  alertId: string;
  state: string;
  at: number;
}

export function alertRecordKey(record: AlertRecord): AlertRecordKey {
  if (record.kind === 'mute') {
    const { mute } = record;
    return { park: mute.park, alertId: `mute~${mute.rule}~${mute.at.toString(36)}`, state: 'muted', at: mute.at };
  }
  return { park: record.alert.park, alertId: record.alert.id, state: record.transition.to, at: record.transition.at };
}

/** Columns a person querying the series (InfluxQL, Grafana) reads without parsing the record. */
export function alertRecordColumns(record: AlertRecord): { rule: string; severity: string; subject: string; by: string; message: string } {
  if (record.kind === 'mute') return { rule: record.mute.rule, severity: '', subject: '', by: record.mute.by, message: `muted until ${new Date(record.mute.until).toISOString()}: ${record.mute.reason}` };
  const { alert, transition } = record;
  return { rule: alert.rule, severity: alert.severity, subject: `${alert.subject.kind}:${alert.subject.id}`, by: transition.by ?? '', message: alert.message };
}

/** A record back from its stored JSON. */
export function parseAlertRecord(json: string): AlertRecord {
  return JSON.parse(json) as AlertRecord;
}

/** Records in time order; at the same instant, in lifecycle order. */
export function byTimeThenLifecycle(a: AlertRecord, b: AlertRecord): number {
  const order = { firing: 0, acknowledged: 1, resolved: 2, muted: 3 } as Record<string, number>;
  const [ka, kb] = [alertRecordKey(a), alertRecordKey(b)];
  return ka.at - kb.at || (order[ka.state] ?? 0) - (order[kb.state] ?? 0);
}
