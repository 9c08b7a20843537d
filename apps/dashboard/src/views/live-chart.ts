import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { ChartSeries } from './chart-series.js';

/**
 * The 24-hour chart: power consumed (kW) and carbon intensity (gCO₂/kWh) against time, built
 * once and extended every second; `ChartSeries` keeps its points bounded.
 */
export class LiveChart {
  private readonly series = new ChartSeries();
  private readonly plot: uPlot;

  constructor(container: HTMLElement) {
    const width = Math.max(320, container.clientWidth || 900);
    this.plot = new uPlot(
      {
        width,
        height: 260,
        scales: { x: { time: true }, kw: {}, g: {} },
        series: [
          {},
          { label: 'Power consumed (kW)', scale: 'kw', stroke: '#1f7a5c', width: 1.5, spanGaps: false },
          { label: 'Intensity (gCO₂/kWh)', scale: 'g', stroke: '#c9762b', width: 1, spanGaps: false },
        ],
        axes: [{}, { scale: 'kw', label: 'kW' }, { scale: 'g', side: 1, label: 'g/kWh', grid: { show: false } }],
        legend: { live: false },
      },
      [[], [], []],
      container,
    );
    new ResizeObserver(() => this.plot.setSize({ width: Math.max(320, container.clientWidth), height: 260 })).observe(container);
  }

  /** Starts again from history: one point per minute, `time` in epoch seconds. */
  reset(points: { time: number; powerKw: number | null; intensity: number | null }[]): void {
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

  private redraw(): void {
    this.plot.setData([this.series.times, this.series.power, this.series.intensity]);
  }
}
