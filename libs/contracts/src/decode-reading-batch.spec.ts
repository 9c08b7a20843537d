import { describe, expect, it } from 'vitest';
import { decodeReadingBatch } from './decode-reading-batch.js';

const TS = '2026-11-28T10:15:00.000Z';
const TS_MS = Date.UTC(2026, 10, 28, 10, 15);

function batch(readings: unknown[], envelope: Record<string, unknown> = {}): string {
  return JSON.stringify({ v: 1, seq: 1842, readings, ...envelope });
}

describe(decodeReadingBatch.name, () => {
  it('should decode the example of docs/gateway-protocol.md, with the timestamp in epoch milliseconds', () => {
    const decoded = decodeReadingBatch(
      batch([{ meter: 'B07-MAIN', ts: TS, values: { energy_import_kwh: 183245.12, power_kw: 84.2 } }]),
    );
    expect(decoded).toEqual({
      ok: true,
      seq: 1842,
      readings: [{ index: 0, meter: 'B07-MAIN', ts: TS_MS, values: { energy_import_kwh: 183245.12, power_kw: 84.2 } }],
      rejected: [],
    });
  });

  it('should accept epoch milliseconds and an ISO time with an offset as the same instant', () => {
    const decoded = decodeReadingBatch(
      batch([
        { meter: 'M1', ts: TS_MS, values: { power_kw: 1 } },
        { meter: 'M1', ts: '2026-11-28T18:15:00+08:00', values: { power_kw: 1 } },
      ]),
    );
    expect(decoded.ok && decoded.readings.map((reading) => reading.ts)).toEqual([TS_MS, TS_MS]);
  });

  it('should accept bytes as well as text', () => {
    const decoded = decodeReadingBatch(new TextEncoder().encode(batch([{ meter: 'M1', ts: TS, values: { gas_m3: 3 } }])));
    expect(decoded.ok).toBe(true);
  });

  describe('a bad envelope refuses the whole batch with its reason', () => {
    it.each([
      ['malformed JSON', '{"v":1,"seq":', /^payload is not valid JSON/],
      ['invalid UTF-8', new Uint8Array([0x7b, 0xff, 0x7d]), /^payload is not valid UTF-8$/],
      ['a wrong version', batch([{}], { v: 2 }), /^v: must be 1, the payload version$/],
      ['a missing seq', JSON.stringify({ v: 1, readings: [{}] }), /^seq: is missing$/],
      ['a negative seq', batch([{}], { seq: -1 }), /^seq: must be a whole number ≥ 0$/],
      ['an empty batch', batch([]), /^readings: is empty/],
      ['an unknown envelope field', batch([{}], { sequence: 3 }), /^unknown field "sequence"$/],
    ])('should refuse %s', (_case, payload, reason) => {
      const decoded = decodeReadingBatch(payload);
      expect(decoded.ok).toBe(false);
      expect(!decoded.ok && decoded.reason).toMatch(reason);
    });
  });

  describe('a bad reading is refused alone, its neighbours kept', () => {
    it.each([
      ['epoch seconds', { meter: 'M2', ts: 1764324900, values: { power_kw: 1 } }, 'readings[1].ts: looks like epoch seconds'],
      ['a time without offset', { meter: 'M2', ts: '2026-11-28T10:15:00', values: { power_kw: 1 } }, 'readings[1].ts: has no time zone offset'],
      ['a date that is not ISO', { meter: 'M2', ts: '28/11/2026 10:15', values: { power_kw: 1 } }, 'readings[1].ts: is not an ISO 8601 date-time'],
      ['an impossible date', { meter: 'M2', ts: '2026-13-45T10:15:00Z', values: { power_kw: 1 } }, 'readings[1].ts: is not a real date'],
      ['a timestamp of the wrong type', { meter: 'M2', ts: true, values: { power_kw: 1 } }, 'readings[1].ts: must be an ISO 8601 string with an offset or a number of epoch milliseconds'],
      ['a value given as text', { meter: 'M2', ts: TS, values: { power_kw: '84.2' } }, 'readings[1].values.power_kw: must be a finite number'],
      ['an unknown quantity', { meter: 'M2', ts: TS, values: { power_kW: 3 } }, 'readings[1].values: unknown field "power_kW"'],
      ['no quantity at all', { meter: 'M2', ts: TS, values: {} }, 'readings[1].values: holds no quantity'],
      ['a meter id with a slash', { meter: 'B07/MAIN', ts: TS, values: { power_kw: 1 } }, 'readings[1].meter: must start with a letter or digit'],
      ['a missing meter', { ts: TS, values: { power_kw: 1 } }, 'readings[1].meter: is missing'],
    ])('should refuse %s', (_case, bad, reason) => {
      const decoded = decodeReadingBatch(batch([{ meter: 'M1', ts: TS, values: { power_kw: 5 } }, bad]));
      if (!decoded.ok) throw new Error(decoded.reason);
      expect(decoded.readings.map((reading) => reading.meter)).toEqual(['M1']);
      expect(decoded.rejected).toHaveLength(1);
      expect(decoded.rejected[0]?.index).toBe(1);
      expect(decoded.rejected[0]?.reason).toContain(reason);
    });
  });

  it('should name the meter of a refused reading when it has one', () => {
    const decoded = decodeReadingBatch(batch([{ meter: 'M9', ts: 17, values: { power_kw: 1 } }]));
    expect(decoded.ok && decoded.rejected[0]?.meter).toBe('M9');
  });

  it('should refuse a number too large to be exact (1e400 is Infinity in JSON.parse)', () => {
    const decoded = decodeReadingBatch(`{"v":1,"seq":1,"readings":[{"meter":"M1","ts":"${TS}","values":{"power_kw":1e400}}]}`);
    expect(decoded.ok && decoded.rejected[0]?.reason).toContain('readings[0].values.power_kw');
  });
});
