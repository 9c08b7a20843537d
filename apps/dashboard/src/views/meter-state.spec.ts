import type { Alert, MeterSnapshot } from '@zeropark/contracts';
import { Translator } from '@zeropark/i18n';
import { describe, expect, it } from 'vitest';
import { meterState } from './meter-state.js';

const NOW = Date.UTC(2026, 10, 28, 10);
const METER: MeterSnapshot = { meterId: 'B02-GAS', role: 'gas', carrier: 'natural_gas', gateway: 'gw-b02', powerKw: null, lastReadingAt: NOW - 5000, implausibleIntervals: 0 };
const en = new Translator('en');
const zh = new Translator('zh-CN');

function alert(kind: Alert['kind'], subject: Alert['subject'], message: string): Alert {
  return { id: 'a', park: 'p', rule: kind, kind, title: '', severity: 'minor', subject, message, value: null, state: 'firing', firedAt: NOW, transitions: [] };
}

describe(meterState.name, () => {
  it('should call a meter with a fresh reading ok, and one without a reading for 3 of its intervals stale', () => {
    expect(meterState(METER, [], NOW, en).state).toBe('ok');
    expect(meterState({ ...METER, everyMs: 10_000, lastReadingAt: NOW - 29_000 }, [], NOW, en).state).toBe('ok');
    expect(meterState({ ...METER, everyMs: 10_000, lastReadingAt: NOW - 31_000 }, [], NOW, en)).toEqual({ state: 'stale', note: 'no reading for 31 s (expected every 10 s)' });
    expect(meterState({ ...METER, lastReadingAt: NOW - 181_000 }, [], NOW, en).state).toBe('stale');
    expect(meterState({ ...METER, lastReadingAt: null }, [], NOW, en).state).toBe('never');
  });

  it('should say why a stale meter is stale when an ingest is not heard, and leave a fresh one ok', () => {
    const silentIngest = { ...alert('service-health', { kind: 'service', id: 'ingest/ingest-1' }, 'ingest/ingest-1 has sent no health message for 3 min'), rule: 'ingest-silent' };
    expect(meterState({ ...METER, lastReadingAt: NOW - 181_000 }, [silentIngest], NOW, en)).toEqual({ state: 'stale', note: 'no reading for 3 min (expected every 1 min); ingest/ingest-1 is not heard: readings may not be reaching the store' });
    expect(meterState(METER, [silentIngest], NOW, en)).toEqual({ state: 'ok', note: 'reporting' });
  });

  it('should show a meter with an open silence alert as silent, for how long, in the page language', () => {
    const silent = alert('meter-silent', { kind: 'meter', id: 'B02-GAS' }, 'meter B02-GAS not heard for 30 s');
    expect(meterState({ ...METER, lastReadingAt: NOW - 30_000 }, [silent], NOW, en)).toEqual({ state: 'silent', note: 'not heard for 30 s' });
    expect(meterState({ ...METER, lastReadingAt: NOW - 30_000 }, [silent], NOW, zh)).toEqual({ state: 'silent', note: '已 30 秒 未上报' });
  });

  it("should put an offline gateway before the meter's own state", () => {
    const offline = alert('gateway-offline', { kind: 'gateway', id: 'gw-b02' }, 'gateway gw-b02 is offline: its last will says offline');
    expect(meterState({ ...METER, implausibleIntervals: 2 }, [offline], NOW, en)).toEqual({ state: 'offline', note: 'its gateway gw-b02 is offline' });
  });

  it('should flag refused counter jumps', () => {
    expect(meterState({ ...METER, implausibleIntervals: 1 }, [], NOW, en)).toEqual({ state: 'implausible', note: '1 counter interval refused as implausible since the service started' });
    expect(meterState({ ...METER, implausibleIntervals: 2 }, [], NOW, en).note).toBe('2 counter intervals refused as implausible since the service started');
  });
});
