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
const SECOND = 1000;

/** Every second from `from` to `to` (minutes after 10:00): gw-sub sends each minute, gw-b01 as `b01` says. */
function run(alerts: ParkAlerts, from: number, to: number, b01: (at: number) => void) {
  const changes = [];
  for (let at = T0 + from * MINUTE; at <= T0 + to * MINUTE; at += SECOND) {
    if ((at - T0) % MINUTE === 0) alerts.heard('gw-sub', ['GRID'], at);
    b01(at);
    changes.push(...alerts.evaluate(NOW, at));
  }
  return changes.map((change) => [change.alert.rule, change.alert.subject.id, change.transition.to, (change.transition.at - T0) / SECOND]);
}

const everyMinute = (alerts: ParkAlerts) => (at: number) => {
  if ((at - T0) % MINUTE === 0) alerts.heard('gw-b01', ['B01-MAIN', 'B01-AUX'], at);
};

describe('a gateway that comes back after about nine minutes away', () => {
  it('should raise and resolve only its offline alert when its status comes a second before its first batch', () => {
    const alerts = new ParkAlerts(TOPOLOGY, RULES, T0);
    const changes = [
      ...run(alerts, 0, 1, everyMinute(alerts)),
      // 10:01 to 10:10 nothing from gw-b01; at 10:10:00 its status says online, at 10:10:01 its first batch
      ...run(alerts, 1 + 1 / 60, 12, (at) => {
        if (at === T0 + 10 * MINUTE) alerts.gatewayStatus('gw-b01', 'online', at);
        if (at >= T0 + 10 * MINUTE + SECOND && (at - T0 - SECOND) % MINUTE === 0) alerts.heard('gw-b01', ['B01-MAIN', 'B01-AUX'], at);
      }),
    ];
    // offline 5 min after its last batch at 10:01, i.e. at 10:06 (360 s); back at 10:10:00 (600 s)
    expect(changes).toEqual([
      ['gateway-offline', 'gw-b01', 'firing', 360],
      ['gateway-offline', 'gw-b01', 'resolved', 600],
    ]);
  });

  it('should raise no silent meter after its last will either, nor in the first interval after its return', () => {
    const alerts = new ParkAlerts(TOPOLOGY, RULES, T0);
    const changes = [
      ...run(alerts, 0, 1, everyMinute(alerts)),
      ...run(alerts, 1 + 1 / 60, 14, (at) => {
        if (at === T0 + 2 * MINUTE) alerts.gatewayStatus('gw-b01', 'offline', at);
        if (at === T0 + 11 * MINUTE) alerts.gatewayStatus('gw-b01', 'online', at);
        // back, but B01-AUX stays quiet: silent 3 min after the return, not at once
        if (at >= T0 + 11 * MINUTE + 2 * SECOND && (at - T0 - 2 * SECOND) % MINUTE === 0) alerts.heard('gw-b01', ['B01-MAIN'], at);
      }),
    ];
    expect(changes).toEqual([
      ['gateway-offline', 'gw-b01', 'firing', 120],
      ['gateway-offline', 'gw-b01', 'resolved', 660],
      // 11:00 + 3 min = 14:00 (840 s)
      ['meter-silent', 'B01-AUX', 'firing', 840],
    ]);
  });
});
