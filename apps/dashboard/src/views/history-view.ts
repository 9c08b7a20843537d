import { BUILDING_HISTORY_FIGURES, localDay, PARK_HISTORY_FIGURES } from '@zeropark/carbon';
import type { Message } from '@zeropark/i18n';
import uPlot from 'uplot';
import type { Api } from '../api.js';
import { dayAfter, parkDays } from '../days.js';
import { element, row, setText } from '../dom.js';
import { i18n } from '../i18n.js';
import { valueRange } from './chart-series.js';
import { parkTimeAxis } from './park-time-axis.js';

interface HistoryAnswer {
  unit: string;
  /** The range asked, epoch ms. */
  from: number;
  to: number;
  /** The end of the last minute the stored series holds for the park; later minutes are not in the answer yet. */
  completeThrough?: number | null;
  points: { start: number; period?: string; value: number | null }[];
}

/** The figures the service's history offers (libs/carbon), the most asked for first. */
const FIRST = ['electricityConsumedKwh', 'emissionsLocationKg', 'emissionsMarketKg', 'intensityGPerKwh'];
const PARK_FIGURES = Object.keys(PARK_HISTORY_FIGURES).sort((a, b) => rank(a) - rank(b));
const BUILDING_FIGURES = Object.keys(BUILDING_HISTORY_FIGURES);
const RESOLUTIONS = ['1m', '15m', '1h', '1d', '1mo'] as const;
type Resolution = (typeof RESOLUTIONS)[number];
/** The length of a point below a day; a day's and a month's come from the park's calendar. */
const STEP_MS: Partial<Record<Resolution, number>> = { '1m': 60_000, '15m': 900_000, '1h': 3_600_000 };
const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Any figure of the park or a building over a range at a resolution: chart, table and CSV. The
 * range's days are the park's (its time zone from the registry), so a day's row holds that whole
 * day, as in the reports, wherever the browser is; every time shown is on the park's clock.
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
    const resolution = element<HTMLSelectElement>('history-resolution');
    const chosen = resolution.value;
    resolution.replaceChildren(...RESOLUTIONS.map((value) => new Option(i18n.t(`resolutions.${value}`), value, false, value === chosen)));
    new ResizeObserver(() => this.plot?.setSize({ width: this.chartWidth(), height: 240 })).observe(element('history-chart'));
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
    element('history-building').replaceChildren(new Option(i18n.t('history.wholePark'), ''), ...buildings.map((building) => new Option(building.name, building.id)));
    this.fillFigures();
  }

  async show(): Promise<void> {
    setText('history-status', i18n.t('history.loading'));
    try {
      const answer = await this.api.get<HistoryAnswer>(this.path('history'));
      const resolution = element<HTMLSelectElement>('history-resolution').value as Resolution;
      setText('history-unit', answer.unit);
      // the zone once on the page; every start and period below is on the park's clock
      setText('history-start', `${i18n.t('history.start')} (${this.timezone})`);
      const complete = answer.completeThrough ?? null;
      setText('history-status', [i18n.t('history.points', { count: answer.points.length }), i18n.zone(this.timezone, answer.from), complete === null || complete >= answer.to ? '' : i18n.t('history.completeThrough', { at: i18n.dateTime(complete, this.timezone) })].filter((part) => part !== '').join(' · '));
      element('history-status').dataset.completeThrough = complete === null ? '' : String(complete);
      element('history-rows').replaceChildren(...answer.points.map((point) => row([i18n.dateTime(point.start, this.timezone), point.period ?? this.periodOf(point.start, resolution), i18n.number(point.value, 3)])));
      this.draw(answer, resolution);
    } catch (error) {
      setText('history-status', (error as Error).message);
    }
  }

  /** A minute's, a quarter's or an hour's period as the park reads it: `21:00–22:00`. */
  private periodOf(start: number, resolution: Resolution): string {
    const step = STEP_MS[resolution];
    return step === undefined ? '' : `${i18n.time(start, this.timezone).slice(0, 5)}–${i18n.time(start + step, this.timezone).slice(0, 5)}`;
  }

  private draw(answer: HistoryAnswer, resolution: Resolution): void {
    const data: uPlot.AlignedData = [answer.points.map((point) => point.start / 1000), answer.points.map((point) => point.value)];
    const container = element('history-chart');
    this.plot?.destroy();
    // the axis spans the data, not the whole range asked: five minutes on a week's axis are a dot
    const first = answer.points[0]?.start ?? answer.from;
    const last = (answer.points.at(-1)?.start ?? answer.to) + (STEP_MS[resolution] ?? 0);
    const [min, max] = last > first ? [first / 1000, last / 1000] : [answer.from / 1000, answer.to / 1000];
    const figure = element<HTMLSelectElement>('history-figure');
    this.plot = new uPlot(
      {
        width: this.chartWidth(),
        height: 240,
        // the legend's time as the table's Start column reads it: uPlot's own is "Time" in English, with am/pm
        series: [{ label: i18n.t('history.start'), value: (_, seconds) => (seconds === null ? '–' : i18n.dateTime(seconds * 1000, this.timezone)) }, { label: `${figure.selectedOptions[0]?.textContent ?? ''} (${answer.unit})`, stroke: '#1f7a5c', width: 1.5, points: { show: answer.points.length < 60 } }],
        // the value axis from zero: a near-constant figure would otherwise get a range of width 0 (chart-series.ts)
        scales: { x: { time: true, range: (): uPlot.Range.MinMax => [min, max] }, y: { range: (_, low, high) => valueRange(low, high) as uPlot.Range.MinMax } },
        axes: [parkTimeAxis(() => this.timezone), {}],
        // splits on the park's hours and midnights
        tzDate: (seconds) => uPlot.tzDate(new Date(seconds * 1000), this.timezone),
      },
      data,
      container,
    );
  }

  private chartWidth(): number {
    return Math.max(200, element('history-chart').clientWidth - 20);
  }

  private async download(): Promise<void> {
    try {
      await this.api.download(this.path('history/csv'));
    } catch (error) {
      setText('history-status', (error as Error).message);
    }
  }

  /** The figures, named in words; the code's name stays the option's value (and the CSV's column). */
  private fillFigures(): void {
    const figures = element<HTMLSelectElement>('history-building').value === '' ? PARK_FIGURES : BUILDING_FIGURES;
    element('history-figure').replaceChildren(...figures.map((figure) => new Option(i18n.t(`figures.${figure}` as Message), figure)));
  }

  private path(endpoint: 'history' | 'history/csv'): string {
    const [first, last] = [element<HTMLInputElement>('history-from').value, element<HTMLInputElement>('history-to').value];
    if (!DAY_PATTERN.test(first) || !DAY_PATTERN.test(last)) throw new Error(i18n.t('history.chooseDays'));
    const { from, to } = parkDays(first, last, this.timezone);
    const query = new URLSearchParams({
      figure: element<HTMLSelectElement>('history-figure').value,
      // from the start of the first day to the end of the last, in the park's zone
      from: new Date(from).toISOString(),
      to: new Date(to).toISOString(),
      resolution: element<HTMLSelectElement>('history-resolution').value,
    });
    const building = element<HTMLSelectElement>('history-building').value;
    if (building !== '') query.set('building', building);
    // the CSV's words in the page's language; its values and times are the same in both
    if (endpoint === 'history/csv') query.set('lang', i18n.language);
    return `/parks/${encodeURIComponent(this.parkId ?? '')}/${endpoint}?${query.toString()}`;
  }
}

function rank(figure: string): number {
  const index = FIRST.indexOf(figure);
  return index === -1 ? FIRST.length : index;
}
