import { serviceHealthSchema } from '@zeropark/contracts';
import { describe, expect, it } from 'vitest';
import { IngestHealth } from './ingest-health.js';

const T0 = Date.UTC(2026, 10, 28, 10, 0);
const SECOND = 1000;
const SETTINGS = { instance: 'ingest-1', everyMs: 5000, problemAfterMs: 30 * SECOND, journalBehindAfterMs: 60 * SECOND, journalMaxReadings: 5_000_000 };
const EMPTY = { readings: 0, oldestWaitedMs: 0, full: false };

describe(IngestHealth.name, () => {
  it('should list a store refusal only once it has lasted its bound, since its first failure, and drop it at the first confirmed write', () => {
    const health = new IngestHealth(SETTINGS);
    health.storeRefused('connect ECONNREFUSED 127.0.0.1:8086', T0);
    health.storeRefused('connect ECONNREFUSED 127.0.0.1:8086', T0 + 29 * SECOND);
    expect(health.report(EMPTY, T0 + 29 * SECOND).problems).toEqual([]);
    expect(health.report(EMPTY, T0 + 30 * SECOND).problems).toEqual([
      { kind: 'store-refusing', since: T0, reason: 'the store has refused every write for 30 s: connect ECONNREFUSED 127.0.0.1:8086' },
    ]);
    health.storeConfirmed();
    expect(health.report(EMPTY, T0 + 31 * SECOND).problems).toEqual([]);
  });

  it('should list the journal behind when its oldest reading has waited the bound, since that reading\'s commit, and say when acknowledgements stop', () => {
    const health = new IngestHealth(SETTINGS);
    expect(health.report({ readings: 120_000, oldestWaitedMs: 59_999, full: false }, T0).problems).toEqual([]);
    expect(health.report({ readings: 120_000, oldestWaitedMs: 60_000, full: false }, T0).problems).toEqual([
      { kind: 'journal-behind', since: T0 - 60_000, reason: '120000 readings wait in the journal for the store, the oldest for 60 s (bound 60 s); at 5000000 readings the ingest stops acknowledging' },
    ]);
    expect(health.report({ readings: 5_000_000, oldestWaitedMs: 600_000, full: true }, T0).problems[0]?.reason).toBe(
      '5000000 readings wait in the journal for the store, the oldest for 600 s (bound 60 s); the journal is full (5000000 readings): the ingest acknowledges nothing until the store takes some, and gateways keep their readings',
    );
  });

  it('should list a subscription the broker has not granted for its bound, with the last reason, and drop it when granted', () => {
    const health = new IngestHealth(SETTINGS);
    health.subscription(false, 'not connected yet', T0);
    health.subscription(false, 'no connection to mqtt://broker:1883 (connect ECONNREFUSED)', T0 + 10 * SECOND);
    expect(health.report(EMPTY, T0 + 30 * SECOND).problems).toEqual([
      { kind: 'broker-unsubscribed', since: T0, reason: 'the external broker has not granted the subscription to the gateways\' readings for 30 s: no connection to mqtt://broker:1883 (connect ECONNREFUSED)' },
    ]);
    health.subscription(true, 'granted', T0 + 31 * SECOND);
    expect(health.report(EMPTY, T0 + 31 * SECOND).problems).toEqual([]);
  });

  it('should make a message the schema of libs/contracts takes, however long the store\'s error', () => {
    const health = new IngestHealth(SETTINGS);
    health.storeRefused('x'.repeat(2000), T0);
    const report = health.report({ readings: 10, oldestWaitedMs: 90_000, full: false }, T0 + 60 * SECOND);
    expect(serviceHealthSchema.parse(report)).toEqual(report);
    expect(report).toMatchObject({ v: 1, service: 'ingest', instance: 'ingest-1', at: T0 + 60 * SECOND, everyMs: 5000 });
    expect(report.problems.map((problem) => problem.kind)).toEqual(['store-refusing', 'journal-behind']);
  });
});
