import type { AlertRule } from '@zeropark/contracts';
import { describe, expect, it } from 'vitest';
import { ParkAlerts } from '../park-alerts.js';
import { figuresWith, MINUTE, T0, TOPOLOGY } from '../park-alerts.fixture.js';

const RULE: AlertRule = { id: 'implausible', title: 'Implausible meter data', severity: 'minor', condition: { kind: 'implausible-data', clearAfterMs: 15 * MINUTE } };

describe('implausible data', () => {
  it('should fire for the meter whose counter jump was refused, and clear after 15 quiet minutes', () => {
    const alerts = new ParkAlerts(TOPOLOGY, [RULE], T0);
    alerts.implausible('B01-MAIN', T0);
    const [fired] = alerts.evaluate(figuresWith(null), T0);
    expect(fired?.alert).toMatchObject({ subject: { kind: 'meter', id: 'B01-MAIN' }, state: 'firing' });
    // another refused jump at 10:10 keeps it open (no second alert) until 10:25
    alerts.implausible('B01-MAIN', T0 + 10 * MINUTE);
    expect(alerts.evaluate(figuresWith(null), T0 + 10 * MINUTE)).toEqual([]);
    expect(alerts.evaluate(figuresWith(null), T0 + 25 * MINUTE - 1)).toEqual([]);
    expect(alerts.evaluate(figuresWith(null), T0 + 25 * MINUTE)[0]?.transition.to).toBe('resolved');
  });
});
