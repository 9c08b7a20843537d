import { PLATFORM_ALERT_RULES, type ServiceHealth, type ServiceProblem } from '@zeropark/contracts';
import { describe, expect, it } from 'vitest';
import { ParkAlerts } from '../park-alerts.js';
import { figuresWith, MINUTE, T0, TOPOLOGY } from '../park-alerts.fixture.js';

const SECOND = 1000;
const NOW = figuresWith(null);
const UNSUBSCRIBED: ServiceProblem = { kind: 'broker-unsubscribed', since: T0, reason: 'the broker has not granted the subscription to the gateways for 30 s: connection refused' };
const healthOf = (at: number, problems: ServiceProblem[] = []): ServiceHealth => ({ v: 1, service: 'ingest', instance: 'ingest-2', at, everyMs: 5 * SECOND, problems });

function run(alerts: ParkAlerts, from: number, to: number, heard: (at: number) => void) {
  const changes = [];
  for (let at = T0 + from; at <= T0 + to; at += SECOND) {
    heard(at);
    changes.push(...alerts.evaluate(NOW, at));
  }
  return changes.map(({ alert, transition }) => [alert.rule, transition.to, (transition.at - T0) / SECOND]);
}

describe('an ingest whose health messages stop', () => {
  it('should fire its silence three intervals after its last message, hold its other alerts meanwhile, and resolve when it is heard again', () => {
    const alerts = new ParkAlerts(TOPOLOGY, PLATFORM_ALERT_RULES, T0);
    const every5s = (problems: ServiceProblem[]) => (at: number) => {
      if ((at - T0) % (5 * SECOND) === 0) alerts.serviceHealth(healthOf(at, problems), at);
    };
    const changes = [
      // 10:00:00–10:00:30 unsubscribed; its last message at 10:00:30
      ...run(alerts, 0, 30 * SECOND, every5s([UNSUBSCRIBED])),
      // nothing until 10:02:00: silent 3 × 5 s = 15 s after 10:00:30, i.e. at 45 s; the subscription alert stays open
      ...run(alerts, 31 * SECOND, 2 * MINUTE - SECOND, () => undefined),
      // back at 10:02:00, subscribed: both resolve
      ...run(alerts, 2 * MINUTE, 3 * MINUTE, every5s([])),
    ];
    expect(changes).toEqual([
      ['ingest-not-subscribed', 'firing', 0],
      ['ingest-silent', 'firing', 45],
      ['ingest-not-subscribed', 'resolved', 120],
      ['ingest-silent', 'resolved', 120],
    ]);
  });

  it('should count a retained message as heard when it was made, so an ingest stopped long ago is silent at the first evaluation', () => {
    const alerts = new ParkAlerts(TOPOLOGY, PLATFORM_ALERT_RULES, T0);
    // the carbon service subscribes at 10:05 and gets the retained message the ingest made at 10:00: heard at 10:00
    alerts.serviceHealth(healthOf(T0), T0);
    expect(alerts.evaluate(NOW, T0 + 5 * MINUTE).map(({ alert }) => [alert.rule, alert.subject.id, alert.message])).toEqual([
      ['ingest-silent', 'ingest/ingest-2', 'ingest/ingest-2 has sent no health message for 5 min (it sends one every 5 s): it, or the bus to it, is down, and readings may not be reaching the store'],
    ]);
  });

  it('should not let an older message replace a newer one', () => {
    const alerts = new ParkAlerts(TOPOLOGY, PLATFORM_ALERT_RULES, T0);
    alerts.serviceHealth(healthOf(T0 + MINUTE), T0 + MINUTE);
    alerts.serviceHealth(healthOf(T0, [UNSUBSCRIBED]), T0);
    expect(alerts.evaluate(NOW, T0 + MINUTE)).toEqual([]);
  });
});
