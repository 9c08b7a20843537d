import { createHmac } from 'node:crypto';

/**
 * How a receiver knows a webhook came from us and is fresh (docs/alerts.md): HMAC-SHA256 with
 * the webhook's secret over `{timestamp}.{body}`, the timestamp in Unix seconds. A receiver
 * recomputes it, compares in constant time, and refuses a timestamp more than five minutes off.
 */
export const WEBHOOK_HEADERS = {
  timestamp: 'x-zeropark-timestamp',
  signature: 'x-zeropark-signature',
  /** The same for every attempt at one transition: a receiver keeps the keys it has seen. */
  idempotencyKey: 'idempotency-key',
} as const;

/** `v1=` and the hex HMAC-SHA256 of `{timestampSeconds}.{body}`. */
export function webhookSignature(secret: string, timestampSeconds: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestampSeconds}.${body}`).digest('hex')}`;
}
