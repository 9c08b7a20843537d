import { createHash, timingSafeEqual } from 'node:crypto';

/** The service account `apps/carbon` uses on the bus; gateways may neither read nor write `zeropark/#`. */
export const BUS_USERNAME = 'zeropark-bus';

export function isBusSecret(candidate: Buffer, secret: string): boolean {
  const digest = (value: Buffer | string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(candidate), digest(secret));
}
