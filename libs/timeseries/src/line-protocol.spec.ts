import { QUANTITY_NAMES } from '@zeropark/contracts';
import { describe, expect, it } from 'vitest';
import { LineProtocolWriter, readingToLine } from './line-protocol.js';

describe(readingToLine.name, () => {
  it('should write the reading series with its tags, float fields and millisecond time', () => {
    expect(
      readingToLine({ park: 'p1', building: 'B07', meter: 'B07-MAIN', role: 'building_submeter', carrier: 'electricity', ts: 1_795_900_000_000, values: { energy_import_kwh: 183245.12, power_kw: 84 } }),
    ).toBe('reading,building=B07,carrier=electricity,meter=B07-MAIN,park=p1,role=building_submeter energy_import_kwh=183245.12,power_kw=84.0 1795900000000');
  });

  it('should leave out the building tag of a park-level meter', () => {
    expect(readingToLine({ park: 'p1', building: null, meter: 'GRID', role: 'grid_import', carrier: 'electricity', ts: 1, values: { power_kw: -3.5 } })).toBe(
      'reading,carrier=electricity,meter=GRID,park=p1,role=grid_import power_kw=-3.5 1',
    );
  });

  it('should write every quantity of the contract as a field', () => {
    const values = Object.fromEntries(QUANTITY_NAMES.map((name, index) => [name, index + 0.25]));
    const line = readingToLine({ park: 'p1', building: null, meter: 'GRID', role: 'grid_import', carrier: 'electricity', ts: 1, values });
    expect(line).toBe(`reading,carrier=electricity,meter=GRID,park=p1,role=grid_import ${QUANTITY_NAMES.map((name, index) => `${name}=${index + 0.25}`).join(',')} 1`);
  });

  it('should escape commas, spaces and equals signs in tag values', () => {
    expect(readingToLine({ park: 'p 1', building: 'B=1', meter: 'M,1', role: 'pv', carrier: 'electricity', ts: 5, values: { power_kw: 1.5 } })).toBe(
      'reading,building=B\\=1,carrier=electricity,meter=M\\,1,park=p\\ 1,role=pv power_kw=1.5 5',
    );
  });

  it('should make a meter\'s series key again when its tags change', () => {
    const writer = new LineProtocolWriter();
    const reading = { meter: 'M1', building: 'B01', role: 'building_submeter' as const, carrier: 'electricity' as const, ts: 1, values: { power_kw: 1 } };
    expect(writer.line('p1', reading)).toContain('building=B01');
    expect(writer.line('p1', { ...reading, building: 'B02' })).toContain('building=B02');
  });
});
