import { localDay, localDayStart } from '@zeropark/carbon';
import uPlot from 'uplot';
import type { Api } from '../api.js';
import { element, row, setText } from '../dom.js';
import { formatNumber } from '../format.js';

interface HistoryAnswer {
  unit: string;
  /** The range asked, epoch ms. */
  from: number;
  to: number;
  points: { start: number; period?: string; value: number | null }[];
}

const PARK_FIGURES = [
  'electricityConsumedKwh', 'emissionsLocationKg', 'emissionsMarketKg', 'intensityGPerKwh', 'gridImportKwh', 'gridExportKwh', 'generationKwh',
  'scope1Kg', 'scope2LocationKg', 'scope2MarketKg', 'scope2HeatKg', 'gasM3', 'dieselL', 'heatGj', 'renewableShare', 'cleanEnergyShare', 'energyTce', 'tCo2PerTce', 'unmeteredKwh',
];
const BUILDING_FIGURES = ['electricityKwh', 'emissionsKg', 'gasM3', 'dieselL', 'heatGj'];
const DAY = 86_400_000;
const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Any figure of the park or a building over a range at a resolution: chart, table and CSV. The
 * range's days are the park's (its time zone from the registry), so a day's row holds that whole
 * day, as in the reports, wherever the browser is.
 */
export class HistoryView {
  private parkId: string | undefined;
  private timezone = 'UTC';
  private plot: uPlot | undefined;

  constructor(private readonly api: Api) {
    element('history-building').addEventListener('change', () => this.fillFigures());
    element('history-form').addEventListener('submit', (event) => {
      event.preventDefault();
      void this.show();
    });
    element('history-csv').addEventListener('click', () => void this.download());
    this.fillFigures();
  }

  setPark(parkId: string, buildings: { id: string; name: string }[], timezone: string): void {
    if (this.parkId === parkId) return;
    this.parkId = parkId;
    this.timezone = timezone;
    // the last seven days of the park
    const today = localDay(Date.now(), timezone);
    element<HTMLInputElement>('history-from').value = dayAfter(today, -6);
    element<HTMLInputElement>('history-to').value = today;
    element('history-building').replaceChildren(new Option('the whole park', ''), ...buildings.map((building) => new Option(building.name, building.id)));
    this.fillFigures();
  }

  async show(): Promise<void> {
    setText('history-status', 'loading…');
    try {
      const answer = await this.api.get<HistoryAnswer>(this.path('history'));
      setText('history-unit', answer.unit);
      setText('history-status', answer.points.length === 1 ? '1 point' : `${answer.points.length} points`);
      // starts on the park's clock, as its days are
      setText('history-start', `Start (${this.timezone})`);
      const startOf = (point: HistoryAnswer['points'][number]) => new Date(point.start).toLocaleString(undefined, { timeZone: this.timezone });
      element('history-rows').replaceChildren(...answer.points.map((point) => row([startOf(point), point.period ?? '', formatNumber(point.value, 3)])));
      const data: uPlot.AlignedData = [answer.points.map((point) => point.start / 1000), answer.points.map((point) => point.value)];
      const container = element('history-chart');
      this.plot?.destroy();
      this.plot = new uPlot(
        {
          width: Math.max(320, container.clientWidth - 20),
          height: 240,
          series: [{}, { label: answer.unit, stroke: '#1f7a5c', width: 1.5 }],
          // the range asked, on the park's clock
          scales: { x: { time: true, range: (): uPlot.Range.MinMax => [answer.from / 1000, answer.to / 1000] } },
          tzDate: (seconds) => uPlot.tzDate(new Date(seconds * 1000), this.timezone),
        },
        data,
        container,
      );
    } catch (error) {
      setText('history-status', (error as Error).message);
    }
  }

  private async download(): Promise<void> {
    try {
      await this.api.download(this.path('history/csv'));
    } catch (error) {
      setText('history-status', (error as Error).message);
    }
  }

  private fillFigures(): void {
    const figures = element<HTMLSelectElement>('history-building').value === '' ? PARK_FIGURES : BUILDING_FIGURES;
    element('history-figure').replaceChildren(...figures.map((figure) => new Option(figure, figure)));
  }

  private path(endpoint: 'history' | 'history/csv'): string {
    const [first, last] = [element<HTMLInputElement>('history-from').value, element<HTMLInputElement>('history-to').value];
    if (!DAY_PATTERN.test(first) || !DAY_PATTERN.test(last)) throw new Error('choose the first and the last day');
    const query = new URLSearchParams({
      figure: element<HTMLSelectElement>('history-figure').value,
      // from the start of the first day to the end of the last, in the park's zone
      from: new Date(localDayStart(first, this.timezone)).toISOString(),
      to: new Date(localDayStart(dayAfter(last, 1), this.timezone)).toISOString(),
      resolution: element<HTMLSelectElement>('history-resolution').value,
    });
    const building = element<HTMLSelectElement>('history-building').value;
    if (building !== '') query.set('building', building);
    return `/parks/${encodeURIComponent(this.parkId ?? '')}/${endpoint}?${query.toString()}`;
  }
}

/** The calendar day `days` after `day` (`YYYY-MM-DD`). */
function dayAfter(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}
