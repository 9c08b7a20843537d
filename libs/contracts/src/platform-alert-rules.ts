import type { AlertRule, ServiceHealthCondition } from './alerts.js';

/**
 * The platform's own alert rules (docs/alerts.md, "Platform alerts"): held by every park, since
 * a held-up ingest holds up every park's readings, with the same lifecycle, Socket.IO events,
 * webhooks and mutes as a park's rules. Their ids are reserved: a registry may not use them for
 * a rule of its own, and its webhooks may name them.
 */
export const PLATFORM_ALERT_RULES: readonly AlertRule[] = [
  {
    id: 'ingest-store-refusing',
    title: 'The store refuses the ingest\'s writes: readings wait in its journal',
    severity: 'major',
    condition: { kind: 'service-health', problem: 'store-refusing' },
  },
  {
    id: 'ingest-journal-behind',
    title: 'Readings are not reaching the store: the ingest\'s journal has not drained',
    severity: 'major',
    condition: { kind: 'service-health', problem: 'journal-behind' },
  },
  {
    id: 'ingest-not-subscribed',
    title: 'The ingest is not subscribed to the gateways\' readings on the external broker',
    severity: 'critical',
    condition: { kind: 'service-health', problem: 'broker-unsubscribed' },
  },
  {
    id: 'ingest-silent',
    title: 'An ingest has stopped reporting its health: it may be down',
    severity: 'critical',
    condition: { kind: 'service-health', problem: 'silent' },
  },
];

export const PLATFORM_ALERT_RULE_IDS: ReadonlySet<string> = new Set(PLATFORM_ALERT_RULES.map((rule) => rule.id));

/** The platform rule of a condition, for specs and readers that need one by its problem. */
export function platformRule(problem: ServiceHealthCondition['problem']): AlertRule {
  const rule = PLATFORM_ALERT_RULES.find(({ condition }) => condition.kind === 'service-health' && condition.problem === problem);
  if (rule === undefined) throw new Error(`no platform rule for ${problem}`);
  return rule;
}
