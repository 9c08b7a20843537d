import { describe, expect, it } from 'vitest';
import { acceptedBatchSchema, type AcceptedReading } from './accepted-batch.schema.js';
import { AcceptedReadingsJson } from './accepted-readings-json.js';
import { QUANTITY_NAMES } from './quantities.js';

const GRID: AcceptedReading = { meter: 'GRID', building: null, role: 'grid_import', carrier: 'electricity', ts: 1_764_325_800_000, values: { energy_import_kwh: 183_245.12, power_kw: 84.2 } };
const SUB: AcceptedReading = { meter: 'B07-MAIN', building: 'B07', role: 'building_submeter', carrier: 'electricity', ts: 1_764_325_800_001, values: { power_kw: -0.5, energy_import_kwh: 12 } };

describe(AcceptedReadingsJson.name, () => {
  it('should write what JSON.stringify writes for readings whose quantities are in the order of QUANTITIES', () => {
    const readings = [GRID, { ...SUB, values: { energy_import_kwh: 12, power_kw: -0.5 } }];
    expect(new AcceptedReadingsJson().text('p1', readings)).toBe(JSON.stringify(readings));
  });

  it('should write text that parses to the readings, whatever the order of their quantities', () => {
    expect(JSON.parse(new AcceptedReadingsJson().text('p1', [SUB, GRID]))).toEqual([SUB, GRID]);
  });

  it('should write every quantity of the contract', () => {
    const values = Object.fromEntries(QUANTITY_NAMES.map((name, index) => [name, index + 0.25]));
    const reading = { ...GRID, values };
    expect(JSON.parse(new AcceptedReadingsJson().text('p1', [reading]))).toEqual([reading]);
  });

  it('should write an empty array for no readings', () => {
    expect(new AcceptedReadingsJson().text('p1', [])).toBe('[]');
  });

  it('should write a meter as the registry now describes it, after the registry moved it to another building', () => {
    const json = new AcceptedReadingsJson();
    json.text('p1', [SUB]);
    const moved = { ...SUB, building: 'B08' };
    expect(JSON.parse(json.text('p1', [moved]))).toEqual([moved]);
  });

  it('should keep parks apart: the same meter id in two parks is two meters', () => {
    const json = new AcceptedReadingsJson();
    const other = { ...SUB, building: 'HALL-1', role: 'pv' as const };
    expect(JSON.parse(json.text('p1', [SUB]))).toEqual([SUB]);
    expect(JSON.parse(json.text('p2', [other]))).toEqual([other]);
    expect(JSON.parse(json.text('p1', [SUB]))).toEqual([SUB]);
  });

  it('should write readings the bus contract accepts', () => {
    const readings = JSON.parse(new AcceptedReadingsJson().text('p1', [GRID, SUB])) as unknown;
    expect(acceptedBatchSchema.safeParse({ v: 1, park: 'p1', gateway: 'g1', seq: 7, receivedAt: GRID.ts, readings }).success).toBe(true);
  });
});
