import type { Alert, AlertTransition } from '@zeropark/contracts';
import type { ParkRegistry } from '@zeropark/registry';
import type { ArmedWebhook } from './webhook-dispatcher.js';

/** Webhook secrets shorter than this are refused at start. */
const MIN_SECRET_LENGTH = 16;

/**
 * The webhooks of every park with their secrets from the environment; every webhook whose
 * variable is missing or too short is named at once, and the service does not start.
 */
export function armWebhooks(parks: ReadonlyMap<string, ParkRegistry>, environment: NodeJS.ProcessEnv): ArmedWebhook[] {
  const armed: ArmedWebhook[] = [];
  const problems: string[] = [];
  for (const [parkId, registry] of parks) {
    for (const webhook of registry.alerting.webhooks) {
      const secret = environment[webhook.secretEnv];
      if (secret === undefined || secret.length < MIN_SECRET_LENGTH) {
        problems.push(`${webhook.secretEnv}: ${secret === undefined ? 'is missing' : `needs at least ${MIN_SECRET_LENGTH} characters`}: the signing secret of webhook "${webhook.id}" of park "${parkId}"`);
        continue;
      }
      armed.push({ ...webhook, id: `${parkId}/${webhook.id}`, park: parkId, secret });
    }
  }
  if (problems.length > 0) throw new Error(`the webhooks of the registry cannot be signed:\n  ${problems.join('\n  ')}`);
  return armed;
}

/** The body each webhook of the alert's park (and rule) gets for one transition, keyed for idempotency. */
export function webhookDeliveries(webhooks: readonly ArmedWebhook[], alert: Alert, transition: AlertTransition): { webhook: string; key: string; body: string }[] {
  const key = `${alert.id}.${transition.to}`;
  return webhooks
    .filter((webhook) => webhook.park === alert.park && (webhook.rules === null || webhook.rules.includes(alert.rule)))
    .map((webhook) => ({
      webhook: webhook.id,
      key,
      body: JSON.stringify({ v: 1, key, event: `alert.${transition.to}`, park: alert.park, webhook: webhook.id.slice(alert.park.length + 1), alert, transition }),
    }));
}
