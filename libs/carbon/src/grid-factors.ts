/**
 * Grid emission factors: a versioned table keyed by region, year and kind, each with its source
 * (docs/carbon-method.md). Values are kg CO₂ per kWh, written as the decimals the
 * source publishes.
 *
 * Kinds, as the Ministry of Ecology and Environment (MEE) and the National Bureau of Statistics
 * (NBS) publish them:
 * - `average`: the national, regional or provincial average factor, for location-based Scope 2;
 * - `residual`: the national average excluding market-traded non-fossil electricity (green
 *   power trades, certificates), for the part of market-based Scope 2 no contract covers; it
 *   keeps contracted green power from being counted twice;
 * - `fossil`: the national fossil-fuel electricity factor, shown for reference only.
 *
 * Not in the table yet: the 2021 regional averages and the 2021 residual factor (not checked
 * against the announcement), and the provincial factors. A park that needs them sets them in
 * its registry (`factors.grid`), which also overrides any value here.
 */
export type GridFactorKind = 'average' | 'residual' | 'fossil';

export interface GridFactor {
  region: string;
  year: number;
  kind: GridFactorKind;
  /** kg CO₂ per kWh, as published. */
  kgCo2PerKwh: string;
  source: string;
}

/** Version of the published table; every figure names it (and the registry's overrides, if any). */
export const FACTOR_TABLE_VERSION = 'cn-mee-nbs-2023.2';

const MEE_NBS_2021 = 'MEE & NBS, announcement of the 2021 electricity CO₂ emission factors (12 April 2024)';
const MEE_NBS_2022 = 'MEE & NBS, announcement of the 2022 electricity CO₂ emission factors (26 December 2024)';
const MEE_NBS_2023 = 'MEE & NBS, announcement of the 2023 electricity CO₂ emission factors (January 2026)';

const factor = (region: string, year: number, kind: GridFactorKind, kgCo2PerKwh: string, source: string): GridFactor => ({ region, year, kind, kgCo2PerKwh, source });

export const GRID_FACTORS: readonly GridFactor[] = [
  // MEE/NBS 2021: national average and fossil factors
  factor('national', 2021, 'average', '0.5568', MEE_NBS_2021),
  factor('national', 2021, 'fossil', '0.8426', MEE_NBS_2021),
  // MEE/NBS 2022: national, residual, fossil, and the seven regional grid averages
  factor('national', 2022, 'average', '0.5366', MEE_NBS_2022),
  factor('national', 2022, 'residual', '0.5856', MEE_NBS_2022),
  factor('national', 2022, 'fossil', '0.8325', MEE_NBS_2022),
  factor('north-china', 2022, 'average', '0.6776', MEE_NBS_2022),
  factor('northeast', 2022, 'average', '0.5564', MEE_NBS_2022),
  factor('east-china', 2022, 'average', '0.5617', MEE_NBS_2022),
  factor('central-china', 2022, 'average', '0.5395', MEE_NBS_2022),
  factor('northwest', 2022, 'average', '0.5857', MEE_NBS_2022),
  factor('south', 2022, 'average', '0.3869', MEE_NBS_2022),
  factor('southwest', 2022, 'average', '0.2268', MEE_NBS_2022),
  // MEE/NBS 2023: the same set
  factor('national', 2023, 'average', '0.5306', MEE_NBS_2023),
  factor('national', 2023, 'residual', '0.6096', MEE_NBS_2023),
  factor('national', 2023, 'fossil', '0.8273', MEE_NBS_2023),
  factor('north-china', 2023, 'average', '0.6361', MEE_NBS_2023),
  factor('northeast', 2023, 'average', '0.5122', MEE_NBS_2023),
  factor('east-china', 2023, 'average', '0.5500', MEE_NBS_2023),
  factor('central-china', 2023, 'average', '0.5271', MEE_NBS_2023),
  factor('northwest', 2023, 'average', '0.5543', MEE_NBS_2023),
  factor('south', 2023, 'average', '0.4042', MEE_NBS_2023),
  factor('southwest', 2023, 'average', '0.2472', MEE_NBS_2023),
];

/** Regions with an average factor, the ones a park's `gridRegion` may name. */
export const GRID_REGIONS: readonly string[] = [...new Set(GRID_FACTORS.filter((entry) => entry.kind === 'average').map((entry) => entry.region))];

/**
 * The factor of a region, year and kind: that year's, or the newest published before it (factors
 * come out two years or more late, so 2026 uses 2023 until a newer set exists). The residual and
 * fossil factors are national. Throws when the table has none at or before that year.
 */
export function gridFactorFor(region: string, year: number, kind: GridFactorKind = 'average', table: readonly GridFactor[] = GRID_FACTORS): GridFactor {
  const wanted = kind === 'average' ? region : 'national';
  let newest: GridFactor | undefined;
  for (const entry of table) {
    if (entry.region === wanted && entry.kind === kind && entry.year <= year && (newest === undefined || entry.year > newest.year)) newest = entry;
  }
  if (newest === undefined) throw new Error(`no ${kind} grid factor for "${wanted}" in or before ${year}: set one in the registry under factors.grid`);
  return newest;
}
