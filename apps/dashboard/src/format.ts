import { i18n } from './i18n.js';

/** How figures read on the dashboard, in the page's language (`i18n.ts`). */

export function formatNumber(value: number | null, fractionDigits = 1): string {
  return i18n.number(value, fractionDigits);
}

export function formatShare(share: number | null): string {
  return i18n.share(share);
}

/** "12 s ago", "3 min ago", "2 h ago"; "no reading yet" before the first. */
export function formatAge(lastReadingAt: number | null, now: number): string {
  return i18n.age(lastReadingAt, now);
}
