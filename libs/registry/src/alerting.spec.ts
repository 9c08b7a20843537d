import { describe, expect, it } from 'vitest';
import { parseRegistry } from './parse-registry.js';
import { problemsOf, VALID } from './registry-text.fixture.js';

const RULES = `alerts:
  rules:
    - id: b01-overload
      title: Hall above its feeder rating
      severity: major
      kind: threshold
      figure: building.powerKw
      building: B01
      above: 800
      for: 5m
      clearBelow: 750
    - { id: silent, title: Meter silent, severity: minor, kind: meter-silent, every: 30s }
    - { id: offline, title: Gateway offline, severity: major, kind: gateway-offline, silentFor: 2m }
    - { id: implausible, title: Implausible data, severity: info, kind: implausible-data }
  webhooks:
    - { id: ops, url: "https://pager.example.com/hook", secretEnv: ZP_WEBHOOK_OPS_SECRET, rules: [b01-overload] }
`;

describe('the alerts section of the registry', () => {
  it('should read rules with durations in milliseconds and the hysteresis level', () => {
    const { alerting } = parseRegistry(`${VALID}${RULES}`, 'park.yaml');
    expect(alerting.rules.map((rule) => rule.condition)).toEqual([
      { kind: 'threshold', figure: 'building.powerKw', building: 'B01', direction: 'above', level: 800, clearAt: 750, forMs: 300_000 },
      { kind: 'meter-silent', everyMs: 30_000, intervals: 3 },
      { kind: 'gateway-offline', silentForMs: 120_000 },
      { kind: 'implausible-data', clearAfterMs: 900_000 },
    ]);
    expect(alerting.webhooks).toEqual([{ id: 'ops', url: 'https://pager.example.com/hook', secretEnv: 'ZP_WEBHOOK_OPS_SECRET', rules: ['b01-overload'] }]);
  });

  it('should let a webhook name a platform rule, which every park has without writing it', () => {
    const { alerting } = parseRegistry(`${VALID}${RULES.replace('rules: [b01-overload]', 'rules: [b01-overload, ingest-journal-behind]')}`, 'park.yaml');
    expect(alerting.webhooks[0]?.rules).toEqual(['b01-overload', 'ingest-journal-behind']);
    expect(alerting.rules.map((rule) => rule.id)).toEqual(['b01-overload', 'silent', 'offline', 'implausible']);
  });

  it('should have no rules and no webhooks when the section is absent', () => {
    expect(parseRegistry(VALID, 'park.yaml').alerting).toEqual({ rules: [], webhooks: [] });
  });

  it('should clear at the threshold itself when no hysteresis is given', () => {
    const { alerting } = parseRegistry(`${VALID}${RULES.replace('      clearBelow: 750\n', '')}`, 'park.yaml');
    expect(alerting.rules[0]?.condition).toMatchObject({ level: 800, clearAt: 800 });
  });

  it.each([
    ['a duration without a unit', RULES.replace('for: 5m', 'for: 5'), ['park.yaml:29:12: alerts.rules[0].for: is a duration such as "30s", "5m" or "1h"']],
    ['a building that does not exist', RULES.replace('building: B01', 'building: B09'), ['park.yaml:27:17: alerts.rules[0].building: no building "B09" in buildings']],
    ['a building figure without its building', RULES.replace('      building: B01\n', ''), ['park.yaml:26:15: alerts.rules[0].figure: building.powerKw needs the building it watches']],
    ['a hysteresis on the wrong side', RULES.replace('clearBelow: 750', 'clearBelow: 850'), ['park.yaml:30:19: alerts.rules[0].clearBelow: clears below 850, above the threshold 800: it would never stay fired']],
    ['both above and below', RULES.replace('above: 800', 'above: 800\n      below: 100'), ['park.yaml:25:13: alerts.rules[0].kind: a threshold says either "above" or "below" its level, not both or neither']],
    ['an unknown figure', RULES.replace('building.powerKw', 'building.powr'), ['park.yaml:26:15: alerts.rules[0].figure: Invalid option: expected one of "park.consumptionKw"|"park.gridKw"|"park.generationKw"|"park.intensityGPerKwh"|"park.intensityTodayGPerKwh"|"park.emissionsRateKgPerH"|"park.emissionsTodayKg"|"park.budgetUsedShare"|"building.powerKw"|"building.emissionsTodayKg"|"meter.power_kw"|"meter.energy_import_kwh"|"meter.energy_export_kwh"|"meter.gas_m3"|"meter.heat_gj"|"meter.diesel_l"']],
    ['an unknown gateway', RULES.replace('silentFor: 2m }', 'silentFor: 2m, gateways: [g9] }'), ['park.yaml:32:112: alerts.rules[2].gateways[0]: no gateway "g9" in gateways']],
    ['a webhook for a rule that does not exist', RULES.replace('rules: [b01-overload]', 'rules: [b01-overload, b02]'), ['park.yaml:35:113: alerts.webhooks[0].rules[1]: no rule "b02" in alerts.rules, nor a platform rule (ingest-store-refusing, ingest-journal-behind, ingest-not-subscribed, ingest-silent)']],
    ['a rule under the id of a platform rule', RULES.replace('id: silent,', 'id: ingest-silent,'), ['park.yaml:31:13: alerts.rules[1].id: "ingest-silent" is the id of a platform alert rule, which every park has: choose another']],
    ['a webhook secret written in place of its variable', RULES.replace('ZP_WEBHOOK_OPS_SECRET', 'hunter2'), ['park.yaml:35:68: alerts.webhooks[0].secretEnv: names an environment variable in capitals, e.g. ZP_WEBHOOK_OPS_SECRET']],
    ['a typo in a field', RULES.replace('severity: major\n      kind', 'severty: major\n      kind'), ['park.yaml:22:7: alerts.rules[0].severity: Invalid option: expected one of "info"|"minor"|"major"|"critical"', 'park.yaml:24:7: alerts.rules[0]: unknown field "severty" (a typo?)']],
  ])('should explain %s', (_case, rules, expected) => {
    expect(problemsOf(`${VALID}${rules}`)).toEqual(expected);
  });
});
