import { createHash, timingSafeEqual } from 'node:crypto';

/** Compares a bus password in constant time, whatever the lengths. */
export function isBusSecret(candidate: Buffer, secret: string): boolean {
  const digest = (value: Buffer | string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(candidate), digest(secret));
}
