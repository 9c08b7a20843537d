import { describe, expect, it } from 'vitest';
import { ParkAlerts } from '../park-alerts.js';
import { B01_OVERLOAD, figuresWith, MINUTE, T0, TOPOLOGY } from '../park-alerts.fixture.js';

const RULE = B01_OVERLOAD; // above 800 kW for 5 minutes, clears below 750 kW

describe('threshold with a duration', () => {
  it('should fire only once the figure has stayed above the level for the whole duration', () => {
    const alerts = new ParkAlerts(TOPOLOGY, [RULE], T0);
    // 10:00 the breach starts; 10:04:59 it has lasted 4 min 59 s < 5 min: nothing yet
    expect(alerts.evaluate(figuresWith(812), T0)).toEqual([]);
    expect(alerts.evaluate(figuresWith(830), T0 + 5 * MINUTE - 1000)).toEqual([]);
    // 10:05:00: 5 min above 800 kW → fires, once
    const [fired, ...rest] = alerts.evaluate(figuresWith(825), T0 + 5 * MINUTE);
    expect(rest).toEqual([]);
    expect(fired?.alert).toMatchObject({ rule: 'b01-overload', severity: 'major', state: 'firing', firedAt: T0 + 5 * MINUTE, value: 825, subject: { kind: 'building', id: 'B01' } });
    expect(fired?.alert.message).toBe('building.powerKw of building B01 is 825.0 kW, above 800.0 kW for 5 min; clears below 750.0 kW');
    expect(fired?.transition).toEqual({ from: null, to: 'firing', at: T0 + 5 * MINUTE, by: null });
    // still above a minute later: the open alert is not raised again
    expect(alerts.evaluate(figuresWith(840), T0 + 6 * MINUTE)).toEqual([]);
    expect(alerts.openAlerts()).toHaveLength(1);
  });

  it('should start the duration again when one sample drops back to the level', () => {
    const alerts = new ParkAlerts(TOPOLOGY, [RULE], T0);
    alerts.evaluate(figuresWith(812), T0);
    // 10:04 back at exactly 800 kW (not above): the breach is over
    expect(alerts.evaluate(figuresWith(800), T0 + 4 * MINUTE)).toEqual([]);
    // 10:04:30 above again: a new 5 minutes from here, so 10:09:29 is too early and 10:09:30 fires
    alerts.evaluate(figuresWith(805), T0 + 4.5 * MINUTE);
    expect(alerts.evaluate(figuresWith(806), T0 + 9.5 * MINUTE - 1000)).toEqual([]);
    expect(alerts.evaluate(figuresWith(806), T0 + 9.5 * MINUTE)).toHaveLength(1);
  });

  it('should not decide on a figure nobody knows yet', () => {
    const alerts = new ParkAlerts(TOPOLOGY, [RULE], T0);
    alerts.evaluate(figuresWith(900), T0);
    // no value at 10:05: neither fires nor forgets the breach; at 10:06 with 900 kW it fires
    expect(alerts.evaluate(figuresWith(null), T0 + 5 * MINUTE)).toEqual([]);
    expect(alerts.evaluate(figuresWith(900), T0 + 6 * MINUTE)).toHaveLength(1);
  });
});
