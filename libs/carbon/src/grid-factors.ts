/**
 * Grid emission factors: a versioned table keyed by region, year and kind, each with its source
 * (DESIGN.md, "Carbon accounting"). Location-based Scope 2 multiplies gross grid import by these.
 *
 * Only the two averages DESIGN.md cites are here yet; the full MEE/NBS table for 2021–2023 and
 * every regional grid comes with the carbon accounting issue.
 */
export interface GridFactor {
  region: string;
  year: number;
  kind: 'average';
  kgCo2PerKwh: number;
  source: string;
}

export const FACTOR_SET_VERSION = 'cn-mee-nbs-2023.1';

const MEE_NBS_2023 = 'MEE/NBS announcement of 2023 electricity CO₂ emission factors (average factors)';

export const GRID_FACTORS: readonly GridFactor[] = [
  // MEE/NBS 2023 national grid average
  { region: 'national', year: 2023, kind: 'average', kgCo2PerKwh: 0.5306, source: MEE_NBS_2023 },
  // MEE/NBS 2023 East China grid average
  { region: 'east-china', year: 2023, kind: 'average', kgCo2PerKwh: 0.55, source: MEE_NBS_2023 },
];

export const GRID_REGIONS: readonly string[] = [...new Set(GRID_FACTORS.map((factor) => factor.region))];

/**
 * The factor for a region and year: that year's, or the newest published before it (factors are
 * published a year or two late, so 2026 uses 2023 until a newer set exists).
 */
export function gridFactorFor(region: string, year: number): GridFactor {
  const candidates = GRID_FACTORS.filter((factor) => factor.region === region && factor.year <= year);
  const newest = candidates.sort((a, b) => b.year - a.year)[0];
  if (newest === undefined) throw new Error(`no grid factor for region "${region}" in or before ${year}`);
  return newest;
}
