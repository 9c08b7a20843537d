import type { AlertRule } from '@zeropark/contracts';
import { describe, expect, it } from 'vitest';
import { ParkAlerts } from '../park-alerts.js';
import { B01_OVERLOAD, figuresWith, MINUTE, T0, TOPOLOGY } from '../park-alerts.fixture.js';

const RULE = B01_OVERLOAD; // above 800 kW for 5 minutes, clears below 750 kW

function firingAt10h05(): ParkAlerts {
  const alerts = new ParkAlerts(TOPOLOGY, [RULE], T0);
  alerts.evaluate(figuresWith(820), T0);
  expect(alerts.evaluate(figuresWith(820), T0 + 5 * MINUTE)).toHaveLength(1);
  return alerts;
}

describe('threshold with hysteresis', () => {
  it('should not flap while the figure wanders between the clear level and the threshold', () => {
    const alerts = firingAt10h05();
    // 799, 801, 760, 805, 750 kW: all ≥ 750 kW, so the alert stays firing and nothing new fires
    [799, 801, 760, 805, 750].forEach((kw, minute) => expect(alerts.evaluate(figuresWith(kw), T0 + (6 + minute) * MINUTE)).toEqual([]));
    expect(alerts.openAlerts().map((alert) => alert.state)).toEqual(['firing']);
  });

  it('should resolve by itself once the figure is below the clear level', () => {
    const alerts = firingAt10h05();
    const [resolved] = alerts.evaluate(figuresWith(749.9), T0 + 12 * MINUTE);
    expect(resolved?.transition).toEqual({ from: 'firing', to: 'resolved', at: T0 + 12 * MINUTE, by: null });
    expect(resolved?.alert.transitions.map((step) => step.to)).toEqual(['firing', 'resolved']);
    expect(alerts.openAlerts()).toEqual([]);
  });

  it('should raise a new alert, with a new id, for a new breach after it resolved', () => {
    const alerts = firingAt10h05();
    const [first] = alerts.openAlerts();
    alerts.evaluate(figuresWith(700), T0 + 10 * MINUTE);
    alerts.evaluate(figuresWith(900), T0 + 20 * MINUTE);
    const [second] = alerts.evaluate(figuresWith(900), T0 + 25 * MINUTE);
    expect(second?.alert.id).not.toBe(first?.id);
  });

  it('should mirror the rule for a figure that must stay above a level', () => {
    // "PV below 50 kW for 10 minutes at noon": fires below 50, clears above 80
    const low: AlertRule = { ...RULE, id: 'b01-low', condition: { ...RULE.condition, direction: 'below', level: 50, clearAt: 80, forMs: 10 * MINUTE } as AlertRule['condition'] };
    const alerts = new ParkAlerts(TOPOLOGY, [low], T0);
    alerts.evaluate(figuresWith(40), T0);
    expect(alerts.evaluate(figuresWith(45), T0 + 10 * MINUTE)).toHaveLength(1);
    expect(alerts.evaluate(figuresWith(70), T0 + 11 * MINUTE)).toEqual([]);
    expect(alerts.evaluate(figuresWith(81), T0 + 12 * MINUTE)[0]?.transition.to).toBe('resolved');
  });
});
