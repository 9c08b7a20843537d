import { GRID_FACTORS, FACTOR_TABLE_VERSION } from '@zeropark/carbon';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const doc = readFileSync(join(import.meta.dirname, '../../docs/carbon-method.md'), 'utf8');
const YEARS = [2021, 2022, 2023];

/** The cells of the factor table row whose first cell starts with `label`. */
function row(label: string): string[] {
  const line = doc.split('\n').find((candidate) => candidate.startsWith(`| ${label}`));
  if (line === undefined) throw new Error(`docs/carbon-method.md has no factor row for ${label}`);
  return line.split('|').slice(2, -1).map((cell) => cell.trim());
}

describe('docs/carbon-method.md', () => {
  it('should show every factor of the table, for its region, kind and year, and the table version', () => {
    expect(doc).toContain(FACTOR_TABLE_VERSION);
    for (const factor of GRID_FACTORS) {
      const label = factor.region === 'national' ? { average: 'national (average)', residual: 'national, excluding', fossil: 'national, fossil' }[factor.kind] : factor.region;
      expect(row(label)[YEARS.indexOf(factor.year)], `${factor.region} ${factor.kind} ${factor.year}`).toBe(factor.kgCo2PerKwh);
    }
  });
});
