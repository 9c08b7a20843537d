import type { AlertRule } from '@zeropark/contracts';
import { describe, expect, it } from 'vitest';
import { ParkAlerts } from '../park-alerts.js';
import { B01_OVERLOAD, figuresWith, MINUTE, T0, TOPOLOGY } from '../park-alerts.fixture.js';

const RULE = B01_OVERLOAD; // above 800 kW for 5 minutes, clears below 750 kW

function firing(): ParkAlerts {
  const alerts = new ParkAlerts(TOPOLOGY, [RULE], T0);
  alerts.evaluate(figuresWith(900), T0);
  alerts.evaluate(figuresWith(900), T0 + 5 * MINUTE);
  return alerts;
}

describe('acknowledging and restoring alerts', () => {
  it('should acknowledge an open alert once, naming who and when, and resolve it later', () => {
    const alerts = firing();
    const [open] = alerts.openAlerts();
    const outcome = alerts.acknowledge(open?.id ?? '', 'op-li', T0 + 7 * MINUTE);
    expect(outcome).toMatchObject({ ok: true, change: { transition: { from: 'firing', to: 'acknowledged', by: 'op-li', at: T0 + 7 * MINUTE } } });
    expect(alerts.acknowledge(open?.id ?? '', 'op-wang', T0 + 8 * MINUTE)).toEqual({ ok: false, refused: 'already-acknowledged', reason: `alert "${open?.id}" is already acknowledged` });
    const [resolved] = alerts.evaluate(figuresWith(700), T0 + 9 * MINUTE);
    expect(resolved?.alert.transitions.map((step) => `${step.from ?? '∅'}→${step.to}`)).toEqual(['∅→firing', 'firing→acknowledged', 'acknowledged→resolved']);
    expect(alerts.acknowledge(open?.id ?? '', 'op-li', T0 + 10 * MINUTE)).toMatchObject({ ok: false });
  });

  it('should not raise an alert again that was open before a restart', () => {
    const before = firing();
    const after = new ParkAlerts(TOPOLOGY, [RULE], T0 + 20 * MINUTE);
    after.restore(before.openAlerts(), []);
    // still above 800 kW for far longer than 5 min after the restart: the restored alert stands, no second one
    for (let minute = 20; minute <= 40; minute += 1) expect(after.evaluate(figuresWith(900), T0 + minute * MINUTE)).toEqual([]);
    expect(after.openAlerts().map((alert) => alert.id)).toEqual(before.openAlerts().map((alert) => alert.id));
    expect(after.evaluate(figuresWith(600), T0 + 41 * MINUTE)[0]?.transition.to).toBe('resolved');
  });

  it('should keep a restored silence alert open until the meter is really heard', () => {
    const silent: AlertRule = { id: 'meter-silent', title: 'Meter silent', severity: 'minor', condition: { kind: 'meter-silent', everyMs: MINUTE, intervals: 3, meters: ['B01-AUX'] } };
    const before = new ParkAlerts(TOPOLOGY, [silent], T0);
    for (let minute = 0; minute <= 3; minute += 1) {
      before.heard('gw-b01', ['B01-MAIN'], T0 + minute * MINUTE);
      before.evaluate(figuresWith(null), T0 + minute * MINUTE);
    }
    expect(before.openAlerts()).toHaveLength(1);
    const after = new ParkAlerts(TOPOLOGY, [silent], T0 + 10 * MINUTE);
    after.restore(before.openAlerts(), []);
    after.heard('gw-b01', ['B01-MAIN'], T0 + 10 * MINUTE);
    expect(after.evaluate(figuresWith(null), T0 + 10 * MINUTE)).toEqual([]);
    after.heard('gw-b01', ['B01-MAIN', 'B01-AUX'], T0 + 11 * MINUTE);
    expect(after.evaluate(figuresWith(null), T0 + 11 * MINUTE)[0]?.transition.to).toBe('resolved');
  });
});
