import type { Alert, AlertRule } from '@zeropark/contracts';
import { Translator } from '@zeropark/i18n';
import { describe, expect, it } from 'vitest';
import { describeAcknowledgement, describeRule, describeSince, describeSubject, describeTransitions, describeValue } from './alert-words.js';

const en = new Translator('en');
const zh = new Translator('zh-CN');
// 2026-12-07 13:06 UTC, 21:06 in Shanghai
const FIRED = Date.parse('2026-12-07T13:06:00Z');
const OVERLOAD: AlertRule = { id: 'b01-overload', title: 'Assembly hall overload', severity: 'critical', condition: { kind: 'threshold', figure: 'building.powerKw', building: 'B01', direction: 'above', level: 1000, clearAt: 900, forMs: 60_000 } } as AlertRule;
const ALERT: Alert = {
  id: 'a1', park: 'demo-park', rule: 'b01-overload', kind: 'threshold', title: 'Assembly hall overload', severity: 'critical', subject: { kind: 'building', id: 'B01' },
  message: 'building.powerKw of building B01 is 1250.0 kW, above 1000.0 kW for 60 s; clears below 900.0 kW', value: 1250, state: 'acknowledged', firedAt: FIRED,
  transitions: [{ from: null, to: 'firing', at: FIRED, by: null }, { from: 'firing', to: 'acknowledged', at: FIRED + 125_000, by: 'ops-li' }],
};

describe('alert words', () => {
  it('should word a rule, with figure names and units, not code identifiers', () => {
    expect(describeRule(OVERLOAD, en)).toBe('building power (kW) above 1,000.0 kW for 1 min (clears below 900.0 kW)');
    expect(describeRule(OVERLOAD, zh)).toBe('建筑功率（kW）高于 1,000.0 kW 持续 1 分钟（低于 900.0 kW 时恢复）');
    expect(describeRule({ ...OVERLOAD, condition: { kind: 'meter-silent', everyMs: 10_000, intervals: 3 } } as AlertRule, en)).toBe('a meter misses 3 readings in a row (expected every 10 s)');
  });

  it('should show values with units, a share as a percentage', () => {
    expect(describeValue(1250, 'building.powerKw', en)).toBe('1,250.0 kW');
    expect(describeValue(0.912, 'park.budgetUsedShare', en)).toBe('91.2 %');
    expect(describeValue(null, 'park.gridKw', en)).toBe('–');
  });

  it("should give when it fired in the park's zone, how long it lasted, and who acknowledged it when", () => {
    expect(describeSince(ALERT, FIRED + 3 * 3_600_000 + 5 * 60_000, 'Asia/Shanghai', en)).toBe('2026-12-07 21:06 (3 h 5 min)');
    expect(describeSince(ALERT, FIRED + 90_000, 'UTC', zh)).toBe('2026-12-07 13:06（持续 1 分钟）');
    expect(describeAcknowledgement(ALERT, 'Asia/Shanghai', en)).toBe('ops-li at 2026-12-07 21:08');
    expect(describeAcknowledgement({ ...ALERT, transitions: ALERT.transitions.slice(0, 1) }, 'Asia/Shanghai', en)).toBeUndefined();
    expect(describeTransitions(ALERT, 'Asia/Shanghai', en)).toBe('firing 2026-12-07 21:06:00 → acknowledged 2026-12-07 21:08:05 by ops-li');
  });

  it("should end a resolved alert's duration when it resolved", () => {
    const resolved: Alert = { ...ALERT, state: 'resolved', transitions: [...ALERT.transitions, { from: 'acknowledged', to: 'resolved', at: FIRED + 600_000, by: null }] };
    expect(describeSince(resolved, FIRED + 86_400_000, 'Asia/Shanghai', en)).toBe('2026-12-07 21:06 (10 min)');
  });

  it('should say what an alert is about, a platform alert concerning every meter', () => {
    expect(describeSubject({ kind: 'building', id: 'B01' }, en)).toBe('building B01');
    expect(describeSubject({ kind: 'service', id: 'ingest/ingest-1' }, en)).toBe('platform: ingest/ingest-1 (all meters)');
    expect(describeSubject({ kind: 'gateway', id: 'gw-b02' }, zh)).toBe('网关 gw-b02');
  });
});
