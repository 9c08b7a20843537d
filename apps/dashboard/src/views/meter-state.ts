import { meterEveryMs, POWER_STALE_AFTER_INTERVALS, type Alert, type MeterSnapshot } from '@zeropark/contracts';
import type { Translator } from '@zeropark/i18n';
import { i18n as pageLanguage } from '../i18n.js';


export interface MeterState {
  state: 'ok' | 'stale' | 'silent' | 'offline' | 'implausible' | 'never';
  /** What the operator reads beside it, in the page's language. */
  note: string;
}

/**
 * What the building view says of a meter: an open alert about its gateway (offline) or about
 * it (silent, implausible) wins, then refused counter jumps, then its age: stale after 3 of its
 * expected intervals, as the service judges power now (docs/carbon-method.md, §1 "Power now"),
 * with the reason when an ingest is not heard (platform alert `ingest-silent`). A silent meter is
 * visibly silent.
 */
export function meterState(meter: MeterSnapshot, openAlerts: readonly Alert[], now: number, i18n: Translator = pageLanguage): MeterState {
  const open = (kind: Alert['kind'], subject: Alert['subject']) => openAlerts.find((alert) => alert.kind === kind && alert.subject.kind === subject.kind && alert.subject.id === subject.id);
  if (open('gateway-offline', { kind: 'gateway', id: meter.gateway }) !== undefined) return { state: 'offline', note: i18n.t('meterStates.offlineNote', { gateway: meter.gateway }) };
  if (open('meter-silent', { kind: 'meter', id: meter.meterId }) !== undefined) {
    return { state: 'silent', note: meter.lastReadingAt === null ? i18n.t('meterStates.neverNote') : i18n.t('meterStates.silentNote', { duration: i18n.duration(now - meter.lastReadingAt) }) };
  }
  if (open('implausible-data', { kind: 'meter', id: meter.meterId }) !== undefined || meter.implausibleIntervals > 0) {
    return { state: 'implausible', note: i18n.t('meterStates.refused', { count: meter.implausibleIntervals }) };
  }
  // an ingest not heard (a platform alert) holds up every meter's readings: a stale meter says why
  const ingestSilent = openAlerts.find((alert) => alert.kind === 'service-health' && alert.rule === 'ingest-silent');
  const why = (note: string) => (ingestSilent === undefined ? note : i18n.t('meterStates.because', { note, reason: i18n.t('meterStates.ingestSilent', { service: ingestSilent.subject.id }) }));
  if (meter.lastReadingAt === null) return { state: 'never', note: why(i18n.t('meterStates.neverNote')) };
  const everyMs = meterEveryMs(meter);
  if (meter.powerState === 'stale' || now - meter.lastReadingAt > POWER_STALE_AFTER_INTERVALS * everyMs) {
    return { state: 'stale', note: why(i18n.t('meterStates.staleNote', { duration: i18n.duration(now - meter.lastReadingAt), every: i18n.duration(everyMs) })) };
  }
  return { state: 'ok', note: i18n.t('meterStates.reporting') };
}
