import { describe, expect, it } from 'vitest';
import { ParkAlerts } from '../park-alerts.js';
import { B01_OVERLOAD, figuresWith, MINUTE, T0, TOPOLOGY } from '../park-alerts.fixture.js';

const RULE = B01_OVERLOAD; // above 800 kW for 5 minutes, clears below 750 kW

describe('a muted rule', () => {
  it('should raise nothing during the window, and fire when it ends if the condition still holds', () => {
    const alerts = new ParkAlerts(TOPOLOGY, [RULE], T0);
    // muted 10:00–10:30 for maintenance; B01 above 800 kW from 10:00
    expect(alerts.mute('b01-overload', T0 + 30 * MINUTE, 'op-li', 'feeder maintenance', T0)).toMatchObject({ until: T0 + 30 * MINUTE, by: 'op-li' });
    for (let minute = 0; minute < 30; minute += 1) expect(alerts.evaluate(figuresWith(900), T0 + minute * MINUTE)).toEqual([]);
    expect(alerts.isMuted('b01-overload', T0 + 29 * MINUTE)).toBe(true);
    // 10:30 the mute ends; above since 10:00, so it fires at once
    expect(alerts.evaluate(figuresWith(900), T0 + 30 * MINUTE)).toHaveLength(1);
  });

  it('should lift a mute by one that ends now', () => {
    const alerts = new ParkAlerts(TOPOLOGY, [RULE], T0);
    alerts.mute('b01-overload', T0 + 60 * MINUTE, 'op-li', 'maintenance', T0);
    alerts.mute('b01-overload', T0 + MINUTE, 'op-li', 'done early', T0 + MINUTE);
    expect(alerts.activeMutes(T0 + MINUTE)).toEqual([]);
  });

  it('should refuse to mute a rule the park does not have', () => {
    expect(new ParkAlerts(TOPOLOGY, [RULE], T0).mute('no-such-rule', T0 + MINUTE, 'op-li', '', T0)).toBeUndefined();
  });
});
