import type { ParkSnapshot, PeriodFigures } from '@zeropark/contracts';
import type { Api } from '../api.js';
import { element, row, setText } from '../dom.js';
import { formatAge, formatNumber, formatShare } from '../format.js';
import { energyFlow } from './energy-flow.js';
import { renderEnergyFlow } from './energy-flow-svg.js';
import { LiveChart } from './live-chart.js';

/** Rows of the period table: label, figure, decimals. */
const PERIOD_ROWS: [string, (figures: PeriodFigures) => number | null, number][] = [
  ['Electricity consumed (kWh)', (figures) => figures.electricityConsumedKwh, 1],
  ['Emissions, location-based (kg CO₂)', (figures) => figures.emissionsLocationKg, 1],
  ['Emissions, market-based (kg CO₂)', (figures) => figures.emissionsMarketKg, 1],
  ['Scope 1: gas, diesel (kg CO₂)', (figures) => figures.scope1Kg, 1],
  ['Scope 2 location-based: grid electricity (kg CO₂)', (figures) => figures.scope2LocationKg, 1],
  ['Scope 2 market-based: grid electricity (kg CO₂)', (figures) => figures.scope2MarketKg, 1],
  ['Scope 2: purchased heat (kg CO₂)', (figures) => figures.scope2HeatKg, 1],
  ['Intensity (g CO₂/kWh)', (figures) => figures.intensityGPerKwh, 0],
  ['Unmetered electricity (kWh)', (figures) => figures.unmeteredKwh, 1],
  ['Clean-energy share (%)', (figures) => (figures.cleanEnergyShare === null ? null : figures.cleanEnergyShare * 100), 1],
  ['t CO₂ per tce', (figures) => figures.tCo2PerTce, 3],
];

/**
 * The park overview: figures now and today with the factor set that made them, the energy
 * flow, emissions by period against the budget, the 24-hour chart and the buildings.
 */
export class OverviewView {
  private current: ParkSnapshot | undefined;
  private chart: LiveChart | undefined;
  private chartPark: string | undefined;

  constructor(
    private readonly api: Api,
    private readonly openBuilding: (buildingId: string) => void,
  ) {
    setInterval(() => this.tick(), 1000);
  }

  get snapshot(): ParkSnapshot | undefined {
    return this.current;
  }

