import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

const DAY_S = 86_400;

/**
 * The 24-hour chart: power consumed (kW) and carbon intensity (gCO₂/kWh) against time. It is
 * built once and extended every second with the newest values; points older than 24 h leave,
 * so a wall display left open for days holds at most a day of points.
 */
export class LiveChart {
  private readonly times: number[] = [];
  private readonly power: (number | null)[] = [];
  private readonly intensity: (number | null)[] = [];
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

  /** Starts again from history: one point per minute, `times` in epoch seconds. */
  reset(points: { time: number; powerKw: number | null; intensity: number | null }[]): void {
    this.times.length = 0;
    this.power.length = 0;
    this.intensity.length = 0;
    for (const point of points) this.push(point.time, point.powerKw, point.intensity);
    this.redraw();
  }

  /** One more point at the end, the oldest beyond 24 h dropped. */
  extend(time: number, powerKw: number | null, intensity: number | null): void {
    this.push(time, powerKw, intensity);
    let drop = 0;
    while (drop < this.times.length && (this.times[drop] ?? 0) < time - DAY_S) drop += 1;
    if (drop > 0) {
      this.times.splice(0, drop);
      this.power.splice(0, drop);
      this.intensity.splice(0, drop);
    }
    this.redraw();
  }

  get length(): number {
    return this.times.length;
  }

  private push(time: number, powerKw: number | null, intensity: number | null): void {
    this.times.push(time);
    this.power.push(powerKw);
    this.intensity.push(intensity);
  }

  private redraw(): void {
    this.plot.setData([this.times, this.power, this.intensity]);
  }
}
