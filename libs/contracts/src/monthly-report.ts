import type { BuildingPeriodFigures, GridFactorInUse, PeriodFigures } from './live-events.js';

/**
 * A park's monthly carbon report (the dashboard prints it): energy by carrier, emissions by
 * scope (location- and market-based), intensity, the zero-carbon-park KPIs and where each
 * factor came from. Every figure is a sum of the `carbon` series over the park's calendar month.
 */
export interface MonthlyReport {
  park: { id: string; name: string; timezone: string; gridRegion: string };
  /** `YYYY-MM` in the park's time zone. */
  month: string;
  /** The month's first instant and the next month's, epoch ms. */
  from: number;
  to: number;
  /** When the report was made, epoch ms; a month still running is reported up to then. */
  madeAt: number;
  /**
   * The `carbon` series held every minute before this instant when the report was read, epoch ms
   * (`quality.seriesCompleteThrough` of the snapshot): a month still running, or one a backlog is
   * still being written into, is complete only up to here; the live "today" also holds the minutes
   * after it. Null when the service could not say (it always can once started).
   */
  completeThrough: number | null;
  figures: PeriodFigures;
  /** This month's location-based emissions against a twelfth of the yearly budget; null when none is set. */
  budget: { yearlyTCo2: number; monthTCo2: number; shareOfYear: number } | null;
  buildings: (BuildingPeriodFigures & { id: string; name: string })[];
  /** Each day of the month with data: electricity consumed and emissions. */
  days: { day: string; electricityConsumedKwh: number; emissionsLocationKg: number; emissionsMarketKg: number }[];
  provenance: {
    /** Every factor set version that made the month's minutes (more than one when factors changed or history was restated). */
    factorSetVersions: string[];
    factorTableVersion: string;
    /** The grid factor of the month's first minute (location-based), with its source. */
    gridFactor: GridFactorInUse;
    /** The residual factor (market-based, grid electricity no contract covers). */
    residualFactor: GridFactorInUse;
    /** Each fuel and heat factor, unrounded; `id` names it for a page that words it in its own language. */
    fuels: { id: 'naturalGasKgCo2PerM3' | 'dieselKgCo2PerKg' | 'dieselDensityKgPerL' | 'heatKgCo2PerGj'; name: string; value: number; unit: string; source: string }[];
    /** The registry's overrides, named; empty when the published factors apply. */
    overrides: string[];
    method: string;
  };
}
