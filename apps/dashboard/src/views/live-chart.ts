import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { i18n } from '../i18n.js';
import { ChartSeries, timeRange, valueRange } from './chart-series.js';
import { parkTimeAxis } from './park-time-axis.js';

/** The plot's height in CSS pixels (axes included, legend below it); its width is the panel's. */
const HEIGHT = 240;
/** Narrower than this the axes leave no room to plot; a 360 px phone's panel is about 320 px. */
const MIN_WIDTH = 200;

/**
 * The 24-hour chart: power consumed (kW) and carbon intensity (gCO₂/kWh) against time, built
 * once and extended every second; `ChartSeries` keeps its points bounded. It follows its
 * panel's width, and keeps its size while the panel is hidden (width 0) on another route. Its
 * time axis reads in the park's time zone, wherever the browser is.
 */
export class LiveChart {
  private readonly series = new ChartSeries();
  private readonly plot: uPlot;
  private timezone: string | undefined;

  constructor(private readonly container: HTMLElement) {
    const range = (_: uPlot, min: number | null, max: number | null) => valueRange(min, max) as uPlot.Range.MinMax;
    this.plot = new uPlot(
      {
        width: this.width() ?? 900,
        height: HEIGHT,
        scales: { x: { time: true, range: (_, min, max) => timeRange(min, max) as uPlot.Range.MinMax }, kw: { range }, g: { range } },
        series: [
          {},
          { label: i18n.t('overview.chartPower'), scale: 'kw', stroke: '#1f7a5c', width: 1.5, spanGaps: false },
          { label: i18n.t('overview.chartIntensity'), scale: 'g', stroke: '#c9762b', width: 1, spanGaps: false },
        ],
        axes: [parkTimeAxis(() => this.timezone ?? 'UTC'), { scale: 'kw', label: i18n.t('units.kw') }, { scale: 'g', side: 1, label: i18n.t('units.gPerKwh'), grid: { show: false } }],
        legend: { live: false },
        tzDate: (seconds) => (this.timezone === undefined ? new Date(seconds * 1000) : uPlot.tzDate(new Date(seconds * 1000), this.timezone)),
      },
      [[], [], []],
      container,
    );
    new ResizeObserver(() => {
      const width = this.width();
      if (width !== undefined && width !== this.plot.width) this.plot.setSize({ width, height: HEIGHT });
    }).observe(container);
  }

  /** Starts again from history: one point per minute, `time` in epoch seconds, shown in the park's time zone (IANA). */
  reset(points: { time: number; powerKw: number | null; intensity: number | null }[], timezone: string): void {
    this.timezone = timezone;
    this.series.clear();
    for (const point of points) this.series.push(point.time, point.powerKw, point.intensity);
    this.redraw();
  }

  /** One more point at the end. */
  extend(time: number, powerKw: number | null, intensity: number | null): void {
    this.series.extend(time, powerKw, intensity);
    this.redraw();
  }

  get length(): number {
    return this.series.length;
  }

  /** The panel's content width; undefined while it is hidden. */
  private width(): number | undefined {
    const width = this.container.clientWidth;
    return width === 0 ? undefined : Math.max(MIN_WIDTH, width);
  }

  private redraw(): void {
    this.plot.setData([this.series.times, this.series.power, this.series.intensity]);
  }
}
