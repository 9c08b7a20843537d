import type { ParkAccounting, SourcedValue } from '@zeropark/contracts';
import { dec, type Decimal } from './decimal.js';
import { DEFAULT_FUEL_FACTORS, type FuelFactors } from './fuel-factors.js';
import { FACTOR_TABLE_VERSION, GRID_FACTORS, gridFactorFor } from './grid-factors.js';
import { localDay, localHour } from './local-day.js';

/** A grid factor applied to one interval, with where it came from: every figure can name it. */
export interface AppliedGridFactor {
  kgCo2PerKwh: Decimal;
  region: string;
  /** Year of the published factor (for the table and yearly overrides); null for hourly and live ones. */
  year: number | null;
  origin: 'table' | 'registry' | 'hourly-profile' | 'live-feed';
  source: string;
}

/** A grid intensity from a live feed (MQTT `grids/{region}/intensity`), valid for a span of time. */
export interface LiveGridFactor {
  from: number;
  to: number;
  kgCo2PerKwh: number;
  source: string;
}

/**
 * The factors that apply to one park, interval by interval: the published table (FACTOR_TABLE_VERSION),
 * overridden by the park's registry (yearly values, an hourly profile, fuel factors), overridden
 * in turn by a live feed. Its `version` names all of them, and every figure carries it.
 */
export class FactorSet {
  readonly version: string;
  readonly fuels: { naturalGasKgCo2PerM3: Decimal; dieselKgCo2PerL: Decimal; dieselDensityKgPerL: Decimal; heatKgCo2PerGj: Decimal };
  /** The fuel factors in use, with their sources, for the factor table and the method page. */
  readonly fuelSources: FuelFactors;
  private live: LiveGridFactor[] = [];
  private lastYear: { minute: number; year: number } = { minute: Number.NaN, year: 0 };

  constructor(
    private readonly parkId: string,
    private readonly region: string,
    private readonly timezone: string,
    private readonly accounting: ParkAccounting,
  ) {
    const pick = (override: SourcedValue | null, fallback: SourcedValue): SourcedValue => override ?? fallback;
    this.fuelSources = {
      naturalGasKgCo2PerM3: pick(accounting.naturalGasKgCo2PerM3, DEFAULT_FUEL_FACTORS.naturalGasKgCo2PerM3),
      dieselKgCo2PerKg: pick(accounting.dieselKgCo2PerKg, DEFAULT_FUEL_FACTORS.dieselKgCo2PerKg),
      dieselDensityKgPerL: pick(accounting.dieselDensityKgPerL, DEFAULT_FUEL_FACTORS.dieselDensityKgPerL),
      heatKgCo2PerGj: pick(accounting.heatKgCo2PerGj, DEFAULT_FUEL_FACTORS.heatKgCo2PerGj),
    };
    this.fuels = {
      naturalGasKgCo2PerM3: dec(this.fuelSources.naturalGasKgCo2PerM3.value),
      // litres × kg/l × kg CO₂/kg
      dieselKgCo2PerL: dec(this.fuelSources.dieselDensityKgPerL.value).times(dec(this.fuelSources.dieselKgCo2PerKg.value)),
      dieselDensityKgPerL: dec(this.fuelSources.dieselDensityKgPerL.value),
      heatKgCo2PerGj: dec(this.fuelSources.heatKgCo2PerGj.value),
    };
    this.version = accounting.factorsVersion === null ? FACTOR_TABLE_VERSION : `${FACTOR_TABLE_VERSION}+${parkId}:${accounting.factorsVersion}`;
  }

  /** The version including the live feed, when one is in use. */
  versionAt(epochMs: number): string {
    return this.liveAt(epochMs) === undefined ? this.version : `${this.version}+live`;
  }

  /** Takes one more live value; where spans overlap, the newest message wins. Keeps the last 1000. */
  addLiveFactor(factor: LiveGridFactor): void {
    this.live = [factor, ...this.live].slice(0, 1000);
  }

  /** Location-based grid factor of the interval starting at `epochMs`: live feed, else hourly profile, else the year's. */
  gridAverageAt(epochMs: number): AppliedGridFactor {
    const live = this.liveAt(epochMs);
    if (live !== undefined) return { kgCo2PerKwh: dec(live.kgCo2PerKwh), region: this.region, year: null, origin: 'live-feed', source: live.source };
    if (this.accounting.hourlyGridFactors.length > 0) {
      const hour = localHour(epochMs, this.timezone);
      const hourly = this.accounting.hourlyGridFactors.find((entry) => entry.hour === hour);
      if (hourly !== undefined) return { kgCo2PerKwh: dec(hourly.kgCo2PerKwh), region: this.region, year: null, origin: 'hourly-profile', source: hourly.source };
    }
    const year = this.yearOf(epochMs);
    const override = this.accounting.gridFactors.filter((entry) => entry.year <= year).sort((a, b) => b.year - a.year)[0];
    const published = tryGridFactor(this.region, year, 'average');
    // the registry's value wins when it is for a year at least as recent as the table's
    if (override !== undefined && (published === undefined || override.year >= published.year)) {
      return { kgCo2PerKwh: dec(override.kgCo2PerKwh), region: this.region, year: override.year, origin: 'registry', source: override.source };
    }
    if (published === undefined) throw new Error(`park "${this.parkId}": no grid factor for "${this.region}" in or before ${year}; set one in the registry under factors.grid`);
    return { kgCo2PerKwh: dec(published.kgCo2PerKwh), region: published.region, year: published.year, origin: 'table', source: published.source };
  }

  /**
   * Factor for grid electricity no contract covers, in market-based Scope 2: China's national
   * average excluding market-traded non-fossil electricity, so contracted green power is not
   * counted twice (GHG Protocol Scope 2 Guidance: residual mix; the location factor where none).
   */
  residualAt(epochMs: number): AppliedGridFactor {
    const published = tryGridFactor('national', this.yearOf(epochMs), 'residual');
    if (published === undefined) return this.gridAverageAt(epochMs);
    return { kgCo2PerKwh: dec(published.kgCo2PerKwh), region: 'national', year: published.year, origin: 'table', source: published.source };
  }

  private liveAt(epochMs: number): LiveGridFactor | undefined {
    return this.live.find((entry) => entry.from <= epochMs && epochMs < entry.to);
  }

  private yearOf(epochMs: number): number {
    // the same minute is asked for again and again while readings arrive
    if (this.lastYear.minute !== epochMs) this.lastYear = { minute: epochMs, year: Number(localDay(epochMs, this.timezone).slice(0, 4)) };
    return this.lastYear.year;
  }
}

function tryGridFactor(region: string, year: number, kind: 'average' | 'residual') {
  try {
    return gridFactorFor(region, year, kind, GRID_FACTORS);
  } catch {
    return undefined;
  }
}
