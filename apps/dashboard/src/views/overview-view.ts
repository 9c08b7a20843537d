import type { BuildingSnapshot, ParkSnapshot, PeriodFigures, PowerFreshness } from '@zeropark/contracts';
import type { Message } from '@zeropark/i18n';
import type { Api } from '../api.js';
import { element, row, setText } from '../dom.js';
import { i18n } from '../i18n.js';
import { energyFlow } from './energy-flow.js';
import { renderEnergyFlow } from './energy-flow-svg.js';
import { LiveChart } from './live-chart.js';

/** Rows of the period table: label, figure, decimals. */
const PERIOD_ROWS: [Message, (figures: PeriodFigures) => number | null, number][] = [
  ['periods.electricityConsumedKwh', (figures) => figures.electricityConsumedKwh, 1],
  ['periods.emissionsLocationKg', (figures) => figures.emissionsLocationKg, 1],
  ['periods.emissionsMarketKg', (figures) => figures.emissionsMarketKg, 1],
  ['periods.scope1Kg', (figures) => figures.scope1Kg, 1],
  ['periods.scope2LocationKg', (figures) => figures.scope2LocationKg, 1],
  ['periods.scope2MarketKg', (figures) => figures.scope2MarketKg, 1],
  ['periods.scope2HeatKg', (figures) => figures.scope2HeatKg, 1],
  ['periods.intensityGPerKwh', (figures) => figures.intensityGPerKwh, 0],
  ['periods.unmeteredKwh', (figures) => figures.unmeteredKwh, 1],
  ['periods.cleanEnergyShare', (figures) => (figures.cleanEnergyShare === null ? null : figures.cleanEnergyShare * 100), 1],
  ['periods.tCo2PerTce', (figures) => figures.tCo2PerTce, 3],
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
    this.renderPower(snapshot.power.consumptionKw, snapshot.powerFreshness);
    setText('intensity-now', i18n.number(snapshot.intensityLast5MinGPerKwh, 0));
    setText('intensity-today', i18n.number(today.intensityGPerKwh, 0));
    setText('renewable-share', i18n.share(today.renewableShare));
    setText('clean-share', i18n.share(today.cleanEnergyShare));
    setText('t-per-tce', i18n.number(today.tCo2PerTce, 3));
    const { grid, residual, factorSetVersion } = snapshot.factor;
    setText(
      'factor',
      `${i18n.t('overview.factor', {
        version: factorSetVersion,
        grid: grid.kgCo2PerKwh,
        region: `${grid.region}${grid.year === null ? '' : ` ${grid.year}`}`,
        source: grid.source,
        origin: grid.origin,
        residual: residual.kgCo2PerKwh,
        residualSource: residual.source,
        day: snapshot.day,
      })} ${i18n.zone(snapshot.timezone, snapshot.at)}`,
    );
    renderEnergyFlow(element('energy-flow'), energyFlow(snapshot, i18n));
    element('periods').replaceChildren(...PERIOD_ROWS.map(([label, pick, digits]) => row([i18n.t(label), ...[snapshot.today, snapshot.month, snapshot.year].map((figures) => i18n.number(pick(figures), digits))])));
    const bar = element<HTMLProgressElement>('budget-bar');
    if (snapshot.budget === null) {
      bar.hidden = true;
      setText('budget', i18n.t('overview.noBudget'));
    } else {
      bar.hidden = false;
      bar.value = Math.min(1, snapshot.budget.usedShare);
      setText('budget', i18n.t('overview.budget', { used: i18n.number(snapshot.budget.usedTCo2, 2), budget: i18n.number(snapshot.budget.yearlyTCo2, 0), share: i18n.share(snapshot.budget.usedShare) }));
    }
    const { quality } = snapshot;
    const counts = {
      reporting: quality.metersReporting,
      meters: quality.meters,
      implausible: quality.implausibleIntervals,
      outliers: quality.outlierReadings,
      jumps: quality.counterJumps,
      resets: quality.counterResets,
      rollovers: quality.counterRollovers,
      stale: quality.staleReadings,
      late: quality.lateReadings,
    };
    setText('quality', [i18n.t('overview.quality', counts), ...(quality.backlogMinutes > 0 ? [i18n.t('overview.catchingUp', { minutes: i18n.number(quality.backlogMinutes, 0) })] : [])].join(' · '));
    element('buildings').replaceChildren(
      ...snapshot.buildings.map((building) => {
        const age = document.createElement('span');
        age.className = 'age';
        if (building.lastReadingAt !== null) age.dataset.lastReadingAt = String(building.lastReadingAt);
        const tr = row([building.name, buildingPower(building), i18n.number(building.today.electricityKwh), i18n.number(building.today.emissionsKg), age], { building: building.buildingId, power: building.powerFreshness.state });
        tr.tabIndex = 0;
        tr.addEventListener('click', () => this.openBuilding(building.buildingId));
        tr.addEventListener('keydown', (event) => event.key === 'Enter' && this.openBuilding(building.buildingId));
        return tr;
      }),
    );
    this.renderAges();
    if (this.chartPark !== snapshot.parkId) void this.loadChart(snapshot.parkId, snapshot.timezone);
  }

  /**
   * The park's power now; while its own meters are not live, what they last read, greyed, with
   * its age (docs/carbon-method.md, §1 "Power now"), never as "now".
   */
  private renderPower(consumptionKw: number, freshness: PowerFreshness): void {
    const output = element('power');
    output.dataset.state = freshness.state;
    output.classList.toggle('stale', freshness.state === 'stale' || freshness.state === 'none');
    output.textContent = freshness.state === 'stale' ? i18n.number(freshness.staleKw) : freshness.state === 'none' ? '–' : i18n.number(consumptionKw);
    const note = element('power-note');
    note.hidden = freshness.state === 'live';
    note.textContent = freshness.state === 'live' ? '' : powerNote(freshness, Date.now());
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
    if (this.current !== undefined) {
      setText('freshness', i18n.t('overview.newestReading', { age: i18n.age(this.current.lastReadingAt, now) }));
      const freshness = this.current.powerFreshness;
      if (freshness.state !== 'live') setText('power-note', powerNote(freshness, now));
    }
    for (const cell of document.querySelectorAll<HTMLElement>('#buildings .age')) {
      const lastReadingAt = cell.dataset.lastReadingAt;
      cell.textContent = i18n.age(lastReadingAt === undefined ? null : Number(lastReadingAt), now);
    }
  }
}