  render(snapshot: ParkSnapshot): void {
    this.current = snapshot;
    const { today } = snapshot;
    setText('power', formatNumber(snapshot.power.consumptionKw));
    setText('intensity-now', formatNumber(snapshot.intensityLast5MinGPerKwh, 0));
    setText('intensity-today', formatNumber(today.intensityGPerKwh, 0));
    setText('renewable-share', formatShare(today.renewableShare));
    setText('clean-share', formatShare(today.cleanEnergyShare));
    setText('t-per-tce', formatNumber(today.tCo2PerTce, 3));
    const { grid, residual, factorSetVersion } = snapshot.factor;
    setText(
      'factor',
      `Factor set ${factorSetVersion}: grid ${grid.kgCo2PerKwh} kg CO₂/kWh (${grid.region}${grid.year === null ? '' : ` ${grid.year}`}, ${grid.source}, ${grid.origin}); ` +
        `residual ${residual.kgCo2PerKwh} (${residual.source}). "Today" is ${snapshot.day} in ${snapshot.timezone}.`,
    );
    renderEnergyFlow(element('energy-flow'), energyFlow(snapshot));
    element('periods').replaceChildren(...PERIOD_ROWS.map(([label, pick, digits]) => row([label, ...[snapshot.today, snapshot.month, snapshot.year].map((figures) => formatNumber(pick(figures), digits))])));
    const bar = element<HTMLProgressElement>('budget-bar');
    if (snapshot.budget === null) {
      bar.hidden = true;
      setText('budget', 'No yearly budget set in the registry.');
    } else {
      bar.hidden = false;
      bar.value = Math.min(1, snapshot.budget.usedShare);
      setText('budget', `This year ${formatNumber(snapshot.budget.usedTCo2, 2)} of ${formatNumber(snapshot.budget.yearlyTCo2, 0)} t CO₂ (${formatShare(snapshot.budget.usedShare)} of the budget)`);
    }
    const { quality } = snapshot;
    setText('quality', `Meters reporting ${quality.metersReporting} of ${quality.meters} · implausible intervals ${quality.implausibleIntervals} (outliers dropped ${quality.outlierReadings}, jumps confirmed ${quality.counterJumps}) · counter resets ${quality.counterResets}, rollovers ${quality.counterRollovers} · stale readings ${quality.staleReadings} · late readings ${quality.lateReadings}${quality.backlogMinutes > 0 ? ` · catching up: ${quality.backlogMinutes.toLocaleString('en-US')} minutes of late readings not yet in these figures` : ''}`);
    element('buildings').replaceChildren(
      ...snapshot.buildings.map((building) => {
        const age = document.createElement('span');
        age.className = 'age';
        if (building.lastReadingAt !== null) age.dataset.lastReadingAt = String(building.lastReadingAt);
        const tr = row([building.name, formatNumber(building.powerKw), formatNumber(building.today.electricityKwh), formatNumber(building.today.emissionsKg), age], { building: building.buildingId });
        tr.tabIndex = 0;
        tr.addEventListener('click', () => this.openBuilding(building.buildingId));
        tr.addEventListener('keydown', (event) => event.key === 'Enter' && this.openBuilding(building.buildingId));
        return tr;
      }),
    );
    this.renderAges();
    if (this.chartPark !== snapshot.parkId) void this.loadChart(snapshot.parkId, snapshot.timezone);
  }

  /** The last 24 h from the carbon series, a point a minute; live seconds are added after. */
  private async loadChart(parkId: string, timezone: string): Promise<void> {
    this.chartPark = parkId;
    this.chart ??= new LiveChart(element('live-chart'));
    const to = Date.now();
    const range = `from=${to - 86_400_000}&to=${to}&resolution=1m`;
    try {
      type History = { points: { start: number; value: number | null }[] };
      const [energy, intensity] = await Promise.all([
        this.api.get<History>(`/parks/${encodeURIComponent(parkId)}/history?figure=electricityConsumedKwh&${range}`),
        this.api.get<History>(`/parks/${encodeURIComponent(parkId)}/history?figure=intensityGPerKwh&${range}`),
      ]);
      const intensityAt = new Map(intensity.points.map((point) => [point.start, point.value]));
      // kWh in a minute × 60 = the minute's average kW
      this.chart.reset(energy.points.map((point) => ({ time: point.start / 1000, powerKw: point.value === null ? null : point.value * 60, intensity: intensityAt.get(point.start) ?? null })), timezone);
    } catch {
      this.chart.reset([], timezone);
    }
  }

  private tick(): void {
    this.renderAges();
    const snapshot = this.current;
    if (snapshot !== undefined && this.chart !== undefined && this.chartPark === snapshot.parkId) {
      this.chart.extend(Math.floor(Date.now() / 1000), snapshot.power.consumptionKw, snapshot.intensityLast5MinGPerKwh);
      element('live-chart').dataset.points = String(this.chart.length);
    }
  }

  /** Ages move on between snapshots: every second, each "… ago" is written again. */
  private renderAges(): void {
    const now = Date.now();
    if (this.current !== undefined) setText('freshness', `Newest reading: ${formatAge(this.current.lastReadingAt, now)}`);
    for (const cell of document.querySelectorAll<HTMLElement>('#buildings .age')) {
      const lastReadingAt = cell.dataset.lastReadingAt;
      cell.textContent = formatAge(lastReadingAt === undefined ? null : Number(lastReadingAt), now);
    }
  }
}
