import type { Alert, AlertRecord } from '@zeropark/contracts';
import { describe, expect, it } from 'vitest';
import { listAlerts } from './alert-list.js';
import { MINUTE, T0 } from './park-alerts.fixture.js';

function alert(id: string, severity: Alert['severity'], steps: [Alert['state'], number][]): Alert {
  const transitions = steps.map(([to, at], index) => ({ from: index === 0 ? null : (steps[index - 1]?.[0] ?? null), to, at, by: null }));
  return {
    id, park: 'p1', rule: 'r', kind: 'threshold', title: 'Rule', severity, subject: { kind: 'park', id: 'p1' }, message: '', value: null,
    state: steps.at(-1)?.[0] ?? 'firing', firedAt: steps[0]?.[1] ?? 0, transitions,
  };
}

/** The records of each step of an alert, as the service writes them. */
function recordsOf(full: Alert): AlertRecord[] {
  return full.transitions.map((transition, index) => ({
    kind: 'transition',
    alert: { ...full, state: transition.to, transitions: full.transitions.slice(0, index + 1) },
    transition,
  }));
}

describe(listAlerts.name, () => {
  const resolvedEarly = alert('a1', 'minor', [['firing', T0], ['resolved', T0 + 5 * MINUTE]]);
  const acknowledged = alert('a2', 'major', [['firing', T0 + 10 * MINUTE], ['acknowledged', T0 + 12 * MINUTE]]);
  const firingLongAgo = alert('a3', 'critical', [['firing', T0 - 600 * MINUTE]]);
  const records = [...recordsOf(resolvedEarly), ...recordsOf(acknowledged)];

  it('should show each alert as it stands now, newest first, with the open ones that fired before the range', () => {
    expect(listAlerts(records, [acknowledged, firingLongAgo], { from: T0, to: T0 + 60 * MINUTE }).map((one) => `${one.id}:${one.state}`)).toEqual([
      'a2:acknowledged',
      'a1:resolved',
      'a3:firing',
    ]);
  });

  it('should leave out an alert resolved before the range begins and one fired after it ends', () => {
    expect(listAlerts(records, [acknowledged], { from: T0 + 6 * MINUTE, to: T0 + 10 * MINUTE }).map((one) => one.id)).toEqual([]);
  });

  it('should filter by state and severity', () => {
    const range = { from: T0, to: T0 + 60 * MINUTE };
    expect(listAlerts(records, [acknowledged, firingLongAgo], { ...range, states: ['firing', 'acknowledged'] }).map((one) => one.id)).toEqual(['a2', 'a3']);
    expect(listAlerts(records, [acknowledged, firingLongAgo], { ...range, severities: ['minor'] }).map((one) => one.id)).toEqual(['a1']);
  });
});
