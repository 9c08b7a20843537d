import type { AlertRule } from '@zeropark/contracts';
import { describe, expect, it } from 'vitest';
import { ParkAlerts } from '../park-alerts.js';
import { figuresWith, MINUTE, T0, TOPOLOGY } from '../park-alerts.fixture.js';

// meters report every minute: silent after 3 missed intervals (3 min); a gateway is offline after 5 min without a batch
const RULES: AlertRule[] = [
  { id: 'meter-silent', title: 'Meter silent', severity: 'minor', condition: { kind: 'meter-silent', everyMs: MINUTE, intervals: 3 } },
  { id: 'gateway-offline', title: 'Gateway offline', severity: 'major', condition: { kind: 'gateway-offline', silentForMs: 5 * MINUTE } },
];
const NOW = figuresWith(null);

/** Both gateways send every minute from 10:00 to `until`; gw-b01's batches carry only `b01Meters`. */
function everyMinute(alerts: ParkAlerts, minutes: number, b01Meters: string[]) {
  const changes = [];
  for (let minute = 0; minute <= minutes; minute += 1) {
    const at = T0 + minute * MINUTE;
    alerts.heard('gw-sub', ['GRID'], at);
    alerts.heard('gw-b01', b01Meters, at);
    changes.push(...alerts.evaluate(NOW, at));
  }
  return changes;
}

describe('a silent meter and an offline gateway', () => {
  it('should raise one alert for a meter its gateway no longer reports, after N intervals', () => {
    const alerts = new ParkAlerts(TOPOLOGY, RULES, T0);
    // B01-AUX is never in gw-b01's batches: silent since watching began at 10:00, fires at 10:03
    const changes = everyMinute(alerts, 10, ['B01-MAIN']);
    expect(changes.map((change) => [change.alert.subject.id, change.transition.to, change.transition.at])).toEqual([['B01-AUX', 'firing', T0 + 3 * MINUTE]]);
    expect(changes[0]?.alert.message).toBe('meter B01-AUX not heard for 3 min (expected every 60 s) while its gateway gw-b01 is');
  });

  it('should resolve the silent meter once it is heard again', () => {
    const alerts = new ParkAlerts(TOPOLOGY, RULES, T0);
    everyMinute(alerts, 4, ['B01-MAIN']);
    alerts.heard('gw-b01', ['B01-MAIN', 'B01-AUX'], T0 + 5 * MINUTE);
    expect(alerts.evaluate(NOW, T0 + 5 * MINUTE).map((change) => change.transition.to)).toEqual(['resolved']);
  });

  it('should report a gateway gone silent as one alert for the gateway, not one per meter', () => {
    const alerts = new ParkAlerts(TOPOLOGY, RULES, T0);
    everyMinute(alerts, 2, ['B01-MAIN', 'B01-AUX']);
    // from 10:02 gw-b01 sends nothing; gw-sub goes on. 10:07 = 5 min without a batch → gateway offline
    const changes = [];
    for (let minute = 3; minute <= 15; minute += 1) {
      alerts.heard('gw-sub', ['GRID'], T0 + minute * MINUTE);
      changes.push(...alerts.evaluate(NOW, T0 + minute * MINUTE));
    }
    expect(changes.map((change) => [change.alert.rule, change.alert.subject.id, change.transition.at])).toEqual([['gateway-offline', 'gw-b01', T0 + 7 * MINUTE]]);
    expect(changes[0]?.alert.message).toBe('gateway gw-b01 is offline: no batch for 5 min; its meters B01-MAIN, B01-AUX are not heard');
  });

  it('should take the last will as offline at once, and resolve when the gateway is back', () => {
    const alerts = new ParkAlerts(TOPOLOGY, RULES, T0);
    everyMinute(alerts, 1, ['B01-MAIN', 'B01-AUX']);
    alerts.gatewayStatus('gw-b01', 'offline', T0 + 90_000);
    const [offline] = alerts.evaluate(NOW, T0 + 90_000);
    expect(offline?.alert.message).toBe('gateway gw-b01 is offline: its last will says offline; its meters B01-MAIN, B01-AUX are not heard');
    // reconnected: status online, then batches; resolved once, and no silent meters meanwhile
    alerts.gatewayStatus('gw-b01', 'online', T0 + 4 * MINUTE);
    alerts.heard('gw-b01', ['B01-MAIN', 'B01-AUX'], T0 + 4 * MINUTE);
    expect(alerts.evaluate(NOW, T0 + 4 * MINUTE).map((change) => [change.alert.subject.id, change.transition.to])).toEqual([['gw-b01', 'resolved']]);
  });

  it('should count silence from the start of watching for a gateway never heard', () => {
    const alerts = new ParkAlerts(TOPOLOGY, RULES, T0);
    expect(alerts.evaluate(NOW, T0 + 5 * MINUTE - 1).filter((change) => change.alert.rule === 'gateway-offline')).toEqual([]);
    expect(alerts.evaluate(NOW, T0 + 5 * MINUTE).map((change) => change.alert.subject.id)).toEqual(['gw-sub', 'gw-b01']);
  });

  it('should watch only the gateways the rule names', () => {
    const onlySub: AlertRule = { id: 'gateway-offline', title: 'Gateway offline', severity: 'major', condition: { kind: 'gateway-offline', silentForMs: 5 * MINUTE, gateways: ['gw-sub'] } };
    const alerts = new ParkAlerts(TOPOLOGY, [onlySub], T0);
    expect(alerts.evaluate(NOW, T0 + 5 * MINUTE).map((change) => change.alert.subject.id)).toEqual(['gw-sub']);
  });
});
