import type { AlertSubject } from '@zeropark/contracts';

/**
 * What an alert is about, as an operator reads it: `building B01`, `gateway gw-b01`; a platform
 * alert's subject is a service instance (docs/alerts.md, "Platform alerts"), which concerns every
 * meter of the park, so it says so.
 */
export function describeSubject(subject: AlertSubject): string {
  if (subject.kind === 'service') return `platform: ${subject.id} (all meters)`;
  return `${subject.kind} ${subject.id}`;
}