/** Why a power figure is not "now": stale since when (its last reading's age), or which meters are missing from it. */
function powerNote(freshness: PowerFreshness, now: number): string {
  if (freshness.state === 'none') return i18n.t('overview.powerNone');
  if (freshness.state === 'stale') return i18n.t('overview.powerStale', { age: i18n.age(freshness.asOf, now) });
  const named = freshness.staleMeters.map((meter) => meter.meterId);
  // the snapshot names a few; the rest are counted
  const more = freshness.staleCount - named.length;
  return i18n.t('overview.powerPartial', { meters: [...named, ...(more > 0 ? [i18n.t('overview.moreMeters', { count: more })] : [])].join(i18n.t('list.separator')) });
}

/** A building's power cell: live, its power; partial, its live meters' sum marked as such; stale, what it last read, greyed, with its age. */
function buildingPower(building: BuildingSnapshot): HTMLElement {
  const cell = document.createElement('span');
  const { state, staleKw } = building.powerFreshness;
  cell.className = `power power-${state}`;
  cell.textContent = state === 'stale' ? i18n.number(staleKw) : state === 'none' ? '–' : i18n.number(building.powerKw);
  if (state !== 'live') cell.title = powerNote(building.powerFreshness, Date.now());
  if (state === 'partial') cell.append(' *');
  return cell;
}
