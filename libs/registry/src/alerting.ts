import { PLATFORM_ALERT_RULE_IDS, type AlertCondition, type AlertRule, type AlertWebhook } from '@zeropark/contracts';
import type { AlertingFile, AlertRuleFile } from './alerting-file.schema.js';
import type { RegistryFile } from './registry-file.schema.js';

/** A park's alert rules and webhooks, checked against its registry. */
export interface ParkAlerting {
  rules: AlertRule[];
  webhooks: AlertWebhook[];
}

export const NO_ALERTING: ParkAlerting = { rules: [], webhooks: [] };

/** What is wrong with the `alerts:` section beyond its schema, each with the path it concerns. */
export function alertingProblems(registry: RegistryFile): { path: (string | number)[]; reason: string }[] {
  const alerting = registry.alerts;
  if (alerting === undefined) return [];
  const problems: { path: (string | number)[]; reason: string }[] = [];
  const buildings = new Set(registry.buildings.map((building) => building.id));
  const meters = new Set(registry.meters.map((meter) => meter.id));
  const rules = new Set<string>();
  alerting.rules.forEach((rule, index) => {
    const at = (...rest: (string | number)[]) => ['alerts', 'rules', index, ...rest];
    if (rules.has(rule.id)) problems.push({ path: at('id'), reason: `"${rule.id}" is used twice in alerts.rules` });
    rules.add(rule.id);
    // the platform's own rules are in every park under these ids (docs/alerts.md, "Platform alerts")
    if (PLATFORM_ALERT_RULE_IDS.has(rule.id)) problems.push({ path: at('id'), reason: `"${rule.id}" is the id of a platform alert rule, which every park has: choose another` });
    if (rule.kind === 'meter-silent') {
      (rule.meters ?? []).forEach((meter, meterIndex) => {
        if (!meters.has(meter)) problems.push({ path: at('meters', meterIndex), reason: `no meter "${meter}" in meters` });
      });
    }
    if (rule.kind === 'gateway-offline') {
      const gateways = new Set(registry.gateways.map((gateway) => gateway.id));
      (rule.gateways ?? []).forEach((gateway, gatewayIndex) => {
        if (!gateways.has(gateway)) problems.push({ path: at('gateways', gatewayIndex), reason: `no gateway "${gateway}" in gateways` });
      });
    }
    if (rule.kind !== 'threshold') return;
    const scope = rule.figure.split('.')[0];
    if (scope === 'building' && (rule.building === undefined || !buildings.has(rule.building))) {
      problems.push({ path: at(rule.building === undefined ? 'figure' : 'building'), reason: rule.building === undefined ? `${rule.figure} needs the building it watches` : `no building "${rule.building}" in buildings` });
    }
    if (scope === 'meter' && (rule.meter === undefined || !meters.has(rule.meter))) {
      problems.push({ path: at(rule.meter === undefined ? 'figure' : 'meter'), reason: rule.meter === undefined ? `${rule.figure} needs the meter it watches` : `no meter "${rule.meter}" in meters` });
    }
    if (scope !== 'building' && rule.building !== undefined) problems.push({ path: at('building'), reason: `${rule.figure} is not a building figure` });
    if (scope !== 'meter' && rule.meter !== undefined) problems.push({ path: at('meter'), reason: `${rule.figure} is not a meter figure` });
    if ((rule.above === undefined) === (rule.below === undefined)) {
      problems.push({ path: at('kind'), reason: 'a threshold says either "above" or "below" its level, not both or neither' });
    } else if (rule.above !== undefined) {
      if (rule.clearAbove !== undefined) problems.push({ path: at('clearAbove'), reason: 'an "above" threshold clears below a level: write clearBelow' });
      if (rule.clearBelow !== undefined && rule.clearBelow > rule.above) problems.push({ path: at('clearBelow'), reason: `clears below ${rule.clearBelow}, above the threshold ${rule.above}: it would never stay fired` });
    } else if (rule.below !== undefined) {
      if (rule.clearBelow !== undefined) problems.push({ path: at('clearBelow'), reason: 'a "below" threshold clears above a level: write clearAbove' });
      if (rule.clearAbove !== undefined && rule.clearAbove < rule.below) problems.push({ path: at('clearAbove'), reason: `clears above ${rule.clearAbove}, below the threshold ${rule.below}: it would never stay fired` });
    }
  });
  const webhooks = new Set<string>();
  alerting.webhooks.forEach((webhook, index) => {
    if (webhooks.has(webhook.id)) problems.push({ path: ['alerts', 'webhooks', index, 'id'], reason: `"${webhook.id}" is used twice in alerts.webhooks` });
    webhooks.add(webhook.id);
    (webhook.rules ?? []).forEach((rule, ruleIndex) => {
      if (!rules.has(rule) && !PLATFORM_ALERT_RULE_IDS.has(rule)) {
        problems.push({ path: ['alerts', 'webhooks', index, 'rules', ruleIndex], reason: `no rule "${rule}" in alerts.rules, nor a platform rule (${[...PLATFORM_ALERT_RULE_IDS].join(', ')})` });
      }
    });
  });
  return problems;
}

export function toAlerting(alerting: AlertingFile | undefined): ParkAlerting {
  if (alerting === undefined) return NO_ALERTING;
  return {
    rules: alerting.rules.map((rule) => ({ id: rule.id, title: rule.title, severity: rule.severity, condition: conditionOf(rule) })),
    webhooks: alerting.webhooks.map((webhook) => ({ id: webhook.id, url: webhook.url, secretEnv: webhook.secretEnv, rules: webhook.rules ?? null })),
  };
}

function conditionOf(rule: AlertRuleFile): AlertCondition {
  switch (rule.kind) {
    case 'threshold': {
      const above = rule.above !== undefined;
      const level = rule.above ?? rule.below ?? 0;
      return {
        kind: 'threshold',
        figure: rule.figure,
        ...(rule.building === undefined ? {} : { building: rule.building }),
        ...(rule.meter === undefined ? {} : { meter: rule.meter }),
        direction: above ? 'above' : 'below',
        level,
        clearAt: (above ? rule.clearBelow : rule.clearAbove) ?? level,
        forMs: rule.for,
      };
    }
    case 'meter-silent':
      return { kind: 'meter-silent', everyMs: rule.every, intervals: rule.intervals, ...(rule.meters === undefined ? {} : { meters: rule.meters }) };
    case 'gateway-offline':
      return { kind: 'gateway-offline', silentForMs: rule.silentFor, ...(rule.gateways === undefined ? {} : { gateways: rule.gateways }) };
    case 'implausible-data':
      return { kind: 'implausible-data', clearAfterMs: rule.clearAfter };
  }
}
