import { parseRegistry } from '@zeropark/registry';
import { describe, expect, it } from 'vitest';
import { checkReadings } from './check-readings.js';

const HASH = 'scrypt$N=16384,r=8,p=1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';
const registry = parseRegistry(
  `park: { id: p1, name: P, timezone: UTC, gridRegion: national }
buildings: [{ id: B01, name: Hall }]
meters: [{ id: M1, role: building_submeter, building: B01 }]
gateways: [{ id: g1, secretHash: "${HASH}", meters: [M1] }]
`,
  'park.yaml',
);
const account = registry.gateways.get('g1')!;
const NOW = Date.UTC(2026, 10, 28, 12);
const LIMITS = { maxClockSkewMs: 300_000, maxReadingAgeMs: 400 * 86_400_000 };

function check(meter: string, ts: number) {
  return checkReadings([{ index: 0, meter, ts, values: { power_kw: 1 } }], account, registry, NOW, LIMITS);
}

describe(checkReadings.name, () => {
  it('should enrich an accepted reading from the registry', () => {
    expect(check('M1', NOW).accepted).toEqual([{ meter: 'M1', building: 'B01', role: 'building_submeter', carrier: 'electricity', ts: NOW, values: { power_kw: 1 } }]);
  });

  it('should refuse a meter the registry does not know', () => {
    expect(check('M9', NOW).rejected).toEqual([{ index: 0, meter: 'M9', rule: 'unknown-meter', reason: 'readings[0]: meter "M9" is not in the registry of park "p1"' }]);
  });

  it('should refuse a reading more than the allowed skew in the future', () => {
    expect(check('M1', NOW + 300_001).rejected[0]?.reason).toBe("readings[0]: ts 2026-11-28T12:05:00.001Z is 300 s in the future: is the gateway's clock set?");
    expect(check('M1', NOW + 300_000).accepted).toHaveLength(1);
  });

  it("should refuse a rollover counter's value at or above its modulus, which its register cannot show", () => {
    const rollover = parseRegistry(
      `park: { id: p1, name: P, timezone: UTC, gridRegion: national }
buildings: [{ id: B01, name: Hall }]
meters: [{ id: M1, role: building_submeter, building: B01, counter: { onDecrease: rollover, modulus: 100000 } }]
gateways: [{ id: g1, secretHash: "${HASH}", meters: [M1] }]
`,
      'park.yaml',
    );
    const checked = (value: number) => checkReadings([{ index: 0, meter: 'M1', ts: NOW, values: { energy_import_kwh: value, power_kw: 250_000 } }], rollover.gateways.get('g1')!, rollover, NOW, LIMITS);
    expect(checked(100_000).rejected).toEqual([
      { index: 0, meter: 'M1', rule: 'counter-beyond-modulus', reason: 'readings[0]: energy_import_kwh 100000 is outside 0 ≤ value < 100000, the range of this rollover counter (registry: counter.modulus)' },
    ]);
    // a five-digit register with two decimals shows at most 99 999.99; power is no counter
    expect(checked(99_999.99).accepted).toHaveLength(1);
  });

  it('should refuse a reading older than the allowed age', () => {
    expect(check('M1', NOW - 401 * 86_400_000).rejected[0]).toMatchObject({ rule: 'timestamp-too-old', reason: expect.stringContaining('is older than 400 days') as string });
  });
});
