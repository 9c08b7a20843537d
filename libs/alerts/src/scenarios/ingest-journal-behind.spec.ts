import { PLATFORM_ALERT_RULES, type ServiceHealth, type ServiceProblem } from '@zeropark/contracts';
import { describe, expect, it } from 'vitest';
import { ParkAlerts } from '../park-alerts.js';
import { figuresWith, MINUTE, T0, TOPOLOGY } from '../park-alerts.fixture.js';

const SECOND = 1000;
const NOW = figuresWith(null);
const healthOf = (at: number, problems: ServiceProblem[]): ServiceHealth => ({ v: 1, service: 'ingest', instance: 'ingest-1', at, everyMs: 5 * SECOND, problems });

// the store refuses from 10:00; the ingest reports the refusal after its 30 s grace (10:00:30) and the
// journal behind once its oldest reading has waited its 60 s bound (10:01:00); the store is back at 10:10
// and the backlog older than 60 s is written by 10:10:40
function problemsAt(at: number): ServiceProblem[] {
  const problems: ServiceProblem[] = [];
  if (at >= T0 + 30 * SECOND && at < T0 + 10 * MINUTE) problems.push({ kind: 'store-refusing', since: T0, reason: 'the store has refused every write for 30 s: connect ECONNREFUSED 127.0.0.1:8086' });
  if (at >= T0 + MINUTE && at < T0 + 10 * MINUTE + 40 * SECOND) problems.push({ kind: 'journal-behind', since: T0, reason: 'a reading has waited for the store 60 s (bound 60 s)' });
  return problems;
}

describe('an ingest whose store is away for ten minutes', () => {
  it('should fire each of its problems once in every park, let an operator acknowledge, and resolve each when it is gone', () => {
    const alerts = new ParkAlerts(TOPOLOGY, PLATFORM_ALERT_RULES, T0);
    const changes = [];
    // a health message every 5 s, and at once on a change (at 30 s, 60 s, 600 s, 640 s: all on the 5 s grid here)
    for (let at = T0; at <= T0 + 12 * MINUTE; at += SECOND) {
      if ((at - T0) % (5 * SECOND) === 0) alerts.serviceHealth(healthOf(at, problemsAt(at)), at);
      if (at === T0 + 2 * MINUTE) {
        const behind = alerts.openAlerts().find((alert) => alert.rule === 'ingest-journal-behind');
        expect(alerts.acknowledge(behind?.id ?? '', 'operator-ann', at)).toMatchObject({ ok: true });
      }
      changes.push(...alerts.evaluate(NOW, at).map(({ alert, transition }) => [alert.rule, `${alert.subject.kind} ${alert.subject.id}`, transition.to, (transition.at - T0) / SECOND]));
    }
    expect(changes).toEqual([
      ['ingest-store-refusing', 'service ingest/ingest-1', 'firing', 30],
      ['ingest-journal-behind', 'service ingest/ingest-1', 'firing', 60],
      ['ingest-store-refusing', 'service ingest/ingest-1', 'resolved', 600],
      ['ingest-journal-behind', 'service ingest/ingest-1', 'resolved', 640],
    ]);
  });

  it('should say in the alert what the ingest said, and since when', () => {
    const alerts = new ParkAlerts(TOPOLOGY, PLATFORM_ALERT_RULES, T0);
    alerts.serviceHealth(healthOf(T0 + MINUTE, problemsAt(T0 + MINUTE)), T0 + MINUTE);
    const fired = alerts.evaluate(NOW, T0 + MINUTE).find(({ alert }) => alert.rule === 'ingest-journal-behind')?.alert;
    expect(fired).toMatchObject({
      kind: 'service-health',
      severity: 'major',
      subject: { kind: 'service', id: 'ingest/ingest-1' },
      message: 'ingest/ingest-1: a reading has waited for the store 60 s (bound 60 s) (since 2026-11-28T10:00:00.000Z)',
      value: null,
    });
    // its id is one URL path segment, for POST …/alerts/{id}/acknowledge
    expect(fired?.id).toBe(`ingest-journal-behind~service-ingest.ingest-1~${(T0 + MINUTE).toString(36)}`);
  });

  it('should raise nothing while the rule is muted, and fire when the mute ends if the problem holds', () => {
    const alerts = new ParkAlerts(TOPOLOGY, PLATFORM_ALERT_RULES, T0);
    alerts.mute('ingest-journal-behind', T0 + 5 * MINUTE, 'operator-ann', 'InfluxDB upgrade', T0);
    const fired = [];
    for (let at = T0; at <= T0 + 6 * MINUTE; at += 5 * SECOND) {
      alerts.serviceHealth(healthOf(at, problemsAt(at)), at);
      fired.push(...alerts.evaluate(NOW, at).filter(({ alert }) => alert.rule === 'ingest-journal-behind').map(({ transition }) => (transition.at - T0) / SECOND));
    }
    expect(fired).toEqual([300]);
  });
});
