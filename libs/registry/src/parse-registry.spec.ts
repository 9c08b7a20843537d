import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRegistry } from './parse-registry.js';
import { HASH, problemsOf, VALID } from './registry-text.fixture.js';

describe(parseRegistry.name, () => {
  it('should read the topology, with each meter\'s carrier and gateway', () => {
    const registry = parseRegistry(VALID, 'park.yaml');
    expect(registry.topology.park).toEqual({ id: 'p1', name: 'Test park', timezone: 'Asia/Shanghai', gridRegion: 'east-china' });
    expect(registry.meters.get('B01-MAIN')).toEqual({
      id: 'B01-MAIN',
      role: 'building_submeter',
      carrier: 'electricity',
      building: 'B01',
      ratedPowerKw: 500,
      counter: { onDecrease: 'reset' },
      gateway: 'g1',
      everyMs: 60_000, // neither the meter nor the park says: a minute
    });
    expect(registry.meters.get('GRID')?.building).toBeNull();
    expect([...(registry.gateways.get('g1')?.meters ?? [])]).toEqual(['GRID', 'B01-MAIN']);
  });

  it('should load the example park shipped in config/', () => {
    const file = join(import.meta.dirname, '../../../config/example-park.yaml');
    const registry = parseRegistry(readFileSync(file, 'utf8'), file);
    expect(registry.topology.park.id).toBe('demo-park');
    expect(registry.gateways.get('demo-gateway')?.meters.has('LAB-MAIN')).toBe(true);
    expect(registry.topology.meters.map((meter) => meter.role)).toEqual(expect.arrayContaining(['grid_import', 'pv', 'gas', 'building_submeter']));
  });

  describe('each problem names the file, line, column, path and reason', () => {
    it.each([
      ['a typo in a field name', VALID.replace('    name: Hall', '    nmae: Hall'), ['park.yaml:7:5: buildings[0].name: is missing', 'park.yaml:8:5: buildings[0]: unknown field "nmae" (a typo?)']],
      ['an unknown role', VALID.replace('role: grid_import', 'role: grid_imprt'), ['park.yaml:11:11: meters[0].role: Invalid option: expected one of "grid_import"|"pv"|"building_submeter"|"gas"|"heat"|"diesel"|"battery"']],
      ['an unknown time zone', VALID.replace('Asia/Shanghai', 'Asia/Shanghia'), ['park.yaml:4:13: park.timezone: is not an IANA time zone such as "Asia/Shanghai"']],
      ['an unknown grid region', VALID.replace('gridRegion: east-china', 'gridRegion: mars'), ['park.yaml:5:15: park.gridRegion: no grid factor for region "mars"; known: national, north-china, northeast, east-china, central-china, northwest, south, southwest']],
      ['a bad id', VALID.replace('id: B01\n', 'id: B 01\n'), ['park.yaml:7:9: buildings[0].id: must start with a letter or digit and hold only letters, digits, "_" and "-" (at most 64)']],
      ['a negative rated power', VALID.replace('ratedPowerKw: 500', 'ratedPowerKw: -5'), ['park.yaml:15:19: meters[1].ratedPowerKw: Too small: expected number to be >0']],
      ['a plain-text secret', VALID.replace(HASH, 'hunter2'), ['park.yaml:18:17: gateways[0].secretHash: is not a scrypt hash: make one with `npm run hash-secret`']],
      ['a meter of an unknown building', VALID.replace('building: B01', 'building: B09'), ['park.yaml:14:15: meters[1].building: no building "B09" in buildings']],
      ['a sub-meter without a building', VALID.replace('    building: B01\n', ''), ['park.yaml:12:5: meters[1]: a building_submeter meter must name its building']],
      ['a gateway reading an unknown meter', VALID.replace('[GRID, B01-MAIN]', '[GRID, B01-MAIN, B02-MAIN]'), ['park.yaml:19:30: gateways[0].meters[2]: no meter "B02-MAIN" in meters']],
      ['a meter read by no gateway', VALID.replace('[GRID, B01-MAIN]', '[GRID]'), ['park.yaml:12:9: meters[1].id: meter "B01-MAIN" is read by no gateway']],
      ['a carrier that contradicts the role', VALID.replace('role: grid_import', 'role: grid_import\n    carrier: heat'), ['park.yaml:12:14: meters[0].carrier: a grid_import meter measures electricity, not heat']],
      ['the same id twice', VALID.replace('  - id: B01-MAIN', '  - id: GRID'), ['park.yaml:12:9: meters[1].id: "GRID" is used twice in meters', 'park.yaml:19:20: gateways[0].meters[1]: no meter "B01-MAIN" in meters']],
      ['broken YAML', VALID.replace('  name: Test park', '  name: [Test park'), [
        'park.yaml:4:3: YAML: Flow sequence in block collection must be sufficiently indented and end with a ]',
        'park.yaml:4:13: YAML: Nested mappings are not allowed in compact mappings',
        'park.yaml:4:13: YAML: Implicit keys need to be on a single line',
      ]],
      ['a factor in g/kWh', `${VALID}factors:\n  version: v1\n  grid:\n    - { year: 2025, kgCo2PerKwh: 530.6, source: a letter }\n`, ['park.yaml:23:34: factors.grid[0].kgCo2PerKwh: is above 2 kg CO₂/kWh: a factor in g/kWh? write kg/kWh, e.g. 0.5306']],
      ['overrides without a version', `${VALID}factors:\n  grid:\n    - { year: 2025, kgCo2PerKwh: 0.53, source: a letter }\n`, ['park.yaml:21:3: factors.version: is missing']],
      ['a contract that ends before it starts', `${VALID}contracts:\n  - { id: GEC-1, kind: certificate, kwh: 1000, from: 2026-12-01, to: 2026-01-31, reference: batch 1 }\n`, ['park.yaml:21:70: contracts[0].to: ends (2026-01-31) before it starts (2026-12-01)']],
      ['a contract day that does not exist', `${VALID}contracts:\n  - { id: GEC-1, kind: certificate, kwh: 1000, from: 2026-02-30, to: 2026-03-31, reference: batch 1 }\n`, ['park.yaml:21:54: contracts[0].from: is not a calendar day written YYYY-MM-DD']],
      ['a rollover counter without its top', VALID.replace('    ratedPowerKw: 500', '    ratedPowerKw: 500\n    counter: { onDecrease: rollover }'), ['park.yaml:16:14: meters[1].counter.modulus: is missing']],
      ['a rollover counter with its top under another name', VALID.replace('    ratedPowerKw: 500', '    ratedPowerKw: 500\n    counter: { onDecrease: rollover, rolloverAt: 99999.99 }'), [
        'park.yaml:16:14: meters[1].counter.modulus: is missing',
        'park.yaml:16:38: meters[1].counter: unknown field "rolloverAt" (a typo?)',
      ]],
      ['a meter interval without a unit', VALID.replace('    ratedPowerKw: 500', '    ratedPowerKw: 500\n    every: 10'), ['park.yaml:16:12: meters[1].every: is a duration such as "30s", "5m" or "1h"']],
      ['a meter interval under a second', VALID.replace('    ratedPowerKw: 500', '    ratedPowerKw: 500\n    every: 200ms'), ['park.yaml:16:12: meters[1].every: is how often the meter reports, from "1s" to "24h", e.g. "10s", "1m" or "15m"']],
      ['a park meter interval over a day', VALID.replace('  gridRegion: east-china', '  gridRegion: east-china\n  meterEvery: 2d'), ['park.yaml:6:15: park.meterEvery: is a duration such as "30s", "5m" or "1h"']],
      ['a key given twice', VALID.replace('  name: Test park', '  name: Test park\n  name: Other'), ['park.yaml:4:3: YAML: Map keys must be unique']],
    ])('should explain %s', (_case, text, expected) => {
      expect(problemsOf(text)).toEqual(expected);
    });
  });

  it("should read the park's accounting: factor overrides, contracts, budget, counter behaviour", () => {
    const text = VALID.replace('  gridRegion: east-china', '  gridRegion: east-china\n  yearlyBudgetTCo2: 1200')
      .replace('    ratedPowerKw: 500', '    ratedPowerKw: 500\n    counter: { onDecrease: rollover, modulus: 100000 }')
      .concat('factors:\n  version: park-2026.1\n  grid:\n    - { year: 2025, kgCo2PerKwh: 0.53, source: provincial letter }\n')
      .concat('contracts:\n  - { id: GEC-1, kind: certificate, kwh: 1000, from: 2026-01-01, to: 2026-12-31, reference: batch 1 }\n');
    const { topology } = parseRegistry(text, 'park.yaml');
    expect(topology.accounting).toMatchObject({
      factorsVersion: 'park-2026.1',
      gridFactors: [{ year: 2025, kgCo2PerKwh: 0.53, source: 'provincial letter' }],
      contracts: [{ id: 'GEC-1', kind: 'certificate', kwh: 1000, from: '2026-01-01', to: '2026-12-31', kgCo2PerKwh: 0, reference: 'batch 1' }],
      yearlyBudgetTCo2: 1200,
    });
    expect(topology.meters.find((meter) => meter.id === 'B01-MAIN')?.counter).toEqual({ onDecrease: 'rollover', modulus: 100000 });
  });

  it("should give each meter its expected interval: its own `every`, else the park's `meterEvery`", () => {
    const text = VALID.replace('  gridRegion: east-china', '  gridRegion: east-china\n  meterEvery: 10s').replace('    ratedPowerKw: 500', '    ratedPowerKw: 500\n    every: 15m');
    const { topology } = parseRegistry(text, 'park.yaml');
    expect(topology.meters.map((meter) => [meter.id, meter.everyMs])).toEqual([
      ['GRID', 10_000], // the park's 10 s
      ['B01-MAIN', 900_000], // its own 15 min
    ]);
  });

  it('should list every problem at once, not stop at the first', () => {
    const text = VALID.replace('Asia/Shanghai', 'Nowhere').replace('role: grid_import', 'role: grid');
    expect(problemsOf(text)).toHaveLength(2);
  });

  it('should say how many problems there are in the first line of the message', () => {
    expect(() => parseRegistry(VALID.replace('Asia/Shanghai', 'Nowhere'), 'park.yaml')).toThrow(/^the park registry has 1 problem:\n/);
  });
});
