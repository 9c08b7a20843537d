import type { Alert, MeterSnapshot } from '@zeropark/contracts';

/** How long without a reading before a meter shows as stale when no alert says more. */
export const STALE_AFTER_MS = 120_000;

export interface MeterState {
  state: 'ok' | 'stale' | 'silent' | 'offline' | 'implausible' | 'never';
  /** What the operator reads beside it. */
  note: string;
}

/**
 * What the building view says of a meter: an open alert about its gateway (offline) or about
 * it (silent, implausible) wins, then refused counter jumps, then its age, with the reason when
 * an ingest is not heard (platform alert `ingest-silent`). A silent meter is visibly silent.
 */
export function meterState(meter: MeterSnapshot, openAlerts: readonly Alert[], now: number): MeterState {
  const open = (kind: Alert['kind'], subject: Alert['subject']) => openAlerts.find((alert) => alert.kind === kind && alert.subject.kind === subject.kind && alert.subject.id === subject.id);
  const offline = open('gateway-offline', { kind: 'gateway', id: meter.gateway });
  if (offline !== undefined) return { state: 'offline', note: offline.message };
  const silent = open('meter-silent', { kind: 'meter', id: meter.meterId });
  if (silent !== undefined) return { state: 'silent', note: silent.message };
  if (open('implausible-data', { kind: 'meter', id: meter.meterId }) !== undefined || meter.implausibleIntervals > 0) {
    return { state: 'implausible', note: `${meter.implausibleIntervals} counter interval${meter.implausibleIntervals === 1 ? '' : 's'} refused as implausible since the service started` };
  }
  // an ingest not heard (a platform alert) holds up every meter's readings: a stale meter says why
  const ingestSilent = openAlerts.find((alert) => alert.kind === 'service-health' && alert.rule === 'ingest-silent');
  const why = ingestSilent === undefined ? '' : `; ${ingestSilent.message}`;
  if (meter.lastReadingAt === null) return { state: 'never', note: `no reading since the service started${why}` };
  if (now - meter.lastReadingAt > STALE_AFTER_MS) return { state: 'stale', note: `no reading for over 2 min${why}` };
  return { state: 'ok', note: 'reporting' };
}
